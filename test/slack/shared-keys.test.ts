/**
 * Dedupe keys and report limits shared by replicas, in a real PostgreSQL: a key seen by one
 * replica is a repeat for another; the limit holds across replicas under concurrency; the
 * database holds only keyed hashes (no Slack id), keyed by the shared secret.
 */
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, type Pool } from '../../src/db/database.js';
import { SharedRecentKeys, sharedHashKey } from '../../src/slack/dedupe.js';
import { SharedReportLimiter, SharedReportOrigins } from '../../src/slack/reports.js';
import { clusterUrl, testDatabase } from '../support/postgres.js';

const SECRET = 'a-shared-secret-of-at-least-32-characters!';
const HOUR = 3_600_000;

describe('sharedHashKey', () => {
  it('is the same on every replica for one secret, different per purpose and per secret', () => {
    expect(sharedHashKey(SECRET, 'dedupe').equals(sharedHashKey(SECRET, 'dedupe'))).toBe(true);
    expect(sharedHashKey(SECRET, 'dedupe').equals(sharedHashKey(SECRET, 'report-limits'))).toBe(false);
    expect(sharedHashKey(SECRET, 'dedupe').equals(sharedHashKey(`${SECRET}x`, 'dedupe'))).toBe(false);
  });
});

describe.skipIf(!clusterUrl())('shared by replicas in PostgreSQL', () => {
  let pools: Pool[] = [];
  let url: string;
  const pool = () => {
    const created = new pg.Pool({ connectionString: url });
    pools.push(created);
    return created;
  };
  beforeEach(async () => {
    url = await testDatabase('notech_keys');
    await migrate(pool());
  });
  afterEach(async () => {
    await Promise.all(pools.map((p) => p.end()));
    pools = [];
  });

  it('a message seen by one replica is a repeat on the other, answered once even when both ask at once', async () => {
    const key = sharedHashKey(SECRET, 'dedupe');
    const a = new SharedRecentKeys(pool(), 'answered', key, HOUR);
    const b = new SharedRecentKeys(pool(), 'answered', key, HOUR);
    expect(await a.firstTime('C0CHAN\u00001700000000.000100')).toBe(true);
    expect(await b.firstTime('C0CHAN\u00001700000000.000100')).toBe(false);
    const raced = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).firstTime('C0CHAN\u00001700000001.000100')));
    expect(raced.filter(Boolean)).toHaveLength(1);
    // Scopes are separate; forget frees the key (a failed share may be retried).
    expect(await new SharedRecentKeys(pool(), 'shared', key, HOUR).firstTime('C0CHAN\u00001700000000.000100')).toBe(true);
    await b.forget('C0CHAN\u00001700000000.000100');
    expect(await a.firstTime('C0CHAN\u00001700000000.000100')).toBe(true);
  });

  it('keys expire after the TTL (in SQL)', async () => {
    const keys = new SharedRecentKeys(pool(), 'helped', sharedHashKey(SECRET, 'dedupe'), 300);
    expect(await keys.firstTime('C0CHAN:1.2')).toBe(true);
    expect(await keys.firstTime('C0CHAN:1.2')).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await keys.firstTime('C0CHAN:1.2')).toBe(true);
  });

  it('stores only keyed hashes: no Slack id, and another secret gives other hashes', async () => {
    const db = pool();
    await new SharedRecentKeys(db, 'answered', sharedHashKey(SECRET, 'dedupe'), HOUR).firstTime('C0SECRETCHAN\u00001700000000.000100');
    await new SharedRecentKeys(db, 'answered', sharedHashKey(`${SECRET}-other`, 'dedupe'), HOUR).firstTime('C0SECRETCHAN\u00001700000000.000100');
    await new SharedReportLimiter(db, sharedHashKey(SECRET, 'report-limits'), 3, HOUR).allow('U0SECRETUSER');
    const dump = JSON.stringify([(await db.query('SELECT * FROM seen_keys')).rows, (await db.query('SELECT * FROM report_sends')).rows]);
    expect(dump).not.toMatch(/C0SECRETCHAN|U0SECRETUSER|1700000000/);
    expect((await db.query('SELECT DISTINCT key_hash FROM seen_keys')).rowCount).toBe(2);
  });

  it('the report limit holds across replicas, also for reports arriving at once; other people are not limited', async () => {
    const key = sharedHashKey(SECRET, 'report-limits');
    const a = new SharedReportLimiter(pool(), key, 3, HOUR);
    const b = new SharedReportLimiter(pool(), key, 3, HOUR);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).allow('U0PERSON')));
    expect(results.filter(Boolean)).toHaveLength(3);
    expect(await a.allow('U0OTHER')).toBe(true);
  });

  it('counts age out of the window', async () => {
    const limiter = new SharedReportLimiter(pool(), sharedHashKey(SECRET, 'report-limits'), 1, 300);
    expect(await limiter.allow('U0PERSON')).toBe(true);
    expect(await limiter.allow('U0PERSON')).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await limiter.allow('U0PERSON')).toBe(true);
  });

  it('a report window opened through one replica and submitted through the other: its channel, once; the view id only hashed', async () => {
    const key = sharedHashKey(SECRET, 'report-origins');
    const a = new SharedReportOrigins(pool(), key, HOUR);
    const b = new SharedReportOrigins(pool(), key, HOUR);
    await a.remember('V0SECRETVIEW', 'C0ORGANIZE');
    expect(JSON.stringify((await pools[0]!.query('SELECT * FROM report_origins')).rows)).not.toContain('V0SECRETVIEW');
    expect(await b.take('V0SECRETVIEW')).toBe('C0ORGANIZE');
    expect(await a.take('V0SECRETVIEW')).toBeUndefined();
    const brief = new SharedReportOrigins(pool(), key, 300);
    await brief.remember('V0OTHER', 'C0ORGANIZE');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await brief.take('V0OTHER')).toBeUndefined();
  });
});
