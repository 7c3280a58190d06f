/**
 * Bounded memory of recently seen keys (messages answered, threads given help). A key is kept
 * only as a keyed hash (HMAC-SHA256 with a random key made at start and never written
 * anywhere), so the memory holds no Slack id, no text and nothing about people: even a dump
 * of the process cannot say which message or channel a hash stands for without the key, and
 * a restart forgets everything. At most `max` hashes, each for at most `ttlMs`.
 */
import { createHmac, randomBytes } from 'node:crypto';

export class RecentKeys {
  private readonly seen = new Map<string, number>();
  private readonly secret = randomBytes(32);

  constructor(
    private readonly ttlMs: number,
    private readonly max = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  private hash(key: string): string {
    return createHmac('sha256', this.secret).update(key).digest('base64url').slice(0, 22);
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
