/**
 * Issue 14, the two changes that made an organizer's answer cheaper, over signed HTTP:
 * - the acknowledgement carries the answer as JSON made once per remembered message
 *   (protocol.ts `ephemeralBody`): it must stay JSON, with Slack's content type, and be exactly
 *   the message the reply module composes, for remembered and composed answers alike;
 * - one Bolt middleware routes requests to the listeners (listeners/index.ts): requests that
 *   look like ours but are not must be left alone exactly as Bolt's own listener matchers left
 *   them (acknowledged, nothing sent), and ours must still reach their listener.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { replyToCommand } from '../../src/reply/index.js';
import { startHarness, type Harness } from '../support/app-harness.js';
import { FORM, JSON_TYPE, blockAction, eventCallback, mentionEvent, signed, slashCommand } from '../support/slack-requests.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.slack.reset();
});

async function command(text: string): Promise<{ status: number; contentType: string | null; body: string }> {
  const request = signed(slashCommand(text, h.slack.responseUrl('ack')), FORM);
  const response = await fetch(`${h.baseUrl}/slack/events`, { method: 'POST', headers: request.headers, body: request.body });
  return { status: response.status, contentType: response.headers.get('content-type'), body: await response.text() };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

describe('a slash command is acknowledged with its answer as JSON', () => {
  it.each([
    ['a card (remembered)', 'elbit'],
    ['the full card (remembered)', 'elbit full'],
    ['a misspelling (did you mean, composed each time)', 'palentir'],
    ['an Arabic query', 'مصلحة السجون'],
    ['a hostile mention', '<!channel> elbit'],
    ['an empty text (help)', ''],
    ['a huge text', 'elbit '.repeat(500)],
    ['quotes, backslashes and a line separator', 'el"bit\\\u2028'],
  ])('%s', async (_kind, text) => {
    const expected = JSON.stringify({ response_type: 'ephemeral', ...replyToCommand(text, h.store.current, 'en', { reportable: false, now: new Date() }).message });
    for (let i = 0; i < 3; i++) {
      const ack = await command(text);
      expect(ack.status).toBe(200);
      // Slack reads a body as a message only with this type; without it the JSON would be shown as text.
      expect(ack.contentType).toBe('application/json');
      expect(ack.body).toBe(expected);
    }
  });
});

describe('requests the listeners do not match are acknowledged and send nothing', () => {
  const form = (payload: Record<string, unknown>) => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'app_mentions', 'APP_MENTION', 'message.im', ''])('an event of type %j', async (type) => {
    const logsBefore = h.logs.length;
    const response = await h.post(signed(eventCallback({ ...mentionEvent('<@U0NOTECH> elbit'), type }), JSON_TYPE));
    expect(response.status).toBe(200);
    await settle();
    expect(h.slack.calls).toEqual([]);
    expect(h.logs.slice(logsBefore).filter((line) => line.includes('"level":50'))).toEqual([]);
  });

  it.each(['/other', '/NOTECH', '/notech ', ''])('the command %j', async (name) => {
    const response = await h.post(signed(slashCommand('elbit', h.slack.responseUrl('other'), { command: name }), FORM));
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
    await settle();
    expect(h.slack.calls).toEqual([]);
    expect(h.slack.responsePosts).toEqual([]);
  });

  it.each(['other_share', 'NOTECH_share', 'xnotech_share', ''])('a button with action_id %j', async (actionId) => {
    const response = await h.post(signed(blockAction({ action_id: actionId, value: '{"v":1,"q":"elbit","lang":"en"}' }, { responseUrl: h.slack.responseUrl('button') }), FORM));
    expect(response.status).toBe(200);
    await settle();
    expect(h.slack.calls).toEqual([]);
    expect(h.slack.responsePosts).toEqual([]);
  });

  it('a legacy attachment button named like ours (interactive_message)', async () => {
    const payload = { type: 'interactive_message', callback_id: 'notech_share', actions: [{ name: 'notech_share', type: 'button', value: 'x' }], team: { id: 'T0TEST', domain: 'test' }, channel: { id: 'C0ORGANIZE', name: 'organizing' }, user: { id: 'U0MAYA', name: 'maya' }, action_ts: '1.2', message_ts: '1.1', attachment_id: '1', token: 'deprecated', response_url: h.slack.responseUrl('legacy'), trigger_id: 't.1' };
    const response = await h.post(signed(form(payload), FORM));
    expect(response.status).toBe(200);
    await settle();
    expect(h.slack.calls).toEqual([]);
    expect(h.slack.responsePosts).toEqual([]);
  });

  it('a global shortcut with the message shortcut callback_id', async () => {
    const payload = { type: 'shortcut', callback_id: 'notech_check', trigger_id: 't.1', action_ts: '1.2', team: { id: 'T0TEST', domain: 'test' }, user: { id: 'U0MAYA', username: 'maya', team_id: 'T0TEST' }, token: 'deprecated' };
    const response = await h.post(signed(form(payload), FORM));
    expect(response.status).toBe(200);
    await settle();
    expect(h.slack.calls).toEqual([]);
  });
});

describe('requests the listeners match still reach them', () => {
  it('a mention is answered in its thread', async () => {
    const response = await h.post(signed(eventCallback(mentionEvent('<@U0NOTECH> elbit')), JSON_TYPE));
    expect(response.status).toBe(200);
    await h.slack.waitFor(() => h.slack.callsTo('chat.postMessage').length > 0);
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('a Share press shares the card', async () => {
    const response = await h.post(signed(blockAction({ action_id: 'notech_share', value: '{"v":1,"q":"elbit lang:en","lang":"en"}' }, { responseUrl: h.slack.responseUrl('share') }), FORM));
    expect(response.status).toBe(200);
    const sent = () => h.slack.callsTo('chat.postMessage').length + h.slack.responsePosts.length;
    await h.slack.waitFor(() => sent() > 0);
    expect(sent()).toBeGreaterThan(0);
  });
});
