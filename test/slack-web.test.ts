/**
 * src/slack-web.ts against a real WebClient and the fake Slack Web API on 127.0.0.1: the error
 * code of each kind of failure, joinChannel's three answers, and the attempts each client makes.
 */
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../src/log.js';
import { DIGEST_CLIENT_OPTIONS, errorCode, joinChannel, REPLY_CLIENT_OPTIONS, retryAfterSeconds } from '../src/slack-web.js';
import { FakeSlack, type Failure } from './support/fake-slack.js';

let slack: FakeSlack;
const logger = createLogger({ level: 'silent' });
beforeAll(async () => {
  slack = await new FakeSlack().start();
});
afterAll(() => slack.stop());
beforeEach(() => slack.reset());

const digestClient = () => new WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, ...DIGEST_CLIENT_OPTIONS, timeout: 800 });

async function failureOf(client: WebClient): Promise<unknown> {
  return client.chat.postMessage({ channel: 'C0ORGANIZE', text: 'x' }).then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('errorCode', () => {
  it.each<[string, Failure, string]>([
    ['an ok:false answer: Slack’s own error', { kind: 'error', error: 'not_in_channel' }, 'not_in_channel'],
    ['an HTTP 503', { kind: 'status', status: 503 }, 'http_503'],
    ['ratelimited', { kind: 'ratelimited', retryAfterSeconds: 7 }, 'ratelimited'],
    ['a dropped connection', { kind: 'drop' }, 'slack_webapi_request_error'],
  ])('%s', async (_label, failure, code) => {
    slack.fail('chat.postMessage', failure);
    const error = await failureOf(digestClient());
    expect(errorCode(error)).toBe(code);
    expect(retryAfterSeconds(error)).toBe(failure.kind === 'ratelimited' ? 7 : undefined);
  });

  it('anything else is unknown_error, never its message', () => {
    expect(errorCode(new Error('text a person typed'))).toBe('unknown_error');
    expect(errorCode(undefined)).toBe('unknown_error');
  });
});

describe('attempts per call', () => {
  it('the digest client makes exactly 1 (its sender loops itself)', async () => {
    slack.fail('chat.postMessage', { kind: 'status', status: 500 }, { kind: 'status', status: 500 });
    await failureOf(digestClient());
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('the reply client makes at most 3, and none after an ok:false answer', async () => {
    const client = new WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, ...REPLY_CLIENT_OPTIONS });
    slack.fail('chat.postMessage', { kind: 'status', status: 500 }, { kind: 'status', status: 500 }, { kind: 'status', status: 500 }, { kind: 'status', status: 500 });
    expect(errorCode(await failureOf(client))).toBe('http_500');
    expect(slack.callsTo('chat.postMessage')).toHaveLength(3);
    slack.reset();
    slack.fail('chat.postMessage', { kind: 'error', error: 'channel_not_found' });
    await failureOf(client);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
  });
});

describe('joinChannel', () => {
  it('joined, or cannot (with Slack’s reason logged, not the channel)', async () => {
    expect(await joinChannel(digestClient(), 'C0ORGANIZE', logger)).toBe('joined');
    slack.fail('conversations.join', { kind: 'error', error: 'method_not_supported_for_channel_type' });
    expect(await joinChannel(digestClient(), 'D0DIRECT', logger)).toBe('cannot');
  });
});
