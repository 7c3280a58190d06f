import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Installation } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { FileInstallationStore } from '../../src/installations/file-store.js';
import { parseTokenKey } from '../../src/installations/seal.js';
import { botTokenFor, InstallationKeyError, InstallationStoreError, NotInstalledError } from '../../src/installations/store.js';

const KEY = parseTokenKey(randomBytes(32).toString('base64'));

function file(): string {
  return join(mkdtempSync(join(tmpdir(), 'notech-installs-')), 'state.installations.json');
}

/** An installation as Bolt's InstallProvider builds it from oauth.v2.access (with the installer's user part). */
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

describe('file installation store', () => {
  it('stores by team_id, seals tokens, keeps nothing about the installer, survives a restart', async () => {
    const path = file();
    const store = FileInstallationStore.open(path, KEY);
    await store.storeInstallation(installation('T0AAA', 'xoxb-aaa-token'));
    await store.storeInstallation(installation('T0BBB', 'xoxb-bbb-token'));
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain('xoxb-');
    expect(text).not.toContain('xoxp-');
    expect(text).not.toContain('U0INSTALLER');
    expect(text).not.toContain('Campaign workspace');
    expect(statSync(path).mode & 0o777).toBe(0o600);

    const reopened = FileInstallationStore.open(path, KEY);
    await reopened.checkKey();
    const fetched = await reopened.fetchInstallation({ teamId: 'T0BBB', enterpriseId: undefined, isEnterpriseInstall: false });
    expect(fetched.bot).toMatchObject({ token: 'xoxb-bbb-token', id: 'B0BOT', userId: 'U0BOTUSER' });
    expect(fetched.user.token).toBeUndefined();
    expect(await botTokenFor(reopened, { teamId: 'T0AAA' })).toBe('xoxb-aaa-token');
  });

  it('an org-wide install answers every workspace of the org; delete forgets it', async () => {
    const store = FileInstallationStore.open(file(), KEY);
    await store.storeInstallation(installation('T0IGNORED', 'xoxb-org-token', { team: undefined, enterprise: { id: 'E0ORG' }, isEnterpriseInstall: true, enterpriseUrl: 'https://org.enterprise.slack.com/' }));
    const org = await store.fetchInstallation({ teamId: undefined, enterpriseId: 'E0ORG', isEnterpriseInstall: true });
    expect(org.bot?.token).toBe('xoxb-org-token');
    expect(await botTokenFor(store, { teamId: 'T0INORG', enterpriseId: 'E0ORG' })).toBe('xoxb-org-token');
    await store.deleteInstallation({ teamId: undefined, enterpriseId: 'E0ORG', isEnterpriseInstall: true });
    await expect(botTokenFor(store, { teamId: 'T0INORG', enterpriseId: 'E0ORG' })).rejects.toThrow(NotInstalledError);
  });

  it('uninstalling one workspace leaves the other', async () => {
    const path = file();
    const store = FileInstallationStore.open(path, KEY);
    await store.storeInstallation(installation('T0AAA', 'xoxb-aaa-token'));
    await store.storeInstallation(installation('T0BBB', 'xoxb-bbb-token'));
    await store.deleteInstallation({ teamId: 'T0AAA', enterpriseId: undefined, isEnterpriseInstall: false });
    await expect(store.fetchInstallation({ teamId: 'T0AAA', enterpriseId: undefined, isEnterpriseInstall: false })).rejects.toThrow(NotInstalledError);
    expect(await botTokenFor(FileInstallationStore.open(path, KEY), { teamId: 'T0BBB' })).toBe('xoxb-bbb-token');
    expect(FileInstallationStore.open(path, KEY).size).toBe(1);
  });

  it('a wrong key is one clear error at the startup check, naming both key ids and never a token', async () => {
    const path = file();
    await FileInstallationStore.open(path, KEY).storeInstallation(installation('T0AAA', 'xoxb-aaa-token'));
    const other = parseTokenKey(randomBytes(32).toString('hex'));
    const error = await FileInstallationStore.open(path, other).checkKey().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(InstallationKeyError);
    expect((error as Error).message).toContain(KEY.id);
    expect((error as Error).message).toContain(other.id);
    expect((error as Error).message).toMatch(/TOKEN_ENCRYPTION_KEY cannot decrypt/);
    expect((error as Error).message).not.toContain('xoxb');
  });

  it('a corrupt file stops startup and is left untouched', () => {
    const path = file();
    writeFileSync(path, '{"format":1,"installations":{"team:T0A":{"bot":');
    expect(() => FileInstallationStore.open(path, KEY)).toThrow(InstallationStoreError);
    writeFileSync(path, JSON.stringify({ format: 1, installations: { 'team:T0A': { plaintext: 'xoxb-x' } } }));
    expect(() => FileInstallationStore.open(path, KEY)).toThrow(/not a NoTech installation file/);
    expect(readFileSync(path, 'utf8')).toContain('plaintext');
  });
});
