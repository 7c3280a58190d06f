import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../../context.js';
import { HomeViews } from '../../views/home.js';
import { appHomeOpened } from './app-home-opened.js';
import { appMention } from './app-mention.js';
import { directMessage } from './direct-message.js';
import { workspaceGone } from './uninstall.js';

/** The events this app subscribes to, as the manifest names them (`message.im` arrives as type `message`). */
export const EVENTS = ['app_mention', 'app_home_opened', 'message.im', 'app_uninstalled', 'tokens_revoked'] as const;

/**
 * One Bolt listener for all events, routing by type: Bolt runs every listener's middleware on
 * every request, so fewer listeners make every request cheaper (docs/PERFORMANCE.md).
 */
export function register(app: App, deps: ListenerDeps): void {
  const handlers = {
    app_mention: appMention(deps),
    app_home_opened: appHomeOpened(deps, new HomeViews()),
    // DMs only (`message.im`): the listener checks channel_type, so another message.* subscription answers nothing by accident.
    message: directMessage(deps),
    // With OAuth: forget the workspace (its installation, its digest subscriptions and logs).
    app_uninstalled: workspaceGone(deps),
    tokens_revoked: workspaceGone(deps),
  } as const;
  app.event(new RegExp(`^(${Object.keys(handlers).join('|')})$`), async (args) => {
    const handler = handlers[args.event.type as keyof typeof handlers] as ((args: unknown) => Promise<void>) | undefined;
    await handler?.(args);
  });
}
