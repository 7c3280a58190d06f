/**
 * Migrations against a real PostgreSQL (test/support/postgres.ts): applied at start in order,
 * once (also with replicas starting together), and refused when a file applied earlier was
 * changed or the database is newer than the code.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { DatabaseError, migrate, openDatabase, readMigrations, type Pool } from '../../src/db/database.js';
import { FakeSlack } from '../support/fake-slack.js';
import { clusterUrl, findPostgresBin, startCluster, testDatabase } from '../support/postgres.js';
import { launchReplica } from '../support/replica-trials.js';

const pools: Pool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.end()));
});

async function freshPool(): Promise<Pool> {
  const pool = new pg.Pool({ connectionString: await testDatabase('notech_migrate') });
  pools.push(pool);
  return pool;
}

describe('migration files', () => {
  it('are numbered 001, 002, … with no gap, each named NNN_words.sql', () => {
    const migrations = readMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    expect(migrations.map((migration) => migration.version)).toEqual(migrations.map((_, index) => index + 1));
  });

  it('a checkout with CRLF line ends (git on Windows) has the same checksums: not taken for an edit', () => {
    const folder = mkdtempSync(join(tmpdir(), 'notech-crlf-'));
    const all = readMigrations();
    for (const migration of all) writeFileSync(join(folder, `${String(migration.version).padStart(3, '0')}_${migration.name}.sql`), migration.sql.replace(/\n/g, '\r\n'));
    expect(readMigrations(folder).map((migration) => migration.checksum)).toEqual(all.map((migration) => migration.checksum));
  });
});

describe.skipIf(!clusterUrl())('migrations on PostgreSQL', () => {
  it('apply every migration once, in order, and record each with its checksum', async () => {
    const pool = await freshPool();
    const all = readMigrations();
    expect(await migrate(pool)).toEqual(all.map((migration) => migration.version));
    expect(await migrate(pool)).toEqual([]); // a second start applies nothing
    const recorded = await pool.query<{ version: number; checksum: string }>('SELECT version, checksum FROM schema_migrations ORDER BY version');
    expect(recorded.rows).toEqual(all.map(({ version, checksum }) => ({ version, checksum })));
    const tables = (await pool.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name")).rows.map((row) => row.table_name);
    expect(tables).toEqual(expect.arrayContaining(['digest_subscriptions', 'digest_channels', 'digest_deliveries', 'digest_claims', 'report_counts', 'seen_keys', 'report_sends', 'schema_migrations']));
  });

  it('replicas starting together: each migration runs once (advisory lock)', async () => {
    const pool = await freshPool();
    const others = [pool, new pg.Pool({ connectionString: (pool.options as { connectionString: string }).connectionString }), new pg.Pool({ connectionString: (pool.options as { connectionString: string }).connectionString })];
    pools.push(others[1]!, others[2]!);
    const results = await Promise.all(others.map((p) => migrate(p)));
    expect(results.flat().sort()).toEqual(readMigrations().map((migration) => migration.version));
  });

  it('three replica processes started at once on an empty database: all start, each migration applied once', async () => {
    const slack = await new FakeSlack().start();
    const databaseUrl = await testDatabase('notech_race');
    const statePath = join(mkdtempSync(join(tmpdir(), 'notech-race-')), 'state.json');
    const bots = [0, 1, 2].map(() => launchReplica({ slack, databaseUrl, statePath, cron: '0 9 * * 1', channels: [] }));
    try {
      await Promise.all(bots.map((bot) => bot.started));
      const pool = new pg.Pool({ connectionString: databaseUrl });
      pools.push(pool);
      const recorded = (await pool.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).rows.map((row) => row.version);
      expect(recorded).toEqual(readMigrations().map((migration) => migration.version));
      expect((await pool.query('SELECT key_id FROM key_check')).rowCount).toBe(1);
    } finally {
      for (const bot of bots) bot.child.kill('SIGKILL');
      await slack.stop();
    }
  }, 60_000);

  it('refuses a migration file changed after it was applied, and a database newer than the code', async () => {
    const pool = await freshPool();
    const all = readMigrations();
    await migrate(pool, all);
    const edited = all.map((migration, index) => (index === 0 ? { ...migration, sql: `${migration.sql}\n-- edited`, checksum: 'different' } : migration));
    await expect(migrate(pool, edited)).rejects.toThrow(/001_init\.sql was changed after it was applied/);
    await expect(migrate(pool, all.slice(0, 0))).rejects.toThrow(/which this NoTech does not know/);
  });

  it('a failing migration leaves nothing half-applied', async () => {
    const pool = await freshPool();
    const all = readMigrations();
    const broken = [...all, { version: all.length + 1, name: 'broken', sql: 'CREATE TABLE half_done (x int); SELECT no_such_function();', checksum: 'x' }];
    await expect(migrate(pool, broken)).rejects.toThrow(DatabaseError);
    const half = await pool.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'");
    expect(half.rowCount).toBe(0);
    expect(await migrate(pool, all)).toEqual([]);
  });

  it('openDatabase: one clear line when the server cannot be reached, without the password', async () => {
    const error = await openDatabase('postgres://notech:s3cret-password@127.0.0.1:1/notech', '127.0.0.1:1/notech').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseError);
    expect((error as Error).message).toBe('DATABASE_URL: cannot connect to PostgreSQL at 127.0.0.1:1/notech: nothing answers at that host and port (ECONNREFUSED): check that the server runs and the host and port in the URL.');
  });

  it('openDatabase: a database, a user or a password the server refuses is said in words, never echoing the user or the password', async () => {
    const cluster = new URL(clusterUrl()!);
    const label = `127.0.0.1:${cluster.port}`;
    const refused = async (url: URL) => {
      const error = await openDatabase(url.toString(), label).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DatabaseError);
      const message = (error as Error).message;
      expect(message).not.toMatch(/s3cret|nobody_here/);
      return message;
    };
    const noDatabase = new URL(cluster);
    noDatabase.pathname = '/no_such_database';
    expect(await refused(noDatabase)).toContain(': the database does not exist (3D000): create it');
    const noUser = new URL(cluster);
    noUser.username = 'nobody_here';
    noUser.password = 's3cret';
    expect(await refused(noUser)).toContain(': the server refused this user (28000)');
    // A server that asks for passwords (the shared test cluster trusts loopback): its own, for a few seconds.
    const passworded = await startCluster(findPostgresBin()!, { password: 'right-password' });
    try {
      const wrong = new URL(passworded.url);
      wrong.password = 's3cret-wrong';
      expect(await refused(wrong)).toContain(': the password was refused (28P01)');
      const pool = await openDatabase(passworded.url, label);
      await pool.end();
    } finally {
      passworded.stop();
    }
  }, 60_000);
});
