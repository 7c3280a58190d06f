import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { REPORT } from '../../../messages/report.js';
import type { ListenerDeps } from '../../context.js';
import type { Route } from '../route.js';
import { reportSubmission } from './report.js';

/** The callback ids of the modals this app answers (view_submission). */
export const VIEWS = [REPORT.callbackId] as const;

/** Modal submissions, by callback id (what `app.view({ callback_id, type: 'view_submission' }, …)` would match). */
export function route(deps: ListenerDeps): Route {
  const report = reportSubmission(deps);
  return (args) => {
    if (args.body.type !== 'view_submission' || args.view?.callback_id !== REPORT.callbackId) return undefined;
    return report(args as unknown as SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs);
  };
}
