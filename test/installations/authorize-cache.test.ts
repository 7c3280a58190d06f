/**
 * What the signed-HTTP tests (test/e2e/oauth-authorize-cache.test.ts) cannot time: a read of the
 * store that is under way while an uninstall or a reinstall is written must not leave the old
 * installation in the cache. A real file store, its reads held back until the test lets them
 * answer (as a slow PostgreSQL round trip would be).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Installation, InstallationQuery } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { CachedInstallations } from '../../src/installations/authorize-cache.js';
import { FileInstallationStore } from '../../src/installations/file-store.js';
import { parseTokenKey } from '../../src/installations/seal.js';
import { installationFrom, NotInstalledError, type Installations } from '../../src/installations/store.js';

const KEY = parseTokenKey(randomBytes(32).toString('base64'));
const QUERY: InstallationQuery<boolean> = { teamId: 'T0AAA', enterpriseId: undefined, isEnterpriseInstall: false };
const installation = (token: string): Installation => installationFrom({ teamId: 'T0AAA', isEnterpriseInstall: false, bot: { token, scopes: ['commands'], id: 'B0BOT', userId: 'U0BOTUSER' } });

/** The file store, each read taken at once but answered only when `release` is called. */
function slowReads(store: FileInstallationStore): { store: Installations; release: () => void } {
  const held: Array<() => void> = [];
  return {
    store: {
      fetchInstallation: async (query) => {
        const read = store.fetchInstallation(query);
        await new Promise<void>((resolve) => held.push(resolve));
        return read;
      },
      storeInstallation: (value) => store.storeInstallation(value),
      deleteInstallation: (query) => store.deleteInstallation(query),
      checkKey: () => store.checkKey(),
    },
    release: () => held.splice(0).forEach((resolve) => resolve()),
  };
}

async function setUp(): Promise<{ file: FileInstallationStore; cache: CachedInstallations; release: () => void }> {
  const file = FileInstallationStore.open(join(mkdtempSync(join(tmpdir(), 'notech-authorize-cache-')), 'state.installations.json'), KEY);
  await file.storeInstallation(installation('xoxb-first'));
  const slow = slowReads(file);
  return { file, cache: new CachedInstallations(slow.store, { ttlMs: 60_000 }), release: slow.release };
}

describe('authorize cache: reads under way across a write', () => {
  it('a read begun before an uninstall answers the old installation but does not keep it', async () => {
    const { cache, release } = await setUp();
    const read = cache.fetchInstallation(QUERY);
    await cache.deleteInstallation(QUERY);
    release();
    expect((await read).bot?.token).toBe('xoxb-first');
    expect(cache.size).toBe(0);
    const next = cache.fetchInstallation(QUERY);
    release();
    await expect(next).rejects.toBeInstanceOf(NotInstalledError);
  });

  it('a read begun before a reinstall does not keep the old token', async () => {
    const { cache, release } = await setUp();
    const read = cache.fetchInstallation(QUERY);
    await cache.storeInstallation(installation('xoxb-second'));
    release();
    await read;
    const next = cache.fetchInstallation(QUERY);
    release();
    expect((await next).bot?.token).toBe('xoxb-second');
    // Now kept: a third read needs no store.
    expect((await cache.fetchInstallation(QUERY)).bot?.token).toBe('xoxb-second');
  });

  it('gives each caller its own copy (Bolt changes the one it gets when it refreshes a rotating token)', async () => {
    const { cache, release } = await setUp();
    const first = cache.fetchInstallation(QUERY);
    release();
    (await first).bot!.token = 'changed by the caller';
    expect((await cache.fetchInstallation(QUERY)).bot?.token).toBe('xoxb-first');
  });
});
