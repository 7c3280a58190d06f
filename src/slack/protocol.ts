/**
 * Requests no listener of ours will acknowledge, acknowledged at once instead of being left to
 * Bolt's HTTP receiver, which answers 404 after 3 seconds (a failed delivery in Slack's eyes,
 * an error in the person's modal). Both arrive here after the receiver verified the signature
 * (processEvent is what every receiver calls with a verified body):
 *
 * - `app_rate_limited`, sent when a workspace's events exceed 30,000 an hour
 *   (`{"type":"app_rate_limited","minute_rate_limited":…}`, no inner event): Bolt knows no such
 *   type and calls no listener. It is logged: an operator wants to know.
 * - a `view_submission` while reporting is off: the report modal's listener is registered only
 *   with MAINTAINERS_CHANNEL (listeners/index.ts says why), so a report modal opened before a
 *   restart without it, or a forged one, is closed with an empty acknowledgement and nothing sent.
 */
import type { App } from '@slack/bolt';
import type { Logger } from 'pino';

export function acknowledgeProtocolEvents(app: App, logger: Logger, options: { viewListener: boolean }): void {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = async (event) => {
    const body = event.body as { type?: unknown; minute_rate_limited?: unknown };
    if (body.type === 'app_rate_limited') {
      await event.ack();
      const minute = typeof body.minute_rate_limited === 'number' ? body.minute_rate_limited : null;
      logger.warn({ event: 'app_rate_limited', minuteRateLimited: minute }, 'Slack is holding back event deliveries (over 30,000 an hour)');
      return;
    }
    if (body.type === 'view_submission' && !options.viewListener) {
      await event.ack();
      logger.warn({ view: 'report' }, 'report submission rejected: reporting is off (MAINTAINERS_CHANNEL is not set)');
      return;
    }
    return processEvent(event);
  };
}
