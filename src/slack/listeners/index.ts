/** Every listener, registered in one place. */
import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../context.js';
import * as actions from './actions/index.js';
import * as commands from './commands/index.js';
import * as events from './events/index.js';
import type { RequestArgs, Route } from './route.js';
import * as shortcuts from './shortcuts/index.js';
import * as views from './views/index.js';

/**
 * The listeners, behind one Bolt middleware that routes each request by its kind and id.
 *
 * Why not one `app.command` / `app.event` / `app.action` … per kind, as Slack's starter apps do:
 * Bolt runs every registered listener's matchers on every request, copying the listener's
 * middleware array and spreading about fifteen arguments for each step. Measured in process on
 * a `/notech` body (`app.processEvent`, 30 November, docs/PERFORMANCE.md): 20.7 µs with one
 * listener, 34.0 µs with the four NoTech needs, 11.8 µs with this router and none: about 12% of
 * the server's CPU per slash command, and what target (b) of issue #14 needed. The matches are the ones those listeners would make (route.ts), each
 * kind's in its own module; a request nothing matches goes on (`next`) to protocol.ts, which
 * acknowledges it. The report modal's submissions are routed only when reporting is on
 * (MAINTAINERS_CHANNEL): without it no report modal can be opened.
 */
export function registerListeners(app: App, deps: ListenerDeps): void {
  const routes: Route[] = [commands.route(deps), events.route(deps), actions.route(deps), shortcuts.route(deps), ...(deps.reports ? [views.route(deps)] : [])];
  app.use(async (args) => {
    for (const route of routes) {
      const handled = route(args as unknown as RequestArgs);
      if (handled) return handled;
    }
    return args.next();
  });
}

export const REGISTERED = { commands: commands.COMMANDS, events: events.EVENTS, actions: actions.ACTIONS, views: views.VIEWS, shortcuts: shortcuts.SHORTCUTS };
