import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { surfaceOptions, type ListenerDeps } from '../../context.js';
import type { HomeViews } from '../../views/home.js';

/** Publish the Home tab, built from the knowledge version now serving. */
export function appHomeOpened(deps: ListenerDeps, homes: HomeViews) {
  return async ({ event, client }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== 'home') return;
    await client.views.publish({ user_id: event.user, view: homes.forKnowledge(deps.store.current, surfaceOptions(deps).now) });
    deps.activity.count('homeViews');
    deps.logger.debug({ event: 'app_home_opened', version: deps.store.current.version }, 'home published');
  };
}
