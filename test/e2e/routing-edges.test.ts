/**
 * Issue 14, found by sending the same signed requests to the app before and after the routing
 * middleware (listeners/index.ts): each route must match only requests Bolt has sorted into its
 * kind, as the Bolt listener it replaced did (`app.shortcut` looks at Bolt's `shortcut`, never at
 * the raw body), and a malformed id must be left alone quietly, with no error.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/app-harness.js';
import { FORM, JSON_TYPE, eventCallback, mentionEvent, signed } from '../support/slack-requests.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { MAINTAINERS_CHANNEL: 'C0MAINTAIN' } });
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.slack.reset();
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 200));
const form = (payload: unknown) => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
const errorsSince = (from: number) => h.logs.slice(from).filter((line) => /"level":(50|60)/.test(line));
const value = '{"v":1,"q":"elbit","lang":"en"}';
const interaction = (extra: Record<string, unknown>) => ({
  token: 'deprecated',
  team: { id: 'T0TEST', domain: 'test' },
  user: { id: 'U0MAYA', username: 'maya', name: 'maya', team_id: 'T0TEST' },
  channel: { id: 'C0ORGANIZE', name: 'organizing' },
  api_app_id: 'A0NOTECH',
  trigger_id: 't.1',
  is_enterprise_install: false,
  enterprise: null,
  ...extra,
});

async function expectLeftAlone(body: string, contentType: string): Promise<void> {
  const from = h.logs.length;
  const response = await h.post(signed(body, contentType));
  expect(response.status).toBe(200);
  await settle();
  expect(h.slack.calls).toEqual([]);
  expect(h.slack.responsePosts).toEqual([]);
  expect(errorsSince(from)).toEqual([]);
}

describe('a route matches only what Bolt sorted into its kind', () => {
  it('a message_action body that also carries actions (Bolt: an action) is not given to the check shortcut', async () => {
    const payload = interaction({
      type: 'message_action',
      callback_id: 'notech_check',
      response_url: h.slack.responseUrl('shortcut'),
      message_ts: '1764000000.000100',
      message: { type: 'message', user: 'U0BOSS', ts: '1764000000.000100', text: 'We signed with Elbit' },
      actions: [{ type: 'button', block_id: 'b', action_id: 'other', value: 'x' }],
    });
    await expectLeftAlone(form(payload), FORM);
  });

  it('a view_submission body that also carries actions (Bolt: an action) is not given to the report modal', async () => {
    const payload = interaction({
      type: 'view_submission',
      view: { id: 'V0VIEW', type: 'modal', callback_id: 'notech_report_submit', private_metadata: '{"id":"elbit","lang":"en"}', state: { values: {} }, blocks: [] },
      actions: [{ type: 'button', block_id: 'b', action_id: 'other', value: 'x' }],
    });
    await expectLeftAlone(form(payload), FORM);
  });
});

describe('malformed ids are left alone without an error (Bolt 5 listener matchers threw on them)', () => {
  const button = (action: unknown) => interaction({ type: 'block_actions', response_url: h.slack.responseUrl('button'), container: { type: 'message', message_ts: '1.1', channel_id: 'C0ORGANIZE' }, actions: action });
  it.each([
    ['an action_id that is a number', [{ type: 'button', action_id: 7, block_id: 'b', value }]],
    ['an action_id that is null', [{ type: 'button', action_id: null, block_id: 'b', value }]],
    ['no action_id', [{ type: 'button', block_id: 'b', value }]],
    ['actions that are a string', 'notech_share'],
    ['actions that are empty', []],
  ])('%s', async (_name, actions) => {
    await expectLeftAlone(form(button(actions)), FORM);
  });

  it.each([5, null, {}, ['app_mention']])('an event whose type is %j', async (type) => {
    await expectLeftAlone(eventCallback({ ...mentionEvent('<@U0NOTECH> elbit'), type }), JSON_TYPE);
  });
});
