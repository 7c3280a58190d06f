/**
 * DATABASE_URL in settings and at start: checked like every other setting (one line per
 * problem, no secret echoed), and a database that cannot be reached stops the bot with one
 * clear line. With it unset, nothing changes (the state file: see the existing suites).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { ConfigError, databaseLabel, loadConfig } from '../../src/config.js';
import { clusterUrl, testDatabase } from '../support/postgres.js';
import { BOT_TOKEN, SIGNING_SECRET } from '../support/slack-requests.js';

const KEY = '0123456789abcdef'.repeat(4); // 32 bytes as hex
const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    return (error as ConfigError).problems;
  }
};

describe('DATABASE_URL settings', () => {
  it('without it: no database, the state file as before', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBeUndefined();
    expect(config.stateFile).toBe('data/state.json');
    expect(config.claimLeaseMs).toBe(30_000);
  });

  it('takes a PostgreSQL URL with the shared secret; logs may name host, port and database only', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://notech:pa55word@db.example.org:6543/notech', TOKEN_ENCRYPTION_KEY: KEY, DIGEST_CLAIM_LEASE_SECONDS: '5' });
    expect(config).toMatchObject({ databaseUrl: 'postgres://notech:pa55word@db.example.org:6543/notech', databaseLabel: 'db.example.org:6543/notech', claimLeaseMs: 5000 });
    expect(config.sharedKey?.key.toString('hex')).toBe(KEY);
    expect(databaseLabel('postgresql://u:p@localhost/x')).toBe('localhost:5432/x');
  });

  it('one clear line per problem, never echoing the URL or the key', () => {
    expect(problems({ DATABASE_URL: 'mysql://u:hunter2@h/db', TOKEN_ENCRYPTION_KEY: KEY })).toEqual([expect.stringMatching(/^DATABASE_URL must be a PostgreSQL URL like postgres:\/\/.*Fix it in \.env/)]);
    expect(problems({ DATABASE_URL: 'postgres://u:hunter2@h/db' })).toEqual([expect.stringMatching(/^TOKEN_ENCRYPTION_KEY is missing: with DATABASE_URL, every replica must share one secret/)]);
    expect(problems({ DATABASE_URL: 'postgres://u:p@h/db', TOKEN_ENCRYPTION_KEY: 'short-secret' })).toEqual([expect.stringMatching(/^TOKEN_ENCRYPTION_KEY must be a 32-byte key/)]);
    expect(problems({ DIGEST_CLAIM_LEASE_SECONDS: '0' })).toEqual([expect.stringMatching(/^DIGEST_CLAIM_LEASE_SECONDS must be a number of seconds/)]);
    expect(JSON.stringify(problems({ DATABASE_URL: 'mysql://u:hunter2@h/db', TOKEN_ENCRYPTION_KEY: 'short-secret' }))).not.toMatch(/hunter2|short-secret/);
    // An unencoded # in the password would make the rest of it the host and port, shown in every connection error.
    expect(problems({ DATABASE_URL: 'postgres://notech:4242#77@db.example.org/notech', TOKEN_ENCRYPTION_KEY: KEY })).toEqual([expect.stringMatching(/^DATABASE_URL must be a PostgreSQL URL like .*percent-encoded/)]);
    expect(JSON.stringify(problems({ DATABASE_URL: 'postgres://notech:4242#77@db.example.org/notech', TOKEN_ENCRYPTION_KEY: KEY }))).not.toMatch(/4242|77@/);
  });
});

describe('starting with a database that cannot be reached', () => {
  it('exits 1 with one line naming host, port and database, not the password', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH, NOTECH_ENV_FILE: 'none', SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, PORT: '0', SLACK_API_URL: 'http://127.0.0.1:9/api/', DATABASE_URL: 'postgres://notech:s3cret@127.0.0.1:1/notech', TOKEN_ENCRYPTION_KEY: KEY },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual(['notech: DATABASE_URL: cannot connect to PostgreSQL at 127.0.0.1:1/notech: nothing answers at that host and port (ECONNREFUSED): check that the server runs and the host and port in the URL.']);
    expect(result.stderr + result.stdout).not.toContain('s3cret');
  });
});

/** Start the bot against `databaseUrl` (the Web API unreachable: it must stop before needing it); its exit code and output. */
function startWith(databaseUrl: string, extra: Record<string, string> = {}): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH, NOTECH_ENV_FILE: 'none', SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, PORT: '0', SLACK_API_URL: 'http://127.0.0.1:9/api/', DATABASE_URL: databaseUrl, TOKEN_ENCRYPTION_KEY: KEY, ...extra },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', (status) => {
      clearTimeout(timer);
      resolve({ status, output });
    });
  });
}

describe.skipIf(!clusterUrl())('starting with a database user that lacks privileges', () => {
  it('one line with the remedy, no stack: a user that may not create tables (PostgreSQL 15+), and one that may not read them; with only read and write on the migrated tables it starts', async () => {
    const admin = new pg.Client({ connectionString: clusterUrl() });
    await admin.connect();
    const role = `limited_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    try {
      await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'pw-${role}'`);
      // A database the user does not own: since PostgreSQL 15 it may not create in schema public.
      const notOwned = new URL(await testDatabase('notech_not_owned'));
      notOwned.username = role;
      notOwned.password = `pw-${role}`;
      const first = await startWith(notOwned.toString());
      expect(first.status).toBe(1);
      expect(first.output.trim().split('\n')).toEqual([expect.stringMatching(/^notech: DATABASE_URL \(127\.0\.0\.1:\d+\/notech_not_owned_\w+\): the user may not create or use NoTech's tables \(42501: permission denied for schema public\): make the user the database's owner/)]);
      // Migrated by its owner, then used by a user with no rights on the tables: refused at the key check.
      const migratedUrl = await testDatabase('notech_migrated');
      const owner = await startWith(migratedUrl);
      expect(owner.output).toContain('state in PostgreSQL'); // it got past the database (then failed on the unreachable Web API)
      const reader = new URL(migratedUrl);
      reader.username = role;
      reader.password = `pw-${role}`;
      const second = await startWith(reader.toString());
      expect(second.status).toBe(1);
      expect(second.output.trim().split('\n')).toEqual([expect.stringMatching(/^notech: DATABASE_URL \(127\.0\.0\.1:\d+\/notech_migrated_\w+\): the user may not create or use NoTech's tables \(42501: permission denied for table schema_migrations\)/)]);
      // The same user given only reading and writing on the tables (no CREATE): it starts.
      const grants = new pg.Client({ connectionString: migratedUrl });
      await grants.connect();
      await grants.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`);
      await grants.end();
      const third = await startWith(reader.toString());
      expect(third.output).toContain('state in PostgreSQL');
      expect(first.output + second.output).not.toContain(`pw-${role}`);
    } finally {
      await admin.end();
    }
  }, 90_000);
});

describe.skipIf(!clusterUrl())('moving from the state file to DATABASE_URL', () => {
  it('a state file that still holds subscriptions is not imported, and the start says so', async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), 'notech-move-')), 'state.json');
    writeFileSync(stateFile, JSON.stringify({ format: 1, subscriptions: { C0MOVED01: { channelId: 'C0MOVED01', cron: '0 9 * * 1', timezone: 'UTC', lang: 'en', createdAt: '2026-11-01T09:00:00.000Z' } }, channels: {} }));
    const withFile = await startWith(await testDatabase('notech_move'), { STATE_FILE: stateFile, LOG_LEVEL: 'warn' });
    const warning = withFile.output.split('\n').find((line) => line.includes('these files are not used'));
    expect(warning, withFile.output).toBeDefined();
    expect(JSON.parse(warning!)).toMatchObject({ level: 40, stateFile, subscriptions: 1, installations: 0 });
    const without = await startWith(await testDatabase('notech_move'), { STATE_FILE: join(tmpdir(), 'notech-no-such-state.json'), LOG_LEVEL: 'warn' });
    expect(without.output).not.toContain('these files are not used');
  }, 60_000);
});
