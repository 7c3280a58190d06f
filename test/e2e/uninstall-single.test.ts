/**
 * Issue 17: with one workspace (SLACK_BOT_TOKEN, no OAuth) NoTech stays the app it was. The
 * manifest now subscribes to app_uninstalled and tokens_revoked (for OAuth); here they are
 * acknowledged, logged, and change nothing: no installation store, subscriptions kept as before.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/app-harness.js';
import { eventCallback, FORM, JSON_TYPE, signed, slashCommand } from '../support/slack-requests.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ digest: true });
});
afterAll(async () => {
  await h.close();
});

describe('one workspace: uninstall events change nothing kept', () => {
  it('subscriptions record no workspace, and app_uninstalled / tokens_revoked are acknowledged without deleting them', async () => {
    expect((await h.post(signed(slashCommand('digest subscribe', h.slack.responseUrl('sub')), FORM))).status).toBe(200);
    await h.slack.waitFor(() => h.slack.responsePosts.some((post) => post.id === 'sub'));
    const before = readFileSync(h.stateFile, 'utf8');
    const subscription = (JSON.parse(before) as { subscriptions: Record<string, Record<string, unknown>> }).subscriptions.C0ORGANIZE!;
    expect(Object.keys(subscription).sort()).toEqual(['channelId', 'createdAt', 'cron', 'lang', 'timezone']);

    expect((await h.post(signed(eventCallback({ type: 'app_uninstalled' }), JSON_TYPE))).status).toBe(200);
    expect((await h.post(signed(eventCallback({ type: 'tokens_revoked', tokens: { bot: ['U0NOTECH'] } }), JSON_TYPE))).status).toBe(200);
    await expect.poll(() => h.logs.filter((line) => line.includes('nothing is kept per workspace')).length).toBe(2);
    expect(readFileSync(h.stateFile, 'utf8')).toBe(before);
    expect(existsSync(join(dirname(h.stateFile), 'state.installations.json'))).toBe(false);
  });
});
