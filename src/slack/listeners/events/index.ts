import type { ListenerDeps } from '../../context.js';
import { HomeViews } from '../../views/home.js';
import { appHomeOpened } from './app-home-opened.js';
import { appMention } from './app-mention.js';
import { directMessage } from './direct-message.js';
import { workspaceGone } from './uninstall.js';
import type { Route } from '../route.js';

/** The events this app subscribes to, as the manifest names them (`message.im` arrives as type `message`). */
export const EVENTS = ['app_mention', 'app_home_opened', 'message.im', 'app_uninstalled', 'tokens_revoked'] as const;

/** Events, by type (what `app.event(type, …)` would match); Bolt has acknowledged them already. */
export function route(deps: ListenerDeps): Route {
  // Each listener takes its own event's arguments; which one applies is decided by the type here.
  const gone = workspaceGone(deps);
  const handlers: Record<string, (args: never) => Promise<void>> = {
    app_mention: appMention(deps),
    app_home_opened: appHomeOpened(deps, new HomeViews()),
    // DMs only (`message.im`): the listener checks channel_type, so another message.* subscription answers nothing by accident.
    message: directMessage(deps),
    // With OAuth: forget the workspace (its installation, its digest subscriptions and logs).
    app_uninstalled: gone,
    tokens_revoked: gone,
  };
  return (args) => {
    const type = args.event?.type;
    // Own properties only: an event type such as `constructor` or `__proto__` finds nothing.
    const handler = typeof type === 'string' && Object.hasOwn(handlers, type) ? handlers[type] : undefined;
    return handler?.(args as never);
  };
}
