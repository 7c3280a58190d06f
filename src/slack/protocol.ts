/**
 * Requests no listener of ours acknowledges, acknowledged at once instead of being left to
 * Bolt's HTTP receiver, which answers 404 after 3 seconds (a failed delivery in Slack's eyes,
 * an error in the person's modal or "the app did not respond"). They arrive here after the
 * receiver verified the signature (processEvent is what every receiver calls with a verified
 * body):
 *
 * - `app_rate_limited`, sent when a workspace's events exceed 30,000 an hour
 *   (`{"type":"app_rate_limited","minute_rate_limited":…}`, no inner event): Bolt knows no such
 *   type and calls no listener. It is logged: an operator wants to know.
 * - any interaction no listener took: a view_submission while reporting is off (the report
 *   modal's listener is registered only with MAINTAINERS_CHANNEL, listeners/index.ts says why),
 *   a view_submission or view_closed of a modal that is not ours or no longer exists, a
 *   block_suggestion, a shortcut or a button with an id we do not know (a stale message, an
 *   older manifest, a forged request). Each gets an empty acknowledgement once Bolt has run
 *   every listener (a modal closes, a menu offers nothing) and nothing is sent.
 *
 * Events need nothing here: Bolt acknowledges them before any listener runs.
 */
import type { App } from '@slack/bolt';
import type { Logger } from 'pino';

export function acknowledgeProtocolEvents(app: App, logger: Logger): void {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = async (event) => {
    const body = event.body as { type?: unknown; minute_rate_limited?: unknown };
    if (body.type === 'app_rate_limited') {
      await event.ack();
      const minute = typeof body.minute_rate_limited === 'number' ? body.minute_rate_limited : null;
      logger.warn({ event: 'app_rate_limited', minuteRateLimited: minute }, 'Slack is holding back event deliveries (over 30,000 an hour)');
      return;
    }
    // A receiver's ack may be called once (HTTP throws on a second call): note whether a listener did.
    const ack = event.ack;
    let acknowledged = false;
    event.ack = async (response) => {
      acknowledged = true;
      await ack(response);
    };
    await processEvent(event);
    if (acknowledged) return;
    await ack();
    // The type only: a callback or action id is the sender's to choose, and says nothing we need.
    logger.warn({ interaction: typeof body.type === 'string' ? body.type.slice(0, 40) : null }, 'request no listener took acknowledged; nothing sent');
  };
}
