/**
 * Generated hostile input over real signed HTTP, through Bolt and every listener (digest
 * commands included): the app answers every request, every message is within limits and acts
 * on no control sequence, and it still answers afterwards.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkMessage } from '../../src/messages/limits.js';
import type { SlackMessage } from '../../src/messages/types.js';
import { startHarness, type Harness } from '../support/app-harness.js';
import { FORBIDDEN_IN_MESSAGES, hostileButtonValue, hostileText, shown } from '../support/hostile.js';
import { blockAction, directMessageEvent, eventCallback, FORM, JSON_TYPE, mentionEvent, messageShortcut, signed, slashCommand } from '../support/slack-requests.js';

const RUNS = 300;
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ digest: true });
});
afterAll(async () => {
  await h.close();
});

function expectSafe(message: SlackMessage, allow: string[] = []) {
  expect(checkMessage(message, 'message', { allow })).toEqual([]);
  let text = shown(message);
  for (const allowed of allow) text = text.split(allowed).join('');
  expect(text).not.toMatch(FORBIDDEN_IN_MESSAGES);
}

describe(`${RUNS} generated requests per surface over signed HTTP`, () => {
  it('slash commands, including digest subcommands', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileText, hostileText.map((text) => `digest ${text}`)), async (text) => {
        h.slack.reset();
        const response = await h.post(signed(slashCommand(text, h.slack.responseUrl('f')), FORM));
        expect(response.status).toBe(200);
        if (response.text !== '') expectSafe(response.json() as SlackMessage);
        else await h.slack.waitFor(() => h.slack.responsePosts.length >= 1);
        for (const post of h.slack.responsePosts) expectSafe(post.body as unknown as SlackMessage);
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it('mentions', async () => {
    h.slack.reset();
    await fc.assert(
      fc.asyncProperty(hostileText, async (text) => {
        expect((await h.post(signed(eventCallback(mentionEvent(text, { thread_ts: `${Math.random()}` })), JSON_TYPE))).status).toBe(200);
      }),
      { numRuns: RUNS },
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const call of h.slack.callsTo('chat.postMessage')) expectSafe(call.args as unknown as SlackMessage);
    expect(h.slack.callsTo('chat.postMessage').length).toBeGreaterThan(RUNS / 2);
  }, 120_000);

  it('DMs (message.im)', async () => {
    h.slack.reset();
    await fc.assert(
      fc.asyncProperty(hostileText, async (text) => {
        expect((await h.post(signed(eventCallback(directMessageEvent(text)), JSON_TYPE))).status).toBe(200);
      }),
      { numRuns: RUNS },
    );
    await h.slack.waitFor(() => h.slack.callsTo('chat.postMessage').length >= RUNS, 10_000);
    for (const call of h.slack.callsTo('chat.postMessage')) expectSafe(call.args as unknown as SlackMessage);
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(RUNS);
  }, 120_000);

  it('the message shortcut "Check with NoTech"', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, async (text) => {
        h.slack.reset();
        const response = await h.post(signed(messageShortcut({ text }, { responseUrl: h.slack.responseUrl('c') }), FORM));
        expect(response.status).toBe(200);
        await h.slack.waitFor(() => h.slack.callsTo('chat.postEphemeral').length >= 1);
        for (const call of h.slack.callsTo('chat.postEphemeral')) expectSafe(call.args as unknown as SlackMessage);
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it('button payloads', async () => {
    await fc.assert(
      fc.asyncProperty(hostileButtonValue, fc.constantFrom('notech_share', 'notech_open_0', 'notech_open_3'), async (value, actionId) => {
        h.slack.reset();
        const response = await h.post(signed(blockAction({ action_id: actionId, value }, { responseUrl: h.slack.responseUrl('b') }), FORM));
        expect(response.status).toBe(200);
        await h.slack.waitFor(() => h.slack.responsePosts.length >= 1);
        for (const post of h.slack.responsePosts) expectSafe(post.body as unknown as SlackMessage, ['<@U0MAYA>']);
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it('still answers afterwards', async () => {
    const response = await h.post(signed(slashCommand('elbit', h.slack.responseUrl('end')), FORM));
    expect(response.status).toBe(200);
    expect(JSON.stringify(response.json())).toContain('Elbit Systems');
    expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
  });
});
