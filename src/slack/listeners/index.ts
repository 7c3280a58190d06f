/** Every listener, registered in one place (as in Slack's bolt-js starter apps). */
import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../context.js';
import * as actions from './actions/index.js';
import * as commands from './commands/index.js';
import * as events from './events/index.js';
import * as shortcuts from './shortcuts/index.js';
import * as views from './views/index.js';

/**
 * Bolt runs every registered listener's matchers on every request, about 7 µs each here
 * (docs/PERFORMANCE.md, 30 November): five listeners made every slash command 14% slower than
 * three. So each kind has one listener that routes inside, and the report modal's listener is
 * registered only when reporting is on (MAINTAINERS_CHANNEL): without it no report modal can
 * be opened, so there is nothing to submit.
 */
export function registerListeners(app: App, deps: ListenerDeps): void {
  commands.register(app, deps);
  events.register(app, deps);
  actions.register(app, deps);
  if (deps.reports) views.register(app, deps);
  shortcuts.register(app, deps);
}

export const REGISTERED = { commands: commands.COMMANDS, events: events.EVENTS, actions: actions.ACTIONS, views: views.VIEWS, shortcuts: shortcuts.SHORTCUTS };
