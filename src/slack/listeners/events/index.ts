import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../../context.js';
import { HomeViews } from '../../views/home.js';
import { appHomeOpened } from './app-home-opened.js';
import { appMention } from './app-mention.js';

export const EVENTS = ['app_mention', 'app_home_opened'] as const;

export function register(app: App, deps: ListenerDeps): void {
  app.event('app_mention', appMention(deps));
  app.event('app_home_opened', appHomeOpened(deps, new HomeViews()));
}
