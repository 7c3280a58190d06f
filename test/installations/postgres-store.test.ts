/**
 * The installation store in a real PostgreSQL: the same behaviour as the file store
 * (file-store.test.ts), shared by replicas, tokens sealed at rest, and a wrong
 * TOKEN_ENCRYPTION_KEY one clear error at the startup check.
 */
import { randomBytes } from 'node:crypto';
import type { Installation } from '@slack/bolt';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, type Pool } from '../../src/db/database.js';
import { checkSharedKey, PostgresInstallationStore } from '../../src/installations/postgres-store.js';
import { parseTokenKey } from '../../src/installations/seal.js';
import { botTokenFor, InstallationKeyError, NotInstalledError } from '../../src/installations/store.js';
import { clusterUrl, testDatabase } from '../support/postgres.js';

const KEY = parseTokenKey(randomBytes(32).toString('base64'));
const LABEL = '127.0.0.1:5432/notech';

function installation(team: string, token: string, extra: Partial<Installation> = {}): Installation {
  return {
    team: { id: team, name: 'Campaign workspace' },
    enterprise: undefined,
    user: { id: 'U0INSTALLER', token: 'xoxp-user-token-secret', scopes: ['identify'] },
    bot: { token, scopes: ['chat:write', 'commands'], id: 'B0BOT', userId: 'U0BOTUSER' },
    appId: 'A0NOTECH',
    tokenType: 'bot',
    isEnterpriseInstall: false,
    authVersion: 'v2',
    ...extra,
  } as Installation;
}

describe.skipIf(!clusterUrl())('PostgreSQL installation store', () => {
  let pools: Pool[] = [];
  let url: string;
  const pool = () => {
    const created = new pg.Pool({ connectionString: url });
    pools.push(created);
    return created;
  };
  beforeEach(async () => {
    url = await testDatabase('notech_installs');
    await migrate(pool());
  });
  afterEach(async () => {
    await Promise.all(pools.map((p) => p.end()));
    pools = [];
  });

  it('stores by team_id with tokens sealed and nothing about the installer; another replica reads it at once', async () => {
    const a = new PostgresInstallationStore(pool(), KEY, LABEL);
    const b = new PostgresInstallationStore(pool(), KEY, LABEL);
    await a.storeInstallation(installation('T0AAA', 'xoxb-aaa-token', { bot: { token: 'xoxb-aaa-token', refreshToken: 'xoxe-refresh', expiresAt: 1_900_000_000, scopes: ['chat:write'], id: 'B0BOT', userId: 'U0BOTUSER' } }));
    await a.storeInstallation(installation('T0BBB', 'xoxb-bbb-token'));
    const dump = JSON.stringify((await pools[0]!.query('SELECT * FROM installations')).rows);
    for (const absent of ['xoxb-', 'xoxe-', 'xoxp-', 'U0INSTALLER', 'Campaign workspace']) expect(dump).not.toContain(absent);

    await b.checkKey();
    const fetched = await b.fetchInstallation({ teamId: 'T0AAA', enterpriseId: undefined, isEnterpriseInstall: false });
    expect(fetched.bot).toEqual({ token: 'xoxb-aaa-token', refreshToken: 'xoxe-refresh', expiresAt: 1_900_000_000, scopes: ['chat:write'], id: 'B0BOT', userId: 'U0BOTUSER' });
    expect(fetched.user.token).toBeUndefined();
    expect(await botTokenFor(b, { teamId: 'T0BBB' })).toBe('xoxb-bbb-token');
    expect(await b.size()).toBe(2);

    // A reinstall replaces the token; an uninstall through one replica holds on the other.
    await b.storeInstallation(installation('T0BBB', 'xoxb-bbb-new-token'));
    expect(await botTokenFor(a, { teamId: 'T0BBB' })).toBe('xoxb-bbb-new-token');
    await b.deleteInstallation({ teamId: 'T0AAA', enterpriseId: undefined, isEnterpriseInstall: false });
    await expect(a.fetchInstallation({ teamId: 'T0AAA', enterpriseId: undefined, isEnterpriseInstall: false })).rejects.toThrow(NotInstalledError);
    expect(await botTokenFor(a, { teamId: 'T0BBB' })).toBe('xoxb-bbb-new-token');
  });

  it('an org-wide install answers every workspace of the org; delete forgets it', async () => {
    const store = new PostgresInstallationStore(pool(), KEY, LABEL);
    await store.storeInstallation(installation('T0IGNORED', 'xoxb-org-token', { team: undefined, enterprise: { id: 'E0ORG' }, isEnterpriseInstall: true, enterpriseUrl: 'https://org.enterprise.slack.com/' }));
    expect(await botTokenFor(store, { teamId: 'T0INORG', enterpriseId: 'E0ORG' })).toBe('xoxb-org-token');
    await store.deleteInstallation({ teamId: undefined, enterpriseId: 'E0ORG', isEnterpriseInstall: true });
    await expect(botTokenFor(store, { teamId: 'T0INORG', enterpriseId: 'E0ORG' })).rejects.toThrow(NotInstalledError);
  });

  it('a wrong key is one clear startup error, naming key ids and never a token (with installations, and with none)', async () => {
    const other = parseTokenKey(randomBytes(32).toString('hex'));
    // No installation yet: the key recorded by the first start decides.
    await checkSharedKey(pool(), KEY, LABEL);
    const early = await checkSharedKey(pool(), other, LABEL).catch((error: unknown) => error);
    expect(early).toBeInstanceOf(InstallationKeyError);
    expect((early as Error).message).toBe(`TOKEN_ENCRYPTION_KEY is not the key the database at ${LABEL} was set up with (that key's id is ${KEY.id}, this key's id is ${other.id}): give every replica the same TOKEN_ENCRYPTION_KEY, the one first used with this database.`);

    await new PostgresInstallationStore(pool(), KEY, LABEL).storeInstallation(installation('T0AAA', 'xoxb-aaa-token'));
    const error = await new PostgresInstallationStore(pool(), other, LABEL).checkKey().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InstallationKeyError);
    expect((error as Error).message).toContain(other.id);
    expect((error as Error).message).not.toContain('xoxb');
    // A token row sealed with another key (e.g. copied from another database) is named as such.
    await pools[0]!.query('DELETE FROM key_check');
    const stranger = await new PostgresInstallationStore(pool(), other, LABEL).checkKey().catch((caught: unknown) => caught);
    expect((stranger as Error).message).toMatch(new RegExp(`^TOKEN_ENCRYPTION_KEY cannot decrypt the bot tokens stored in the database at ${LABEL.replace(/[.]/g, '\\.')} \\(they were saved with key ${KEY.id}, this key is ${other.id}\\)`));
  });

  it('the table refuses a token in the clear', async () => {
    await expect(
      pool().query("INSERT INTO installations (installation_key, is_enterprise_install, bot_token, bot_scopes, bot_id, bot_user_id, installed_at) VALUES ('team:T0X', false, 'xoxb-clear', '{}', 'B', 'U', now())"),
    ).rejects.toThrow(/installations_bot_token_check/);
  });
});
