/** Every listener, registered in one place (as in Slack's bolt-js starter apps). */
import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../context.js';
import * as actions from './actions/index.js';
import * as commands from './commands/index.js';
import * as events from './events/index.js';
import * as shortcuts from './shortcuts/index.js';
import * as views from './views/index.js';

export function registerListeners(app: App, deps: ListenerDeps): void {
  commands.register(app, deps);
  events.register(app, deps);
  actions.register(app, deps);
  views.register(app, deps);
  shortcuts.register(app, deps);
}

export const REGISTERED = { commands: commands.COMMANDS, events: events.EVENTS, actions: actions.ACTIONS, views: views.VIEWS, shortcuts: shortcuts.SHORTCUTS };
