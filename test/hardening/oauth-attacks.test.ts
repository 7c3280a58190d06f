/**
 * Issue 17 from an unlucky operator's or an attacker's side, against real processes and the fake
 * Slack: requests from a workspace that is not installed (never, or not any more), uninstall
 * events for one that never installed, an uninstall then a reinstall of the same workspace, and
 * every log line (at debug too) free of tokens, codes, user ids and message text.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type BotProcess } from '../support/bot-process.js';
import { FakeSlack, type OAuthGrant } from '../support/fake-slack.js';
import { beginInstall, OAUTH_ENV, redirect } from '../support/oauth-browser.js';
import { clusterUrl, testDatabase } from '../support/postgres.js';
import { expectNoPrivateData, PRIVATE_MARKERS } from '../support/privacy.js';
import { launchReplica } from '../support/replica-trials.js';
import { blockAction, eventCallback, FORM, JSON_TYPE, mentionEvent, signed, slashCommand } from '../support/slack-requests.js';

const A: OAuthGrant & { teamId: string; channel: string } = { teamId: 'T0AAAAAAA', botToken: 'xoxb-aaaa-1111-workspaceAtoken', botUserId: 'U0BOTAAAA', botId: 'B0BOTAAAA', installerId: 'U0INSTALLA', channel: 'C0CHANAAA' };
const NEVER = 'T0NEVERINST';
/** What must never be in a log line, at any level: tokens, the OAuth code, the installer, secrets. */
const SECRETS = ['xoxb-', 'code-a-secret', 'U0INSTALLA', OAUTH_ENV.SLACK_CLIENT_SECRET, OAUTH_ENV.SLACK_STATE_SECRET, OAUTH_ENV.TOKEN_ENCRYPTION_KEY];


const lines = (bot: BotProcess) => bot.output().split('\n').filter(Boolean);
const parsed = (bot: BotProcess) => lines(bot).flatMap((line) => { try { return [JSON.parse(line) as Record<string, unknown>]; } catch { return []; } });

/** The checks shared by the file-state and the PostgreSQL runs: what a person in a workspace without an installation sees. */
function notInstalledChecks(context: () => { slack: FakeSlack; bot: BotProcess; url: string }) {
  const post = (body: string, type: string) => fetch(`${context().url}/slack/events`, { method: 'POST', ...signed(body, type), body });

  it('a slash command from a workspace that never installed: acknowledged at once, the person told privately, one useful warning', async () => {
    const { slack, bot } = context();
    const started = Date.now();
    const response = await post(slashCommand('elbit', slack.responseUrl('never-cmd'), { team_id: NEVER }), FORM);
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2500);
    await slack.waitFor(() => slack.responsePosts.some((p) => p.id === 'never-cmd'), 10_000);
    const told = slack.responsePosts.find((p) => p.id === 'never-cmd')!.body;
    expect(told).toMatchObject({ response_type: 'ephemeral' });
    expect(String(told.text)).toContain('NoTech is not installed in this workspace');
    await expect.poll(() => parsed(bot).filter((line) => line.reason === 'not_installed' && line.teamId === NEVER).length, { timeout: 5000 }).toBe(1);
    expect(parsed(bot).some((line) => line.msg === 'listener error')).toBe(false);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('in Arabic when the command is', async () => {
    const { slack } = context();
    await post(slashCommand('مصلحة السجون', slack.responseUrl('never-ar'), { team_id: NEVER }), FORM);
    await slack.waitFor(() => slack.responsePosts.some((p) => p.id === 'never-ar'), 10_000);
    expect(String(slack.responsePosts.find((p) => p.id === 'never-ar')!.body.text)).toContain('غير مثبّت');
  });

  it('a button and a mention from it: the button told privately, the mention only logged', async () => {
    const { slack, bot } = context();
    const button = JSON.parse(new URLSearchParams(blockAction({ action_id: 'notech_share', value: '{}' }, { responseUrl: slack.responseUrl('never-btn') })).get('payload')!) as Record<string, unknown>;
    const payload = JSON.stringify({ ...button, team: { id: NEVER, domain: 'x' }, user: { id: 'U0MAYA', username: 'maya', name: 'maya', team_id: NEVER } });
    expect((await post(new URLSearchParams({ payload }).toString(), FORM)).status).toBe(200);
    await slack.waitFor(() => slack.responsePosts.some((p) => p.id === 'never-btn'), 10_000);
    expect((await post(eventCallback(mentionEvent('what about elbit'), undefined, NEVER), JSON_TYPE)).status).toBe(200);
    await expect.poll(() => parsed(bot).filter((line) => line.reason === 'not_installed' && line.teamId === NEVER).length, { timeout: 5000 }).toBe(4);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('app_uninstalled and tokens_revoked for a workspace that never installed: acknowledged, nothing else touched', async () => {
    const response = await post(eventCallback({ type: 'app_uninstalled' }, undefined, NEVER), JSON_TYPE);
    expect(response.status).toBe(200);
    const revoked = await post(eventCallback({ type: 'tokens_revoked', tokens: { oauth: ['U0MAYA'] } }, undefined, NEVER), JSON_TYPE);
    expect(revoked.status).toBe(200);
    // The log does not claim to have deleted an installation that never was.
    const { bot } = context();
    await expect.poll(() => parsed(bot).filter((line) => line.install === 'uninstalled' && line.teamId === NEVER).map((line) => [line.hadInstallation, line.msg]), { timeout: 5000 }).toEqual([[false, expect.stringMatching(/^uninstall event for a workspace with no installation/)]]);
  });
}

describe('OAuth, state file: requests from a workspace that is not installed; uninstall then reinstall', () => {
  let slack: FakeSlack;
  let stateFile = '';
  let bot: BotProcess;
  let url = '';
  beforeAll(async () => {
    slack = await new FakeSlack().start();
    stateFile = join(mkdtempSync(join(tmpdir(), 'notech-oauth-attacks-')), 'state.json');
    bot = startBot({ SLACK_API_URL: slack.apiUrl, STATE_FILE: stateFile, LOG_LEVEL: 'debug', ...OAUTH_ENV });
    url = `http://127.0.0.1:${String((await bot.started).port)}`;
  }, 60_000);
  afterAll(async () => {
    bot?.child.kill('SIGKILL');
    await slack?.stop();
    for (const line of lines(bot)) for (const secret of SECRETS) expect(line).not.toContain(secret);
    expectNoPrivateData(lines(bot));
  });
  notInstalledChecks(() => ({ slack, bot, url }));

  it('uninstall then reinstall of one workspace: the files keep nothing of the first install; the new token answers', async () => {
    const post = (body: string, type: string) => fetch(`${url}/slack/events`, { method: 'POST', ...signed(body, type), body });
    const install = async (code: string, grant: OAuthGrant) => {
      slack.grants.set(code, grant);
      const start = await beginInstall(url);
      return redirect(url, new URLSearchParams({ code, state: start.state }).toString(), start.cookie);
    };
    const files = () => (existsSync(stateFile) ? readFileSync(stateFile, 'utf8') : '') + readFileSync(stateFile.replace(/\.json$/, '.installations.json'), 'utf8');
    expect((await install('code-a-secret', A)).status).toBe(200);
    await post(slashCommand('digest subscribe', slack.responseUrl('f-sub'), { team_id: A.teamId, channel_id: A.channel }), FORM);
    await slack.waitFor(() => slack.responsePosts.some((p) => p.id === 'f-sub'), 10_000);
    expect(files()).toContain(A.channel);
    expect((await post(eventCallback({ type: 'app_uninstalled' }, undefined, A.teamId), JSON_TYPE)).status).toBe(200);
    await expect.poll(() => files().includes(A.teamId) || files().includes(A.channel), { timeout: 10_000 }).toBe(false);
    expect((await install('code-a2-secret', { ...A, botToken: 'xoxb-aaaa-1111-secondtoken' })).status).toBe(200);
    const before = slack.callsTo('chat.postMessage').length;
    await post(eventCallback(mentionEvent('elbit', { channel: A.channel }), undefined, A.teamId), JSON_TYPE);
    await slack.waitFor(() => slack.callsTo('chat.postMessage').length > before, 10_000);
    expect(slack.callsTo('chat.postMessage').slice(before).map((call) => call.authorization)).toEqual(['Bearer xoxb-aaaa-1111-secondtoken']);
    expect(files()).not.toContain(A.channel);
  });
});

describe.skipIf(!clusterUrl())('OAuth with PostgreSQL: not installed, uninstall then reinstall, a store that fails', () => {
  let slack: FakeSlack;
  let db: pg.Pool;
  let bot: BotProcess;
  let url = '';
  beforeAll(async () => {
    slack = await new FakeSlack().start();
    const databaseUrl = await testDatabase('notech_attacks');
    db = new pg.Pool({ connectionString: databaseUrl });
    // At debug: Bolt's and the Web API client's own lines are logged too, and must be as clean.
    bot = launchReplica({ slack, databaseUrl, statePath: join(mkdtempSync(join(tmpdir(), 'notech-oauth-attacks-')), 'state.json'), cron: '0 9 * * 1', channels: [] }, { ...OAUTH_ENV, LOG_LEVEL: 'debug' });
    url = `http://127.0.0.1:${String((await bot.started).port)}`;
  }, 60_000);
  afterAll(async () => {
    bot?.child.kill('SIGKILL');
    await db?.end();
    await slack?.stop();
    for (const line of lines(bot)) for (const secret of SECRETS) expect(line).not.toContain(secret);
    expectNoPrivateData(lines(bot));
  });
  notInstalledChecks(() => ({ slack, bot, url }));

  const post = (body: string, type: string) => fetch(`${url}/slack/events`, { method: 'POST', ...signed(body, type), body });
  const install = async (code: string, grant: OAuthGrant) => {
    slack.grants.set(code, grant);
    const start = await beginInstall(url);
    return redirect(url, new URLSearchParams({ code, state: start.state }).toString(), start.cookie);
  };
  const tables = ['installations', 'digest_subscriptions', 'digest_channels', 'digest_deliveries', 'digest_claims'];
  const rowsOf = async () => Object.fromEntries(await Promise.all(tables.map(async (table) => [table, (await db.query(`SELECT * FROM ${table}`)).rowCount] as const)));

  it('uninstall then reinstall of one workspace: nothing of the first install is left; the new token answers', async () => {
    expect((await install('code-a-secret', A)).status).toBe(200);
    await post(slashCommand('digest subscribe', slack.responseUrl('a-sub'), { team_id: A.teamId, channel_id: A.channel }), FORM);
    await slack.waitFor(() => slack.responsePosts.some((p) => p.id === 'a-sub'), 10_000);
    expect((await rowsOf()).digest_subscriptions).toBe(1);
    expect((await post(eventCallback({ type: 'app_uninstalled' }, undefined, A.teamId), JSON_TYPE)).status).toBe(200);
    await expect.poll(rowsOf, { timeout: 10_000 }).toEqual({ installations: 0, digest_subscriptions: 0, digest_channels: 0, digest_deliveries: 0, digest_claims: 0 });
    // The same workspace again, with a new token.
    expect((await install('code-a2-secret', { ...A, botToken: 'xoxb-aaaa-1111-secondtoken' })).status).toBe(200);
    await post(slashCommand('digest status', slack.responseUrl('a-status'), { team_id: A.teamId, channel_id: A.channel }), FORM);
    await slack.waitFor(() => slack.responsePosts.some((p) => p.id === 'a-status'), 10_000);
    expect(JSON.stringify(slack.responsePosts.find((p) => p.id === 'a-status')!.body)).toContain('This channel is not subscribed');
    const before = slack.callsTo('chat.postMessage').length;
    await post(eventCallback(mentionEvent('elbit', { channel: A.channel, ts: '1700000000.424242' }), undefined, A.teamId), JSON_TYPE);
    await slack.waitFor(() => slack.callsTo('chat.postMessage').length > before, 10_000);
    expect(slack.callsTo('chat.postMessage').slice(before).map((call) => call.authorization)).toEqual(['Bearer xoxb-aaaa-1111-secondtoken']);
  });

  it('after all this traffic, no table holds a token in the clear, a user id, a message ts or text', async () => {
    const tableNames = (await db.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")).rows.map((row) => row.table_name);
    expect(tableNames.length).toBeGreaterThan(8);
    const dump = JSON.stringify(await Promise.all(tableNames.map(async (table) => [table, (await db.query(`SELECT * FROM ${table}`)).rows])));
    expect(dump).toContain('T0AAAAAAA'); // the dump is real: the installation is in it
    for (const marker of [...PRIVATE_MARKERS, ...SECRETS, 'elbit', '1700000000.424242', '424242']) expect(dump).not.toContain(marker);
  });

  it('the installation store failing is logged as that (with its code), not as "not installed", and nobody is told a falsehood', async () => {
    await db.query('ALTER TABLE installations RENAME TO installations_away');
    // A workspace this replica has not authorized in the last seconds: A's installation may still
    // be in its authorize cache (src/installations/authorize-cache.ts), answered without the store.
    const teamId = 'T0NOTCACHED';
    try {
      await post(slashCommand('elbit', slack.responseUrl('store-down'), { team_id: teamId, channel_id: A.channel }), FORM);
      await expect.poll(() => parsed(bot).filter((line) => line.reason === 'installation_store_failed').map((line) => [line.teamId, line.error]), { timeout: 5000 }).toEqual([[teamId, '42P01']]);
      expect(slack.responsePosts.some((p) => p.id === 'store-down')).toBe(false);
    } finally {
      await db.query('ALTER TABLE installations_away RENAME TO installations');
    }
  });
});
