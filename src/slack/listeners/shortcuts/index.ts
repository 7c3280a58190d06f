import type { App, MessageShortcut } from '@slack/bolt';
import type { ListenerDeps } from '../../context.js';
import { checkShortcut } from './check.js';

/** The callback ids of the shortcuts this app declares (manifest.json `features.shortcuts`). */
export const SHORTCUT_IDS = { check: 'notech_check' } as const;
export const SHORTCUTS = [SHORTCUT_IDS.check] as const;

export function register(app: App, deps: ListenerDeps): void {
  app.shortcut<MessageShortcut>({ callback_id: SHORTCUT_IDS.check, type: 'message_action' }, checkShortcut(deps));
}
