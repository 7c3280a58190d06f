import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readStateFile } from '../../src/digest/state.js';
import { checkMessage } from '../../src/messages/limits.js';
import type { SlackMessage } from '../../src/messages/types.js';
import { startHarness, type Harness } from '../support/app-harness.js';
import { expectNoPrivateData } from '../support/privacy.js';
import { FORM, signed, slashCommand } from '../support/slack-requests.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ digest: true, env: { ADMIN_USER_IDS: 'U0ADMIN', DIGEST_TIMEZONE: 'Europe/London' } });
});
afterAll(async () => {
  await h.close();
  // Every log line of this suite, at info and above: no tokens, secrets, text or people.
  const { checked } = expectNoPrivateData(h.logs);
  expect(checked).toBeGreaterThanOrEqual(5);
});
beforeEach(() => h.slack.reset());

/** A digest command: acknowledged at once, answered privately through response_url. */
async function digest(text: string, user = 'U0ADMIN', channel = 'C0ORGANIZE'): Promise<SlackMessage & { response_type: string }> {
  const id = `r${Math.random().toString(36).slice(2)}`;
  const response = await h.post(signed(slashCommand(`digest ${text}`, h.slack.responseUrl(id), { user_id: user, channel_id: channel }), FORM));
  expect(response.status).toBe(200);
  await h.slack.waitFor(() => h.slack.responsePosts.some((post) => post.id === id));
  const body = h.slack.responsePosts.find((post) => post.id === id)!.body as unknown as SlackMessage & { response_type: string };
  expect(body.response_type).toBe('ephemeral');
  expect(checkMessage(body)).toEqual([]);
  return body;
}
const state = () => readStateFile(h.stateFile);

describe('digest subscriptions through signed slash commands', () => {
  it('subscribe with day, time and zone; the bot joins the channel and says when the next digest comes', async () => {
    const answer = await digest('subscribe friday 17:30 America/New_York');
    expect(answer.text).toContain('every Friday at 17:30 (America/New_York)');
    expect(answer.text).toMatch(/Next: Friday, \d+ \w+ 20\d\d at 17:30 (EST|EDT|GMT-5|GMT-4)/);
    expect(answer.text).toContain('I joined this channel');
    expect(h.slack.callsTo('conversations.join')[0]!.args).toMatchObject({ channel: 'C0ORGANIZE' });
    expect(state().subscriptions.C0ORGANIZE).toMatchObject({ cron: '30 17 * * 5', timezone: 'America/New_York', lang: 'en' });
  });

  it('uses DIGEST_SCHEDULE and DIGEST_TIMEZONE when nothing is given; lang:ar subscribes in Arabic', async () => {
    await digest('subscribe lang:ar', 'U0ADMIN', 'C0ARABIC');
    expect(state().subscriptions.C0ARABIC).toMatchObject({ cron: '0 9 * * 1', timezone: 'Europe/London', lang: 'ar' });
  });

  it('asks to be invited where it cannot join', async () => {
    h.slack.fail('conversations.join', { kind: 'error', error: 'method_not_supported_for_channel_type' });
    const answer = await digest('subscribe', 'U0ADMIN', 'G0PRIVATE');
    expect(answer.text).toContain('Invite me with `/invite @NoTech`');
  });

  it('shows the accepted forms for an invalid day, time or zone, and changes nothing', async () => {
    for (const bad of ['funday', '25:61', 'Mars/Olympus', '<!channel>']) {
      const answer = await digest(`subscribe ${bad}`, 'U0ADMIN', 'C0BAD');
      expect(answer.text).toContain('Accepted: `/notech digest subscribe [day] [HH:MM] [time zone] [lang:ar]`');
      expect(JSON.stringify(answer.blocks)).not.toContain('<!channel>');
    }
    expect(state().subscriptions.C0BAD).toBeUndefined();
  });

  it('status tells the schedule, the next run in the channel’s zone and the last delivery', async () => {
    await digest('subscribe monday 09:00 Asia/Beirut', 'U0ADMIN', 'C0STATUS');
    const answer = await digest('status', 'U0MAYA', 'C0STATUS');
    expect(answer.text).toContain('Subscribed: every Monday at 09:00 (Asia/Beirut)');
    expect(answer.text).toMatch(/Next digest: Monday, \d+ \w+ 20\d\d at 09:00/);
    expect(answer.text).toContain('Last delivery: none yet');
  });

  it('the same digest text asked again answers from the state as it is now (issue 14: never remembered)', async () => {
    for (let i = 0; i < 2; i += 1) expect((await digest('status', 'U0MAYA', 'C0AGAIN')).text).toContain('not subscribed');
    await digest('subscribe', 'U0ADMIN', 'C0AGAIN');
    for (let i = 0; i < 2; i += 1) expect((await digest('status', 'U0MAYA', 'C0AGAIN')).text).toContain('Subscribed: every Monday at 09:00');
    await digest('unsubscribe', 'U0ADMIN', 'C0AGAIN');
    expect((await digest('status', 'U0MAYA', 'C0AGAIN')).text).toContain('not subscribed');
  });

  it('preview shows the digest privately, without posting or changing state', async () => {
    const before = JSON.stringify(state());
    const answer = await digest('preview', 'U0MAYA');
    expect(JSON.stringify(answer.blocks)).toContain('NoTech weekly digest');
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(0);
    expect(JSON.stringify(state())).toBe(before);
  });

  it('only ADMIN_USER_IDS may subscribe or unsubscribe; others get a private refusal', async () => {
    const refused = await digest('subscribe', 'U0MAYA', 'C0REFUSED');
    expect(refused.text).toContain('Only the people listed in ADMIN_USER_IDS');
    expect(state().subscriptions.C0REFUSED).toBeUndefined();
    await digest('subscribe', 'U0ADMIN', 'C0KEEP');
    const refusedUnsubscribe = await digest('unsubscribe', 'U0MAYA', 'C0KEEP');
    expect(refusedUnsubscribe.text).toContain('Only the people listed');
    expect(state().subscriptions.C0KEEP).toBeDefined();
  });

  it('unsubscribe removes the channel and what the bot kept about it', async () => {
    await digest('subscribe', 'U0ADMIN', 'C0LEAVE');
    const answer = await digest('unsubscribe', 'U0ADMIN', 'C0LEAVE');
    expect(answer.text).toContain('will no longer get the digest');
    expect(state().subscriptions.C0LEAVE).toBeUndefined();
    expect(state().channels.C0LEAVE).toBeUndefined();
    expect((await digest('status', 'U0ADMIN', 'C0LEAVE')).text).toContain('not subscribed');
  });

  it('keeps no user ids or names in the state file', () => {
    const text = JSON.stringify(state());
    expect(text).not.toMatch(/U0ADMIN|U0MAYA|maya|organizing/);
  });
});
