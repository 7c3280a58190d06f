import type { App } from '@slack/bolt';
import { REPORT } from '../../../messages/report.js';
import type { ListenerDeps } from '../../context.js';
import { reportSubmission } from './report.js';

/** The callback ids of the modals this app answers (view_submission). */
export const VIEWS = [REPORT.callbackId] as const;

export function register(app: App, deps: ListenerDeps): void {
  app.view({ callback_id: REPORT.callbackId, type: 'view_submission' }, reportSubmission(deps));
}
