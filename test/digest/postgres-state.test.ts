/**
 * The digest's state in a real PostgreSQL (test/support/postgres.ts): the same State as the
 * state file, changes from two replicas never lost, one winner per run claim, a dead
 * replica's claim taken over after its lease, and two schedulers on one database posting
 * each run exactly once.
 */
import { WebClient } from '@slack/web-api';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { migrate, type Pool } from '../../src/db/database.js';
import { DigestSender, runKey } from '../../src/digest/deliver.js';
import { PostgresStateStore } from '../../src/digest/postgres-state.js';
import { DigestScheduler } from '../../src/digest/scheduler.js';
import { applyChange, emptyState, type Subscription } from '../../src/digest/state.js';
import { KnowledgeStore } from '../../src/knowledge/store.js';
import { createLogger } from '../../src/log.js';
import { realKnowledge } from '../helpers/knowledge.js';
import { FakeSlack } from '../support/fake-slack.js';
import { clusterUrl, testDatabase } from '../support/postgres.js';

const logger = createLogger({ level: 'silent' });
let url: string;
const pools: Pool[] = [];

function pool(): Pool {
  const created = new pg.Pool({ connectionString: url });
  pools.push(created);
  return created;
}

function replica(leaseMs = 30_000): Promise<PostgresStateStore> {
  return PostgresStateStore.open({ pool: pool(), logger, leaseMs });
}

const subscription: Subscription = { channelId: 'C0DIGEST', cron: '0 9 * * 1', timezone: 'Europe/London', lang: 'ar', createdAt: '2026-11-01T00:00:00.000Z' };

describe.skipIf(!clusterUrl())('digest state in PostgreSQL', () => {
  beforeEach(async () => {
    url = await testDatabase('notech_state');
    await migrate(pool());
  });
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((p) => p.end()));
  });

  it('holds exactly what the state file would: subscriptions, delivery logs, counts (read back by another replica)', async () => {
    const a = await replica();
    const change = (draft: ReturnType<typeof emptyState>) => {
      draft.subscriptions[subscription.channelId] = subscription;
      draft.subscriptions.C0CONFIG = { channelId: 'C0CONFIG', cron: '0 9 * * 1', timezone: 'UTC', lang: 'en', createdAt: '2026-11-02T00:00:00.000Z', fromConfig: true };
      draft.subscriptions.C0OTHERWS = { channelId: 'C0OTHERWS', cron: '30 8 * * 5', timezone: 'UTC', lang: 'en', createdAt: '2026-11-03T00:00:00.000Z', teamId: 'T0OTHER', enterpriseId: 'E0ORG' };
      draft.channels[subscription.channelId] = {
        lastVersion: '1.2.0',
        spotlightShown: ['a', 'b'],
        deliveries: {
          '2026-11-23T09:00:00.000Z': { status: 'delivered', attempts: 2, updatedAt: '2026-11-23T09:00:01.000Z', ts: '1.2', knowledgeVersion: '1.2.0', spotlight: 'b' },
          '2026-11-30T09:00:00.000Z': { status: 'failed', attempts: 6, updatedAt: '2026-11-30T09:03:00.000Z', error: 'http_500' },
        },
      };
      draft.channels['review:C0MAINT'] = { spotlightShown: [], deliveries: { '2026-11-01T09:00:00.000Z': { status: 'skipped', attempts: 0, updatedAt: '2026-11-01T09:00:00.000Z', error: 'missed' } } };
      draft.reportsByMonth['2026-11'] = 3;
    };
    await a.update(change);
    const b = await replica();
    const expected = applyChange(emptyState(), change);
    expect(b.current).toEqual(expected);
    expect(a.current).toEqual(expected);

    // Removing: an unsubscribed channel loses its subscription and its log; pruning applies as for the file.
    await b.update((draft) => {
      delete draft.subscriptions[subscription.channelId];
      delete draft.channels[subscription.channelId];
      for (let i = 0; i < 60; i += 1) draft.channels['review:C0MAINT']!.deliveries[new Date(Date.UTC(2030, 0, 1, 0, i)).toISOString()] = { status: 'delivered', attempts: 1, updatedAt: '2030-01-01T00:00:00.000Z', ts: `${i}` };
    });
    await a.refresh();
    expect(Object.keys(a.current.subscriptions).sort()).toEqual(['C0CONFIG', 'C0OTHERWS']);
    expect(a.current.channels[subscription.channelId]).toBeUndefined();
    expect(Object.keys(a.current.channels['review:C0MAINT']!.deliveries)).toHaveLength(50);
    expect((await a['options'].pool.query('SELECT count(*)::int AS n FROM digest_deliveries')).rows[0]).toEqual({ n: 50 });
  });

  it('changes from two replicas at once are never lost (updates serialize on the latest state)', async () => {
    const [a, b] = await Promise.all([replica(), replica()]);
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? a : b).update((draft) => {
          draft.reportsByMonth['2026-11'] = (draft.reportsByMonth['2026-11'] ?? 0) + 1;
        }),
      ),
    );
    await a.refresh();
    expect(a.current.reportsByMonth['2026-11']).toBe(40);
  });

  it('a change the schema refuses is not written', async () => {
    const a = await replica();
    await expect(a.update((draft) => void (draft.subscriptions.bad = { ...subscription, channelId: 'not-a-channel' }))).rejects.toThrow();
    await a.refresh();
    expect(a.current.subscriptions).toEqual({});
  });

  it('claims: one winner per run; the others are told when the lease runs out; released runs can be claimed again', async () => {
    const [a, b] = await Promise.all([replica(2000), replica(2000)]);
    const [first, second] = await Promise.all([a.claim('C0DIGEST', 'run-1'), b.claim('C0DIGEST', 'run-1')]);
    expect([first.won, second.won].sort()).toEqual([false, true]);
    const lost = (first.won ? second : first) as { won: false; retryAt: Date };
    expect(lost.retryAt.getTime() - Date.now()).toBeGreaterThan(1000);
    expect(lost.retryAt.getTime() - Date.now()).toBeLessThanOrEqual(2500);
    expect((await b.claim('C0DIGEST', 'run-2')).won).toBe(true); // another run is another claim
    const winner = (first.won ? first : second) as { won: true; release(): Promise<void> };
    await winner.release();
    expect((await (first.won ? b : a).claim('C0DIGEST', 'run-1')).won).toBe(true);
  });

  it('a held claim is renewed; a dead replica’s claim is taken over once its lease has run out', async () => {
    const [a, b] = await Promise.all([replica(600), replica(600)]);
    const held = await a.claim('C0DIGEST', 'run-1');
    expect(held.won).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // beyond the lease: renewal keeps it
    expect((await b.claim('C0DIGEST', 'run-1')).won).toBe(false);
    // A replica killed with -9 renews nothing: its row stays with a lease in the past.
    await a['options'].pool.query("INSERT INTO digest_claims VALUES ('C0DIGEST', 'run-9', 'dead-replica', clock_timestamp() + interval '300 milliseconds')");
    expect((await b.claim('C0DIGEST', 'run-9')).won).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await b.claim('C0DIGEST', 'run-9')).won).toBe(true);
    if (held.won) await held.release();
  });
});

describe.skipIf(!clusterUrl())('two schedulers on one database', () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await new FakeSlack().start();
  });
  afterAll(async () => {
    await slack.stop();
  });
  beforeEach(async () => {
    url = await testDatabase('notech_sched');
    await migrate(pool());
    slack.reset();
  });
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((p) => p.end()));
  });

  async function schedulerAt(clock: { now: Date }) {
    const state = await replica(5000);
    const client = new WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
    const sender = new DigestSender({ client, state, store: KnowledgeStore.of(realKnowledge(), logger), logger, now: () => clock.now, sleep: async () => {}, retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 10 } });
    return { state, scheduler: new DigestScheduler({ state, sender, logger, now: () => clock.now }) };
  }

  it('each weekly run reaches each channel exactly once, whichever replica ticks', async () => {
    const clock = { now: new Date('2026-11-02T09:00:01Z') };
    const [a, b, c] = await Promise.all([schedulerAt(clock), schedulerAt(clock), schedulerAt(clock)]);
    const channels = ['C0ONE', 'C0TWO', 'C0THREE'];
    await a.state.update((draft) => {
      for (const channelId of channels) draft.subscriptions[channelId] = { channelId, cron: '0 9 * * 1', timezone: 'UTC', lang: 'en', createdAt: '2026-11-01T00:00:00.000Z' };
    });
    slack.delays.set('chat.postMessage', 100); // overlap the replicas' ticks
    for (const week of [0, 1, 2, 3]) {
      clock.now = new Date(Date.UTC(2026, 10, 2 + 7 * week, 9, 0, 1));
      await Promise.all([a.scheduler.tick(), b.scheduler.tick(), c.scheduler.tick()]);
      await Promise.all([a.scheduler.tick(), b.scheduler.tick(), c.scheduler.tick()]);
    }
    for (const channel of channels) {
      const runs = slack.digestsIn(channel).map((message) => (message.metadata as { event_payload: { run: string } }).event_payload.run);
      expect(runs.sort()).toEqual([0, 1, 2, 3].map((week) => runKey(new Date(Date.UTC(2026, 10, 2 + 7 * week, 9)))));
    }
    await c.state.refresh();
    expect(Object.values(c.state.current.channels).flatMap((channel) => Object.values(channel.deliveries).map((d) => d.status))).toEqual(Array(12).fill('delivered'));
    expect((await c.state['options'].pool.query('SELECT count(*)::int AS n FROM digest_claims')).rows[0]).toEqual({ n: 0 }); // settled runs leave no claim
  });
});
