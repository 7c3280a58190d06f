import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTION_IDS, OPEN_ACTION_PATTERN } from '../../../messages/compose.js';
import type { ListenerDeps } from '../../context.js';
import { openAction } from './open.js';
import { shareAction } from './share.js';

/** The action ids this app answers; every button the bot sends uses one of them. */
export const ACTIONS = [ACTION_IDS.share, OPEN_ACTION_PATTERN] as const;

export function register(app: App, deps: ListenerDeps): void {
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.share, shareAction(deps));
  app.action<BlockAction<ButtonAction>>(OPEN_ACTION_PATTERN, openAction(deps));
}
