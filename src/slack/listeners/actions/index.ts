import type { BlockAction, ButtonAction, SlackActionMiddlewareArgs, AllMiddlewareArgs } from '@slack/bolt';
import { ACTION_IDS, OPEN_ACTION_PATTERN } from '../../../messages/buttons.js';
import type { ListenerDeps } from '../../context.js';
import { allFactsAction } from './all-facts.js';
import { openAction } from './open.js';
import { reportAction } from './report.js';
import { shareAction } from './share.js';
import type { Route } from '../route.js';

/** The action ids this app answers; every button the bot sends uses one of them. */
export const ACTIONS = [ACTION_IDS.share, ACTION_IDS.allFacts, OPEN_ACTION_PATTERN, ACTION_IDS.report] as const;

/**
 * The bot's buttons, by action id: block_actions whose action_id starts `notech_` (what
 * `app.action(/^notech_/, …)` would match, but in block_actions only: the bot sends no legacy
 * attachment buttons, so an interactive_message is not ours). An unknown `notech_` id is acknowledged and logged;
 * any other action is left to protocol.ts, which acknowledges it.
 */
export function route(deps: ListenerDeps): Route {
  const share = shareAction(deps);
  const open = openAction(deps);
  const allFacts = allFactsAction(deps);
  const report = reportAction(deps);
  return (args) => {
    if (args.body.type !== 'block_actions') return undefined;
    const id = args.action?.action_id;
    if (typeof id !== 'string' || !id.startsWith('notech_')) return undefined;
    const button = args as unknown as SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;
    if (id === ACTION_IDS.share) return share(button);
    if (id === ACTION_IDS.allFacts) return allFacts(button);
    if (OPEN_ACTION_PATTERN.test(id)) return open(button);
    if (id === ACTION_IDS.report) return report(button);
    return button.ack().then(() => deps.logger.warn({ action: 'unknown' }, 'button with an unknown action id ignored'));
  };
}
