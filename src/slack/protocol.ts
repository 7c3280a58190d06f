/**
 * Slack's own protocol events that Bolt does not route. `app_rate_limited` (sent when a
 * workspace's events exceed 30,000 an hour: `{"type":"app_rate_limited","minute_rate_limited":…}`,
 * no inner event) has no type Bolt knows, so Bolt calls no listener and never acknowledges it:
 * its HTTP receiver answers 404 after 3 seconds, a failed delivery in Slack's eyes. This
 * acknowledges it at once, after Bolt's receiver has verified the signature (processEvent is
 * what every receiver calls with a verified body), and logs it: an operator wants to know.
 */
import type { App } from '@slack/bolt';
import type { Logger } from 'pino';

export function acknowledgeProtocolEvents(app: App, logger: Logger): void {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = async (event) => {
    const body = event.body as { type?: unknown; minute_rate_limited?: unknown };
    if (body.type !== 'app_rate_limited') return processEvent(event);
    await event.ack();
    const minute = typeof body.minute_rate_limited === 'number' ? body.minute_rate_limited : null;
    logger.warn({ event: 'app_rate_limited', minuteRateLimited: minute }, 'Slack is holding back event deliveries (over 30,000 an hour)');
  };
}
