import type { App, BlockAction, ButtonAction, SlackActionMiddlewareArgs, AllMiddlewareArgs } from '@slack/bolt';
import { ACTION_IDS, OPEN_ACTION_PATTERN } from '../../../messages/buttons.js';
import type { ListenerDeps } from '../../context.js';
import { allFactsAction } from './all-facts.js';
import { openAction } from './open.js';
import { reportAction } from './report.js';
import { shareAction } from './share.js';

/** The action ids this app answers; every button the bot sends uses one of them. */
export const ACTIONS = [ACTION_IDS.share, ACTION_IDS.allFacts, OPEN_ACTION_PATTERN, ACTION_IDS.report] as const;

/** One Bolt listener for the bot's buttons, routing by action id (see events/index.ts for why). */
export function register(app: App, deps: ListenerDeps): void {
  const share = shareAction(deps);
  const open = openAction(deps);
  const allFacts = allFactsAction(deps);
  const report = reportAction(deps);
  app.action<BlockAction<ButtonAction>>(/^notech_/, async (args: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs) => {
    const id = args.action.action_id;
    if (id === ACTION_IDS.share) await share(args);
    else if (id === ACTION_IDS.allFacts) await allFacts(args);
    else if (OPEN_ACTION_PATTERN.test(id)) await open(args);
    else if (id === ACTION_IDS.report) await report(args);
    else {
      await args.ack();
      deps.logger.warn({ action: 'unknown' }, 'button with an unknown action id ignored');
    }
  });
}
