/**
 * The cache of installations Bolt's authorize reads (src/installations/authorize-cache.ts), over
 * signed HTTP to the real Bolt app with OAuth and the file store. Which token a mention's reply
 * is sent with shows whether the store was read: the tests change a workspace's token in the
 * store behind the app's back (as another replica's reinstall would, through the shared
 * database), and the reply keeps the old token while the entry is fresh.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { installationFrom } from '../../src/installations/store.js';
import { startHarness, type Harness } from '../support/app-harness.js';
import type { OAuthGrant } from '../support/fake-slack.js';
import { beginInstall, OAUTH_ENV, redirect } from '../support/oauth-browser.js';
import { expectNoPrivateData } from '../support/privacy.js';
import { eventCallback, JSON_TYPE, mentionEvent, signed } from '../support/slack-requests.js';

type Workspace = OAuthGrant & { teamId: string; channel: string };
const workspace = (letter: string): Workspace => ({
  teamId: `T0${letter.repeat(7)}`,
  botToken: `xoxb-${letter.toLowerCase().repeat(4)}-1-first`,
  botUserId: `U0BOT${letter.repeat(4)}`,
  botId: `B0BOT${letter.repeat(4)}`,
  installerId: `U0INSTALL${letter}`,
  channel: `C0CHAN${letter.repeat(3)}`,
});
const A = workspace('A');
const B = workspace('B');
const C = workspace('C');
const TTL_MS = 5_000;

let clock = new Date('2026-11-30T08:00:00Z');
let h: Harness | undefined;
let codes = 0;

async function start(maxEntries = 100): Promise<Harness> {
  h = await startHarness({ env: OAUTH_ENV, now: () => clock, authorizeCache: { ttlMs: TTL_MS, maxEntries } });
  return h;
}

afterEach(async () => {
  if (!h) return;
  await h.close();
  // No token and no installer in any log line (team ids are fine).
  for (const line of h.logs) for (const secret of ['xoxb-', 'U0INSTALL']) expect(line.includes(secret), line.slice(0, 300)).toBe(false);
  expectNoPrivateData(h.logs);
  h = undefined;
});

/** Install through /slack/install and oauth.v2.access (the app's own storeInstallation), with `token`. */
async function install(harness: Harness, where: Workspace, token = where.botToken): Promise<void> {
  const code = `code-${(codes += 1)}`;
  harness.slack.grants.set(code, { ...where, botToken: token });
  const begun = await beginInstall(harness.baseUrl);
  const done = await redirect(harness.baseUrl, new URLSearchParams({ code, state: begun.state }).toString(), begun.cookie);
  expect(done.status).toBe(200);
}

/** What another replica's reinstall does to the shared store: a new token, unseen by this process's cache. */
async function tokenChangedElsewhere(harness: Harness, where: Workspace, token: string): Promise<void> {
  await harness.installations!.storeInstallation(
    installationFrom({ teamId: where.teamId, isEnterpriseInstall: false, bot: { token, scopes: ['commands'], id: where.botId, userId: where.botUserId } }),
  );
}

const replies = (harness: Harness, where: Workspace) => harness.slack.callsTo('chat.postMessage').filter((call) => call.args.channel === where.channel);

/** Mention NoTech in `where` and return the token its reply was sent with. */
async function replyToken(harness: Harness, where: Workspace): Promise<string | undefined> {
  const before = replies(harness, where).length;
  const response = await harness.post(signed(eventCallback(mentionEvent('elbit', { channel: where.channel }), undefined, where.teamId), JSON_TYPE));
  expect(response.status).toBe(200);
  await harness.slack.waitFor(() => replies(harness, where).length === before + 1);
  return replies(harness, where).at(-1)!.authorization?.replace(/^Bearer /, '');
}

/** Mention NoTech in `where` and check it is not answered: Bolt found no installation. */
async function notAnswered(harness: Harness, where: Workspace): Promise<void> {
  const before = replies(harness, where).length;
  const warned = () => harness.logs.filter((line) => line.includes('"reason":"not_installed"') && line.includes(where.teamId)).length;
  const warnings = warned();
  const response = await harness.post(signed(eventCallback(mentionEvent('elbit', { channel: where.channel }), undefined, where.teamId), JSON_TYPE));
  expect(response.status).toBe(200);
  await expect.poll(warned).toBe(warnings + 1);
  expect(replies(harness, where)).toHaveLength(before);
}

const later = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

describe('OAuth: the authorize cache', () => {
  it('reuses the installation while fresh (the store is not read), and reads it again once TTL_MS old', async () => {
    const harness = await start();
    await install(harness, A);
    expect(await replyToken(harness, A)).toBe(A.botToken);
    await tokenChangedElsewhere(harness, A, 'xoxb-aaaa-2-second');
    // A hit: the store says the second token, the cache still has the first.
    expect(await replyToken(harness, A)).toBe(A.botToken);
    later(TTL_MS - 1);
    expect(await replyToken(harness, A)).toBe(A.botToken);
    // Expired: read from the store again.
    later(1);
    expect(await replyToken(harness, A)).toBe('xoxb-aaaa-2-second');
  });

  it('forgets a workspace at once on app_uninstalled', async () => {
    const harness = await start();
    await install(harness, A);
    expect(await replyToken(harness, A)).toBe(A.botToken);
    expect((await harness.post(signed(eventCallback({ type: 'app_uninstalled' }, undefined, A.teamId), JSON_TYPE))).status).toBe(200);
    await expect.poll(() => harness.logs.some((line) => line.includes('"install":"uninstalled"') && line.includes('"hadInstallation":true'))).toBe(true);
    // Same clock, well within TTL_MS: not answered with the revoked token.
    await notAnswered(harness, A);
  });

  it('forgets a workspace at once on tokens_revoked for its bot', async () => {
    const harness = await start();
    await install(harness, A);
    expect(await replyToken(harness, A)).toBe(A.botToken);
    expect((await harness.post(signed(eventCallback({ type: 'tokens_revoked', tokens: { bot: [A.botUserId] } }, undefined, A.teamId), JSON_TYPE))).status).toBe(200);
    await expect.poll(() => harness.logs.some((line) => line.includes('"install":"uninstalled"') && line.includes('tokens_revoked'))).toBe(true);
    await notAnswered(harness, A);
  });

  it('a reinstall through this process uses its new token at once', async () => {
    const harness = await start();
    await install(harness, A);
    expect(await replyToken(harness, A)).toBe(A.botToken);
    await install(harness, A, 'xoxb-aaaa-3-reinstalled');
    expect(await replyToken(harness, A)).toBe('xoxb-aaaa-3-reinstalled');
    // And after an uninstall, a new install is answered at once (not installed is never cached).
    expect((await harness.post(signed(eventCallback({ type: 'app_uninstalled' }, undefined, A.teamId), JSON_TYPE))).status).toBe(200);
    await expect.poll(() => harness.logs.some((line) => line.includes('"install":"uninstalled"'))).toBe(true);
    await notAnswered(harness, A);
    await install(harness, A, 'xoxb-aaaa-4-after-uninstall');
    expect(await replyToken(harness, A)).toBe('xoxb-aaaa-4-after-uninstall');
  });

  it('keeps at most maxEntries workspaces, pushing out the one nearest its expiry', async () => {
    const harness = await start(2);
    for (const where of [A, B, C]) await install(harness, where);
    for (const where of [A, B, C]) {
      expect(await replyToken(harness, where)).toBe(where.botToken);
      later(1);
    }
    // A was pushed out by C; B and C are still cached.
    for (const where of [A, B, C]) await tokenChangedElsewhere(harness, where, `${where.botToken}-changed`);
    expect(await replyToken(harness, C)).toBe(C.botToken);
    expect(await replyToken(harness, A)).toBe(`${A.botToken}-changed`);
    // Reading A again pushed out B, the oldest left.
    expect(await replyToken(harness, C)).toBe(C.botToken);
    expect(await replyToken(harness, B)).toBe(`${B.botToken}-changed`);
  });
});
