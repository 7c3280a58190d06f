/**
 * Issue 14: the report modal's view_submission listener exists only with MAINTAINERS_CHANNEL.
 * Every interaction Slack may post (or a stale or forged one, signed) must still be answered at
 * once, whatever its callback id, with or without reporting: an interaction left unacknowledged
 * is answered 404 by Bolt's receiver after 3 seconds, an error in the person's Slack. And none
 * of them may send anything.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/app-harness.js';
import { FORM, signed, viewSubmission } from '../support/slack-requests.js';

let on: Harness;
let off: Harness;
beforeAll(async () => {
  on = await startHarness({ env: { MAINTAINERS_CHANNEL: 'C0MAINTAIN' } });
  off = await startHarness();
});
afterAll(async () => {
  await on.close();
  await off.close();
});
beforeEach(() => {
  on.slack.reset();
  off.slack.reset();
});

const form = (payload: Record<string, unknown>) => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
const base = { team: { id: 'T0TEST', domain: 'test' }, user: { id: 'U0MAYA', name: 'maya', team_id: 'T0TEST' }, api_app_id: 'A0NOTECH', token: 'deprecated', is_enterprise_install: false, enterprise: null };
const aView = (callbackId: string) => ({ id: 'V0X', team_id: 'T0TEST', type: 'modal', blocks: [], private_metadata: '', callback_id: callbackId, state: { values: {} }, hash: '1.a', title: { type: 'plain_text', text: 'x' }, app_id: 'A0NOTECH', bot_id: 'B0NOTECH' });
const CALLBACK_IDS = ['notech_report_submit', '', 'notech_other', 'someone_elses_modal', 'x'.repeat(255)];

/** Every interaction kind Slack posts to the request URL that a listener of ours might not take. */
const payloads: Array<[string, string]> = [
  ...CALLBACK_IDS.map((id): [string, string] => [`view_submission "${id.slice(0, 20)}"`, viewSubmission({ callback_id: id }, {})]),
  ...CALLBACK_IDS.map((id): [string, string] => [`view_closed "${id.slice(0, 20)}"`, form({ ...base, type: 'view_closed', view: aView(id), is_cleared: false })]),
  ['block_suggestion', form({ ...base, type: 'block_suggestion', action_id: 'report_fact', block_id: 'report_fact', value: 'el', view: aView('notech_report_submit') })],
  ['global shortcut', form({ ...base, type: 'shortcut', callback_id: 'notech_unknown', trigger_id: 't.1', action_ts: '1.2' })],
  ['message shortcut, other id', form({ ...base, type: 'message_action', callback_id: 'notech_unknown', trigger_id: 't.1', action_ts: '1.2', channel: { id: 'C0X', name: 'x' }, message: { type: 'message', text: 'hi', ts: '1.1' }, response_url: 'http://127.0.0.1:9/x' })],
  ['block_actions, not our button', form({ ...base, type: 'block_actions', trigger_id: 't.1', container: { type: 'view', view_id: 'V0X' }, view: aView('notech_report_submit'), actions: [{ type: 'static_select', action_id: 'report_fact', block_id: 'report_fact', selected_option: { value: 'x', text: { type: 'plain_text', text: 'x' } }, action_ts: '1.2' }] })],
];

describe.each([
  ['with MAINTAINERS_CHANNEL', () => on],
  ['without MAINTAINERS_CHANNEL', () => off],
])('%s, every interaction no listener takes is acknowledged at once and sends nothing', (_name, harness) => {
  it.each(payloads)('%s', async (_kind, body) => {
    const h = harness();
    const started = performance.now();
    const response = await h.post(signed(body, FORM));
    const ms = performance.now() - started;
    expect(response.status).toBe(200);
    expect(ms).toBeLessThan(1000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(h.slack.calls).toEqual([]);
  });
});
