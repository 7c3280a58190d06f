/**
 * Bounded memory of recently seen keys (messages answered, threads given help). A key is kept
 * only as a keyed hash (HMAC-SHA256 with a random key made at start and never written
 * anywhere), so the memory holds no Slack id, no text and nothing about people: even a dump
 * of the process cannot say which message or channel a hash stands for without the key, and
 * a restart forgets everything. At most `max` hashes, each for at most `ttlMs`.
 */
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Pool } from '../db/database.js';

/**
 * A Slack id or key as it is kept anywhere (memory or PostgreSQL): HMAC-SHA256 under `secret`,
 * 22 base64url characters (132 bits). Every keyed hash of dedupe.ts and reports.ts is this one.
 */
export function keyedHash(secret: Buffer, text: string): string {
  return createHmac('sha256', secret).update(text).digest('base64url').slice(0, 22);
}

export class RecentKeys implements SeenKeys {
  private readonly seen = new Map<string, number>();
  private readonly secret = randomBytes(32);

  constructor(
    private readonly ttlMs: number,
    private readonly max = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  private hash(key: string): string {
    return keyedHash(this.secret, key);
  }

  /** True the first time a key is seen (within the TTL); false for repeats. */
  firstTime(key: string): boolean {
    const hash = this.hash(key);
    const now = this.now();
    const at = this.seen.get(hash);
    if (at !== undefined && now - at < this.ttlMs) return false;
    this.seen.delete(hash);
    this.seen.set(hash, now);
    while (this.seen.size > this.max) {
      const oldest = this.seen.keys().next().value;
      if (oldest === undefined) break;
      this.seen.delete(oldest);
    }
    return true;
  }

  /** Forget a key, so it counts as new again (an attempt that failed may be retried). */
  forget(key: string): void {
    this.seen.delete(this.hash(key));
  }

  /** How many hashes are held now (expired ones included until they are pushed out). */
  get size(): number {
    return this.seen.size;
  }
}

/** What listeners need of a memory of seen keys: in this process (RecentKeys) or shared by replicas (SharedRecentKeys). */
export interface SeenKeys {
  /** True the first time a key is seen (within the TTL); false for repeats. */
  firstTime(key: string): boolean | Promise<boolean>;
  /** Forget a key, so it counts as new again (an attempt that failed may be retried). */
  forget(key: string): void | Promise<void>;
}

/**
 * The HMAC key replicas share for `purpose` (e.g. "dedupe", "report-limits"): HKDF-SHA256 of
 * the secret every replica is given (TOKEN_ENCRYPTION_KEY), with the purpose as its label, so
 * the same secret never keys two different things and the secret itself is never used raw.
 */
export function sharedHashKey(secret: Buffer | string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'notech', `notech ${purpose} v1`, 32));
}

/** How often (at most) a process deletes expired rows: every few minutes is plenty for an hour's TTL. */
const CLEANUP_EVERY_MS = 5 * 60 * 1000;

/**
 * RecentKeys shared by replicas, in PostgreSQL (table seen_keys): a message retried by Slack to
 * another replica, or a double click whose two actions reach two replicas, is still answered
 * once. Keys are stored only as keyed hashes (`secret`: see sharedHashKey) under a `scope`
 * ("answered", "shared", "helped"), and expire after `ttlMs` in SQL.
 *
 * If the database cannot be asked, the key counts as new (logged): a rare second answer is
 * better than none.
 */
export class SharedRecentKeys implements SeenKeys {
  private lastCleanup = 0;

  constructor(
    private readonly pool: Pool,
    private readonly scope: string,
    private readonly secret: Buffer,
    private readonly ttlMs: number,
    private readonly logger?: Logger,
  ) {}

  private hash(key: string): string {
    return keyedHash(this.secret, key);
  }

  async firstTime(key: string): Promise<boolean> {
    this.cleanup();
    try {
      // One statement, so two replicas asking at once cannot both win: the row is new, or it was expired and is renewed.
      const result = await this.pool.query(
        `INSERT INTO seen_keys AS k (scope, key_hash, seen_at) VALUES ($1, $2, clock_timestamp())
         ON CONFLICT (scope, key_hash) DO UPDATE SET seen_at = EXCLUDED.seen_at
           WHERE k.seen_at < clock_timestamp() - make_interval(secs => $3)
         RETURNING 1`,
        [this.scope, this.hash(key), this.ttlMs / 1000],
      );
      return result.rowCount === 1;
    } catch (error) {
      this.logger?.warn({ scope: this.scope, error: (error as NodeJS.ErrnoException).code }, 'dedupe keys unavailable; answering');
      return true;
    }
  }

  async forget(key: string): Promise<void> {
    try {
      await this.pool.query('DELETE FROM seen_keys WHERE scope = $1 AND key_hash = $2', [this.scope, this.hash(key)]);
    } catch (error) {
      this.logger?.warn({ scope: this.scope, error: (error as NodeJS.ErrnoException).code }, 'dedupe key not forgotten');
    }
  }

  private cleanup(): void {
    const now = Date.now();
    if (now - this.lastCleanup < CLEANUP_EVERY_MS) return;
    this.lastCleanup = now;
    this.pool
      .query('DELETE FROM seen_keys WHERE scope = $1 AND seen_at < clock_timestamp() - make_interval(secs => $2)', [this.scope, this.ttlMs / 1000])
      .catch(() => undefined);
  }
}
