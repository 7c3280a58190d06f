import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../../context.js';
import type { Route } from '../route.js';
import { checkShortcut } from './check.js';

/** The callback ids of the shortcuts this app declares (manifest.json `features.shortcuts`). */
export const SHORTCUT_IDS = { check: 'notech_check' } as const;
export const SHORTCUTS = [SHORTCUT_IDS.check] as const;

/** Message shortcuts, by callback id (what `app.shortcut({ callback_id, type: 'message_action' }, …)` would match). */
export function route(deps: ListenerDeps): Route {
  const check = checkShortcut(deps);
  return (args) => {
    // Bolt's `shortcut`, as app.shortcut's matchers read it: a message_action body that also
    // carries `actions` is an action to Bolt, with no `shortcut`, and is not ours.
    if (args.shortcut?.type !== 'message_action' || args.shortcut.callback_id !== SHORTCUT_IDS.check) return undefined;
    return check(args as unknown as SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs);
  };
}
