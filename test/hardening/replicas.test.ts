/**
 * Replicas (issue 17): two real NoTech processes on one PostgreSQL database.
 *
 * - kill -9 of one replica around scheduled digest times (a fast schedule, a few trials; the
 *   one-minute, 20-trial version is scripts/replica-trials.ts, figures in docs/RELIABILITY.md):
 *   every run reaches each channel exactly once;
 * - a mention Slack delivers twice (a retry that the load balancer sends to the other replica)
 *   is answered once; a double click on Share whose two actions reach both replicas posts once.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/database.js';
import type { BotProcess } from '../support/bot-process.js';
import { FakeSlack } from '../support/fake-slack.js';
import { clusterUrl, testDatabase } from '../support/postgres.js';
import { expectNoPrivateData } from '../support/privacy.js';
import { launchReplica, runReplicaTrials } from '../support/replica-trials.js';
import { blockAction, eventCallback, FORM, JSON_TYPE, mentionEvent, signed } from '../support/slack-requests.js';

const CHANNELS = ['C0ONE', 'C0TWO', 'C0THREE'];
const PERIOD_MS = 3000;

describe.skipIf(!clusterUrl())('two replicas on one database', () => {
  let slack: FakeSlack;
  let bots: BotProcess[];
  let databaseUrl: string;
  let statePath: string;
  beforeEach(async () => {
    slack = await new FakeSlack().start();
    bots = [];
    databaseUrl = await testDatabase('notech_replicas');
    statePath = join(mkdtempSync(join(tmpdir(), 'notech-replicas-')), 'state.json');
  });
  afterEach(async () => {
    for (const bot of bots) if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill('SIGKILL');
    await slack.stop();
  });

  it('kill -9 of one replica around scheduled runs: each run reaches each channel exactly once', async () => {
    const figures = await runReplicaTrials(
      { slack, databaseUrl, statePath, cron: `*/${PERIOD_MS / 1000} * * * * *`, periodMs: PERIOD_MS, trials: 6, channels: CHANNELS, seed: Number(process.env.REPLICA_SEED ?? 20261130), leaseSeconds: 1, postDelayMs: 400 },
      bots,
    );
    console.log(`replica figures: ${JSON.stringify({ ...figures, kills: figures.kills.length })}`);
    expect(figures.duplicated).toBe(0);
    expect(figures.lost).toBe(0);
    expect(figures.delivered).toBeGreaterThanOrEqual(CHANNELS.length * 6);
    expectNoPrivateData(bots.flatMap((bot) => bot.output().split('\n')).filter(Boolean));
  }, 120_000);

  it('a replica killed while its post is in flight: the other takes the run over, finds the post in the history, posts nothing twice', async () => {
    // A subscription whose latest weekly run is due now (created long ago): the first replica posts it at start.
    const db = new pg.Pool({ connectionString: databaseUrl });
    await migrate(db);
    await db.query("INSERT INTO digest_subscriptions VALUES ('C0ONE', '0 9 * * 1', 'UTC', 'en', '2026-01-01T00:00:00Z', false)");
    slack.delays.set('chat.postMessage', 4000); // Slack has the message; its answer is slow to come back
    const a = launchReplica({ slack, databaseUrl, statePath, cron: '0 9 * * 1', channels: [], leaseSeconds: 1 });
    bots.push(a);
    await a.started;
    await slack.waitFor(() => slack.callsTo('chat.postMessage').length >= 1, 10_000);
    a.child.kill('SIGKILL');
    await a.exited;
    const latest = "SELECT status FROM digest_deliveries WHERE log_key = 'C0ONE' ORDER BY run_key DESC LIMIT 1"; // older runs: skipped (superseded)
    expect((await db.query(latest)).rows).toEqual([{ status: 'sending' }]);
    slack.delays.delete('chat.postMessage');
    const b = launchReplica({ slack, databaseUrl, statePath, cron: '0 9 * * 1', channels: [], leaseSeconds: 1 });
    bots.push(b);
    await b.started;
    const settled = async () => (await db.query(latest)).rows[0]?.status === 'delivered';
    for (let i = 0; i < 100 && !(await settled()); i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await settled()).toBe(true);
    expect(slack.digestsIn('C0ONE')).toHaveLength(1);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect(b.output()).toContain('digest run taken over');
    expect(b.output()).toContain('"resolvedFrom":"slack-history"');
    expect((await db.query('SELECT count(*)::int AS n FROM digest_claims')).rows[0]).toEqual({ n: 0 });
    await db.end();
  }, 60_000);

  it('a mention delivered to both replicas is answered once; a Share double click across replicas posts once', async () => {
    const a = launchReplica({ slack, databaseUrl, statePath, cron: '0 9 * * 1', channels: [] });
    const b = launchReplica({ slack, databaseUrl, statePath, cron: '0 9 * * 1', channels: [] });
    bots.push(a, b);
    const ports = (await Promise.all([a.started, b.started])).map((line) => Number(line.port));
    const post = (port: number, request: { body: string; headers: Record<string, string> }) => fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body: request.body, headers: request.headers });

    const mention = mentionEvent('elbit');
    // Slack's retry of one event (same event, same message) reaching the other replica, at once.
    const responses = await Promise.all([post(ports[0]!, signed(eventCallback(mention, 'Ev0SAME'), JSON_TYPE)), post(ports[1]!, signed(eventCallback(mention, 'Ev0SAME'), JSON_TYPE, { retryNum: 1 }))]);
    expect(responses.map((response) => response.status)).toEqual([200, 200]);
    await slack.waitFor(() => slack.callsTo('chat.postMessage').length >= 1, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);

    const value = JSON.stringify({ v: 1, q: 'elbit', lang: 'en' });
    const container = { type: 'message', message_ts: '1700000000.777777', channel_id: 'C0ORGANIZE', is_ephemeral: true };
    await Promise.all(ports.map((port, i) => post(port, signed(blockAction({ action_id: 'notech_share', value }, { responseUrl: slack.responseUrl(`share${i}`), container }), FORM))));
    await slack.waitFor(() => slack.responsePosts.length >= 2, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(slack.responsePosts.filter((p) => p.body.response_type === 'in_channel')).toHaveLength(1);
  }, 60_000);
});
