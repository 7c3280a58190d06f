/**
 * DATABASE_URL in settings and at start: checked like every other setting (one line per
 * problem, no secret echoed), and a database that cannot be reached stops the bot with one
 * clear line. With it unset, nothing changes (the state file: see the existing suites).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, databaseLabel, loadConfig } from '../../src/config.js';
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
