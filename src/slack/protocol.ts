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
 *
 * Over HTTP, a body made by `ephemeralBody` is sent as JSON made once per body rather than on
 * every request (below).
 */
import type { ServerResponse } from 'node:http';
import type { App } from '@slack/bolt';
import type { Logger } from 'pino';
import type { SlackMessage } from '../messages/types.js';

/**
 * Where the HTTP receiver's event carries its HTTP response (`customProperties`, app.ts): only
 * this module writes through it, to send a prepared body. Absent in Socket Mode.
 */
export const HTTP_RESPONSE = Symbol('notech.httpResponse');

/** A private answer to a slash command, as its acknowledgement carries it. */
export type EphemeralBody = SlackMessage & { response_type: 'ephemeral' };

/** Acknowledgement bodies made by `ephemeralBody`, with their JSON once it has been made. */
const prepared = new WeakMap<object, string | undefined>();
const bodies = new WeakMap<SlackMessage, EphemeralBody>();

/**
 * The acknowledgement body for a private answer: `{ response_type: 'ephemeral', ...message }`,
 * the same object for the same message. Remembered answers (reply/index.ts keeps cards, the
 * list, help and the version per knowledge version) are the same message object request after
 * request, so their JSON is made once and sent as is (see the ack below): Bolt's own ack calls
 * `JSON.stringify` on every request, about 8 µs of server CPU for a 2 KB card here, which is
 * 5% of all a compact answer costs (docs/PERFORMANCE.md). The body must not be mutated.
 */
export function ephemeralBody(message: SlackMessage): EphemeralBody {
  let body = bodies.get(message);
  if (!body) {
    body = { response_type: 'ephemeral', ...message };
    bodies.set(message, body);
    prepared.set(body, undefined);
  }
  return body;
}

/** The JSON of a body from `ephemeralBody` (made at its first acknowledgement), or undefined for any other. */
function preparedJson(response: unknown): string | undefined {
  if (typeof response !== 'object' || response === null || !prepared.has(response)) return undefined;
  let json = prepared.get(response);
  if (json === undefined) prepared.set(response, (json = JSON.stringify(response)));
  return json;
}

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
    const httpResponse = (event.customProperties as { [HTTP_RESPONSE]?: ServerResponse } | undefined)?.[HTTP_RESPONSE];
    event.ack = async (response) => {
      acknowledged = true;
      const json = httpResponse ? preparedJson(response) : undefined;
      if (json === undefined) return ack(response);
      // Bolt's ack writes a string as it is, with writeHead(200) and no content type; the header
      // set here is kept (Node merges setHeader's headers into writeHead's), so Slack reads JSON,
      // exactly as when Bolt serializes an object itself. Socket Mode has no HTTP response and
      // gets the object.
      httpResponse!.setHeader('content-type', 'application/json');
      return ack(json);
    };
    await processEvent(event);
    if (acknowledged) return;
    await ack();
    // The type only: a callback or action id is the sender's to choose, and says nothing we need.
    logger.warn({ interaction: typeof body.type === 'string' ? body.type.slice(0, 40) : null }, 'request no listener took acknowledged; nothing sent');
  };
}
