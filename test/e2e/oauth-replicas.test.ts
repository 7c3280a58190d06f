/**
 * Issue 17 with PostgreSQL: two replicas (real processes) installed by OAuth, sharing one
 * database. An install started on one replica finishes on the other; each workspace is then
 * answered with its own token by either replica; an uninstall through one replica removes the
 * workspace's installation and subscriptions for both.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotProcess } from '../support/bot-process.js';
import { AUTHORIZE_CACHE_TTL_MS } from '../../src/installations/authorize-cache.js';
import { FakeSlack, type OAuthGrant } from '../support/fake-slack.js';
import { beginInstall, OAUTH_ENV, redirect } from '../support/oauth-browser.js';
import { clusterUrl, testDatabase } from '../support/postgres.js';
import { expectNoPrivateData } from '../support/privacy.js';
import { launchReplica } from '../support/replica-trials.js';
import { eventCallback, FORM, JSON_TYPE, mentionEvent, signed, slashCommand } from '../support/slack-requests.js';

const A: OAuthGrant & { teamId: string; channel: string } = { teamId: 'T0AAAAAAA', botToken: 'xoxb-aaaa-1111-workspaceAtoken', botUserId: 'U0BOTAAAA', botId: 'B0BOTAAAA', installerId: 'U0INSTALLA', channel: 'C0CHANAAA' };
const B: OAuthGrant & { teamId: string; channel: string } = { teamId: 'T0BBBBBBB', botToken: 'xoxb-bbbb-2222-workspaceBtoken', botUserId: 'U0BOTBBBB', botId: 'B0BOTBBBB', installerId: 'U0INSTALLB', channel: 'C0CHANBBB' };


const tokenOf = (call: { authorization: string | undefined }) => call.authorization?.replace(/^Bearer /, '');

describe.skipIf(!clusterUrl())('OAuth with two replicas on one database', () => {
  let slack: FakeSlack;
  let db: pg.Pool;
  const bots: BotProcess[] = [];
  const urls: string[] = [];

  beforeAll(async () => {
    slack = await new FakeSlack().start();
    const databaseUrl = await testDatabase('notech_oauth');
    db = new pg.Pool({ connectionString: databaseUrl });
    const statePath = join(mkdtempSync(join(tmpdir(), 'notech-oauth-replicas-')), 'state.json');
    for (let i = 0; i < 2; i += 1) {
      // Started one after the other: the first applies the migrations, the second finds them done.
      const bot = launchReplica({ slack, databaseUrl, statePath, cron: '0 9 * * 1', channels: [] }, { ...OAUTH_ENV });
      bots.push(bot);
      urls.push(`http://127.0.0.1:${String((await bot.started).port)}`);
    }
  }, 60_000);
  afterAll(async () => {
    for (const bot of bots) if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
    await db?.end();
    await slack?.stop();
    const logs = bots.flatMap((bot) => bot.output().split('\n')).filter(Boolean);
    for (const line of logs) for (const secret of ['xoxb-', OAUTH_ENV.SLACK_CLIENT_SECRET, OAUTH_ENV.TOKEN_ENCRYPTION_KEY, 'U0INSTALLA', 'U0INSTALLB']) expect(line).not.toContain(secret);
    expectNoPrivateData(logs);
  });

  const post = (replica: number, body: string, type: string) => fetch(`${urls[replica]}/slack/events`, { method: 'POST', ...signed(body, type), body });

  it('an install begun on one replica finishes on the other; tokens sealed in the database', async () => {
    for (const [workspace, code] of [[A, 'code-a'], [B, 'code-b']] as const) {
      slack.grants.set(code, workspace);
      const start = await beginInstall(urls[0]!);
      const done = await redirect(urls[1]!, new URLSearchParams({ code, state: start.state }).toString(), start.cookie);
      expect(done.status).toBe(200);
      expect(done.text).toContain('NoTech is installed');
    }
    const rows = (await db.query<{ installation_key: string; bot_token: string }>('SELECT installation_key, bot_token FROM installations ORDER BY 1')).rows;
    expect(rows.map((row) => row.installation_key)).toEqual([`team:${A.teamId}`, `team:${B.teamId}`]);
    expect(JSON.stringify(rows)).not.toContain('xoxb-');
  });

  it('each workspace is answered with its own token by either replica', async () => {
    for (const [replica, workspace] of [[0, A], [1, B]] as const) {
      const id = `sub-${workspace.teamId}`;
      expect((await post(replica, slashCommand('digest subscribe', slack.responseUrl(id), { team_id: workspace.teamId, channel_id: workspace.channel }), FORM)).status).toBe(200);
      await slack.waitFor(() => slack.responsePosts.some((p) => p.id === id), 10_000);
    }
    const subscriptions = (await db.query<{ channel_id: string; team_id: string }>('SELECT channel_id, team_id FROM digest_subscriptions ORDER BY 1')).rows;
    expect(subscriptions).toEqual([
      { channel_id: A.channel, team_id: A.teamId },
      { channel_id: B.channel, team_id: B.teamId },
    ]);
    for (const [replica, workspace] of [[1, A], [0, B]] as const) expect((await post(replica, eventCallback(mentionEvent('elbit', { channel: workspace.channel }), undefined, workspace.teamId), JSON_TYPE)).status).toBe(200);
    const repliesIn = (channel: string) => slack.callsTo('chat.postMessage').filter((call) => call.args.channel === channel);
    await slack.waitFor(() => repliesIn(A.channel).length === 1 && repliesIn(B.channel).length === 1, 10_000);
    expect(repliesIn(A.channel).map(tokenOf)).toEqual([A.botToken]);
    expect(repliesIn(B.channel).map(tokenOf)).toEqual([B.botToken]);
  });

  it('a third replica with another TOKEN_ENCRYPTION_KEY stops at start with one clear line', async () => {
    const other = launchReplica({ slack, databaseUrl: (db.options as { connectionString: string }).connectionString, statePath: join(mkdtempSync(join(tmpdir(), 'notech-k-')), 'state.json'), cron: '0 9 * * 1', channels: [] }, { ...OAUTH_ENV, TOKEN_ENCRYPTION_KEY: 'ab'.repeat(32) });
    bots.push(other);
    expect(await other.exited).toBe(1);
    const lines = other.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^notech: TOKEN_ENCRYPTION_KEY is not the key the database at 127\.0\.0\.1:\d+\/notech_oauth_\w+ was set up with \(that key's id is [0-9a-f]{8}, this key's id is [0-9a-f]{8}\)/);
  });

  it('app_uninstalled through one replica removes that workspace for both (the other one within its authorize cache TTL); the other workspace works on', async () => {
    expect((await post(1, eventCallback({ type: 'app_uninstalled' }, undefined, A.teamId), JSON_TYPE)).status).toBe(200);
    const uninstalledAt = Date.now();
    await expect.poll(async () => (await db.query('SELECT installation_key FROM installations')).rows, { timeout: 10_000 }).toEqual([{ installation_key: `team:${B.teamId}` }]);
    await expect.poll(async () => (await db.query('SELECT channel_id FROM digest_subscriptions')).rows, { timeout: 10_000 }).toEqual([{ channel_id: B.channel }]);
    // Replica 0 authorized A earlier and may reuse that for AUTHORIZE_CACHE_TTL_MS (src/installations/authorize-cache.ts:
    // Slack sends nothing more from an uninstalled workspace, so only requests already under way are concerned).
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, uninstalledAt + AUTHORIZE_CACHE_TTL_MS - Date.now())));
    const before = slack.callsTo('chat.postMessage').length;
    await post(0, eventCallback(mentionEvent('elbit', { channel: A.channel }), undefined, A.teamId), JSON_TYPE);
    await post(0, eventCallback(mentionEvent('elbit', { channel: B.channel }), undefined, B.teamId), JSON_TYPE);
    await slack.waitFor(() => slack.callsTo('chat.postMessage').length > before, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(slack.callsTo('chat.postMessage').slice(before).map((call) => [call.args.channel, tokenOf(call)])).toEqual([[B.channel, B.botToken]]);
  }, 30_000);
});
