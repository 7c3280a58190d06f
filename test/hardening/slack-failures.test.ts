/**
 * When the Slack Web API fails (500, 503, ratelimited with Retry-After, a hang past the client
 * timeout, a dropped connection), answers fall back sensibly and the process keeps answering.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SlackMessage } from '../../src/messages/types.js';
import { REPLY_RETRY } from '../../src/slack-web.js';
import { startHarness, type Harness } from '../support/app-harness.js';
import type { Failure } from '../support/fake-slack.js';
import { expectNoPrivateData } from '../support/privacy.js';
import { blockAction, eventCallback, FORM, JSON_TYPE, mentionEvent, signed, slashCommand } from '../support/slack-requests.js';

let h: Harness;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  // The production retry policy (the harness turns retries off elsewhere): one failure is retried by the client itself.
  h = await startHarness({ clientOptions: { timeout: 800, retryConfig: REPLY_RETRY } });
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await h.close();
  expect(unhandled).toEqual([]);
  expectNoPrivateData(h.logs);
});
beforeEach(() => h.slack.reset());

async function stillAnswers() {
  const response = await h.post(signed(slashCommand('elbit', h.slack.responseUrl('alive')), FORM));
  expect(response.status).toBe(200);
  expect((response.json() as SlackMessage).blocks.length).toBeGreaterThan(3);
}

describe('a mention reply when chat.postMessage fails once', () => {
  it.each<[string, Failure]>([
    ['500', { kind: 'status', status: 500 }],
    ['503', { kind: 'status', status: 503 }],
    ['ratelimited, Retry-After 1', { kind: 'ratelimited', retryAfterSeconds: 1 }],
    ['a hang past the client timeout', { kind: 'hang' }],
    ['a dropped connection', { kind: 'drop' }],
  ])('%s: the reply still reaches the thread, once', async (_label, failure) => {
    h.slack.fail('chat.postMessage', failure);
    await h.post(signed(eventCallback(mentionEvent('nimbus')), JSON_TYPE));
    await h.slack.waitFor(() => Object.values(Object.fromEntries(h.slack.channelMessages)).flat().length >= 1, 8000);
    expect(h.slack.channelMessages.get('C0ORGANIZE')).toHaveLength(1);
    await stillAnswers();
  });

  it('a failure that persists is logged, and the bot keeps answering', async () => {
    h.slack.fail('chat.postMessage', { kind: 'status', status: 500 }, { kind: 'status', status: 500 }, { kind: 'status', status: 500 });
    await h.post(signed(eventCallback(mentionEvent('nimbus')), JSON_TYPE));
    // After the third failed attempt the answer goes privately (chat.postEphemeral), then the failure is logged.
    await h.slack.waitFor(() => h.slack.callsTo('chat.postEphemeral').length >= 1, 8000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.logs.some((line) => line.includes('mention answer not delivered'))).toBe(true);
    // The client's own retries and no second layer: 3 attempts in all (src/slack-web.ts).
    expect(h.slack.callsTo('chat.postMessage').filter((call) => call.args.channel === 'C0ORGANIZE')).toHaveLength(3);
    await stillAnswers();
  });
});

describe('Share in channel when response_url fails', () => {
  const share = async (id: string) => {
    const value = JSON.stringify({ v: 1, q: 'palantir lang:en', lang: 'en' });
    await h.post(signed(blockAction({ action_id: 'notech_share', value }, { responseUrl: h.slack.responseUrl(id) }), FORM));
  };

  it('falls back to posting as the bot, then replaces the preview', async () => {
    h.slack.fail('response_url', { kind: 'status', status: 404 });
    await share('expired');
    await h.slack.waitFor(() => h.slack.callsTo('chat.postMessage').length >= 1 && h.slack.responsePosts.length >= 1);
    const post = h.slack.callsTo('chat.postMessage')[0]!;
    expect(post.args.channel).toBe('C0ORGANIZE');
    expect(JSON.stringify(post.args.blocks)).toContain('Shared by <@U0MAYA>');
    expect(h.slack.responsePosts[0]!.body).toMatchObject({ replace_original: true, text: 'Shared in the channel.' });
  });

  it('joins the channel when the bot is not in it', async () => {
    h.slack.fail('response_url', { kind: 'status', status: 500 });
    h.slack.fail('chat.postMessage', { kind: 'error', error: 'not_in_channel' });
    await share('not-member');
    // Wait for the whole flow, including the notice that replaces the preview.
    await h.slack.waitFor(() => h.slack.callsTo('chat.postMessage').length >= 2 && h.slack.responsePosts.length >= 1);
    expect(h.slack.callsTo('conversations.join')).toHaveLength(1);
    expect(h.slack.channelMessages.get('C0ORGANIZE')).toHaveLength(1);
  });

  it('tells the person privately when nothing works', async () => {
    h.slack.fail('response_url', { kind: 'status', status: 500 }, { kind: 'status', status: 500 });
    h.slack.fail('chat.postMessage', { kind: 'error', error: 'channel_not_found' }, { kind: 'error', error: 'channel_not_found' });
    h.slack.fail('conversations.join', { kind: 'error', error: 'channel_not_found' });
    await share('nothing-works');
    await h.slack.waitFor(() => h.slack.callsTo('chat.postEphemeral').length >= 1);
    expect(h.slack.callsTo('chat.postEphemeral')[0]!.args).toMatchObject({ channel: 'C0ORGANIZE', user: 'U0MAYA' });
    expect(JSON.stringify(h.slack.callsTo('chat.postEphemeral')[0]!.args)).toContain('/invite @NoTech');
    await stillAnswers();
  });
});

describe('App Home when views.publish fails', () => {
  it('logs it and keeps running', async () => {
    h.slack.fail('views.publish', { kind: 'status', status: 503 });
    const response = await h.post(signed(eventCallback({ type: 'app_home_opened', user: 'U0MAYA', channel: 'D0HOME', tab: 'home' }), JSON_TYPE));
    expect(response.status).toBe(200);
    await h.slack.waitFor(() => h.slack.callsTo('views.publish').length >= 1);
    await stillAnswers();
  });
});
