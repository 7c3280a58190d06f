/**
 * A short-lived, per-process cache of installations in front of an installation store, for
 * Bolt's authorize only. With OAuth, Bolt reads the store on every request to find the
 * workspace's token: with PostgreSQL a round trip plus the opening of the sealed token, with the
 * file a lookup plus the opening. Measured (bench/oauth.ts, docs/PERFORMANCE.md), that cost the
 * bot 24–31% more CPU per request than one workspace with the file, 76–102% with PostgreSQL.
 *
 * What it holds: for each workspace (`team:T…`) or org-wide install (`enterprise:E…`), the
 * installation as the store returned it (the bot token opened), for at most `ttlMs`, in this
 * process's memory only; never written, never logged. Bolt's Web API clients already keep each
 * workspace's token in memory for the life of the process, so this adds no new exposure.
 *
 * When it forgets: at once, in this process, when an installation is stored (an install or a
 * reinstall: the new token is used by the next request) or deleted (app_uninstalled,
 * tokens_revoked); else when its entry is `ttlMs` old. Another replica's install or uninstall
 * is seen here only after that: up to `ttlMs` with the old token (see docs/PERFORMANCE.md for
 * what Slack answers then). A workspace that is not installed is never cached, so a new install
 * through another replica is seen at once. At most `maxEntries` are kept; past that the entry
 * nearest its expiry goes first.
 */
import type { Installation, InstallationQuery } from '@slack/bolt';
import { installationKey, type Installations } from './store.js';

/** Five seconds: a busy workspace is read once per 5 s per replica instead of on every request. */
export const AUTHORIZE_CACHE_TTL_MS = 5_000;
/** Far more workspaces than NoTech expects; about 1 kB each. */
export const AUTHORIZE_CACHE_MAX_ENTRIES = 1_000;

export interface AuthorizeCacheOptions {
  /** How long an installation read from the store is reused, in milliseconds. */
  ttlMs?: number;
  /** How many workspaces and orgs are kept at most. */
  maxEntries?: number;
  /** The clock, in milliseconds (tests inject one). */
  now?: () => number;
}

/**
 * `store` with its fetchInstallation cached (see the top of this file); storeInstallation and
 * deleteInstallation go to `store` and forget the workspace's entry before and after.
 */
export class CachedInstallations implements Installations {
  private readonly entries = new Map<string, { installation: Installation; expiresAt: number }>();
  /**
   * Bumped by every write, before and after it reaches the store: a read that was under way
   * across a write may have read the old value, so it is returned but not kept.
   */
  private writes = 0;
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(
    private readonly store: Installations,
    options: AuthorizeCacheOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? AUTHORIZE_CACHE_TTL_MS;
    this.maxEntries = Math.max(1, options.maxEntries ?? AUTHORIZE_CACHE_MAX_ENTRIES);
    this.now = options.now ?? Date.now;
  }

  /** How many installations are cached now (expired ones included until read or pushed out). */
  get size(): number {
    return this.entries.size;
  }

  /** The store's answer, from the cache when fresh. Throws as the store does (NotInstalledError: not cached). */
  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const key = installationKey(query);
    if (key === undefined) return this.store.fetchInstallation(query);
    const entry = this.entries.get(key);
    if (entry) {
      if (entry.expiresAt > this.now()) return copyOf(entry.installation);
      this.entries.delete(key);
    }
    const writes = this.writes;
    const installation = await this.store.fetchInstallation(query);
    if (writes === this.writes) {
      // Map order is insertion order, and every entry lives ttlMs: the first is the nearest its expiry.
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, { installation: copyOf(installation), expiresAt: this.now() + this.ttlMs });
    }
    return installation;
  }

  async storeInstallation(installation: Installation): Promise<void> {
    await this.writing(installationKey({ teamId: installation.team?.id, enterpriseId: installation.enterprise?.id, isEnterpriseInstall: installation.isEnterpriseInstall === true }), () =>
      this.store.storeInstallation(installation),
    );
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    await this.writing(installationKey(query), () => this.store.deleteInstallation(query));
  }

  checkKey(): Promise<void> {
    return this.store.checkKey();
  }

  private async writing(key: string | undefined, write: () => Promise<void>): Promise<void> {
    const forget = () => {
      this.writes += 1;
      if (key === undefined) this.entries.clear();
      else this.entries.delete(key);
    };
    forget();
    try {
      await write();
    } finally {
      forget();
    }
  }
}

/**
 * A copy for each caller: Bolt's authorize changes the object it is given when it refreshes a
 * rotating token, and the cached one must stay as the store returned it.
 */
function copyOf(installation: Installation): Installation {
  return {
    ...installation,
    ...(installation.team ? { team: { ...installation.team } } : {}),
    ...(installation.enterprise ? { enterprise: { ...installation.enterprise } } : {}),
    ...(installation.user ? { user: { ...installation.user } } : {}),
    ...(installation.bot ? { bot: { ...installation.bot, scopes: [...installation.bot.scopes] } } : {}),
  } as Installation;
}
