/**
 * The digest's state in PostgreSQL (DATABASE_URL), shared by every replica: the same State as
 * the state file (state.ts), kept in tables (migrations/001_init.sql).
 *
 * `update` runs in one transaction under an advisory lock: it reads the latest state, applies
 * the change, checks it against the schema and writes only the rows that changed. Replicas
 * therefore never overwrite each other's changes, and a replica killed mid-update leaves the
 * state as it was (the transaction rolls back).
 *
 * `claim` decides which replica posts a run: INSERT … ON CONFLICT on (log, run). The winner
 * holds a lease on the database clock, renewed while it works; a claim whose lease ran out
 * (its replica died, or hung) is taken over by the next replica to ask, which then goes through
 * deliver.ts's history check, so a post that landed before the kill is found, not repeated.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { LOCKS, transaction, type Pool, type PoolClient } from '../db/database.js';
import { applyChange, emptyChannel, emptyState, type ChannelState, type Delivery, type DigestState, type RunClaim, type State, type Subscription } from './state.js';

type Queryable = Pool | PoolClient;

export interface PostgresStateOptions {
  pool: Pool;
  logger: Logger;
  /** How long a claim lasts without renewal (ms); renewed every third of it while held. */
  leaseMs: number;
  /** This process's name in claims (default: a random UUID per process). */
  replica?: string;
}

export class PostgresStateStore implements DigestState {
  private state: State = emptyState();
  private queue: Promise<void> = Promise.resolve();
  /** Updates completed by this process: a refresh that overlapped one is dropped (the update's result is newer). */
  private updates = 0;
  readonly replica: string;

  private constructor(private readonly options: PostgresStateOptions) {
    this.replica = options.replica ?? randomUUID();
  }

  /** Read the state from the database (migrated already: see openDatabase). */
  static async open(options: PostgresStateOptions): Promise<PostgresStateStore> {
    const store = new PostgresStateStore(options);
    // Claims of runs nobody took over (the channel unsubscribed meanwhile) are only clutter after a day.
    await options.pool.query("DELETE FROM digest_claims WHERE lease_until < clock_timestamp() - interval '1 day'");
    await store.refresh();
    return store;
  }

  get current(): Readonly<State> {
    return this.state;
  }

  channel(channelId: string): ChannelState {
    return this.state.channels[channelId] ?? emptyChannel();
  }

  /** Re-read the whole state, from one snapshot (a repeatable-read transaction), so tables never disagree. */
  async refresh(): Promise<void> {
    const before = this.updates;
    const read = await transaction(this.options.pool, async (client) => {
      await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      return readState(client);
    });
    // An update that finished meanwhile read the latest state in its own transaction: keep its result.
    if (this.updates === before) this.state = read;
  }

  update(change: (draft: State) => void): Promise<void> {
    const run = this.queue.then(async () => {
      this.state = await transaction(this.options.pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [LOCKS.state]);
        const before = await readState(client);
        const after = applyChange(before, change);
        await writeChanges(client, before, after);
        return after;
      });
      this.updates += 1;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  async claim(log: string, runKey: string): Promise<RunClaim> {
    const { pool, leaseMs, logger } = this.options;
    // `previous` (read from the statement's snapshot): the replica that held the claim before, if any.
    const result = await pool.query<{ previous: string | null }>(
      `WITH old AS (SELECT replica FROM digest_claims WHERE log_key = $1 AND run_key = $2)
       INSERT INTO digest_claims AS c (log_key, run_key, replica, lease_until)
       VALUES ($1, $2, $3, clock_timestamp() + make_interval(secs => $4))
       ON CONFLICT (log_key, run_key) DO UPDATE
         SET replica = EXCLUDED.replica, lease_until = EXCLUDED.lease_until
         WHERE c.lease_until < clock_timestamp() OR c.replica = EXCLUDED.replica
       RETURNING (SELECT replica FROM old) AS previous`,
      [log, runKey, this.replica, leaseMs / 1000],
    );
    if (result.rowCount === 0) {
      const held = await pool.query<{ lease_until: Date; now: Date }>('SELECT lease_until, clock_timestamp() AS now FROM digest_claims WHERE log_key = $1 AND run_key = $2', [log, runKey]);
      const row = held.rows[0];
      // The lease end on this machine's clock (the database's clock decides; only the distance is used here).
      const retryAt = row ? new Date(Date.now() + Math.max(0, row.lease_until.getTime() - row.now.getTime())) : new Date();
      return { won: false, retryAt };
    }
    const previous = result.rows[0]?.previous;
    if (previous && previous !== this.replica) logger.warn({ log, run: runKey }, 'digest run taken over (the replica that claimed it stopped renewing its lease)');
    let released = false;
    const renew = setInterval(() => {
      void pool
        .query(`UPDATE digest_claims SET lease_until = clock_timestamp() + make_interval(secs => $4) WHERE log_key = $1 AND run_key = $2 AND replica = $3`, [log, runKey, this.replica, leaseMs / 1000])
        .then((renewed) => {
          if (!released && renewed.rowCount === 0) logger.warn({ log, run: runKey }, 'digest claim lost while held (this replica stalled past its lease)');
        })
        .catch((error: unknown) => logger.warn({ log, run: runKey, error: (error as NodeJS.ErrnoException).code }, 'digest claim not renewed'));
    }, Math.max(100, leaseMs / 3));
    renew.unref();
    return {
      won: true,
      release: async () => {
        released = true;
        clearInterval(renew);
        await pool.query('DELETE FROM digest_claims WHERE log_key = $1 AND run_key = $2 AND replica = $3', [log, runKey, this.replica]);
      },
    };
  }

  async close(): Promise<void> {
    await this.queue;
  }
}

interface SubscriptionRow {
  channel_id: string;
  cron: string;
  timezone: string;
  lang: 'en' | 'ar';
  created_at: Date;
  from_config: boolean;
  team_id: string | null;
  enterprise_id: string | null;
}
interface ChannelRow {
  log_key: string;
  last_version: string | null;
  spotlight_shown: string[];
}
interface DeliveryRow {
  log_key: string;
  run_key: string;
  status: Delivery['status'];
  attempts: number;
  updated_at: Date;
  ts: string | null;
  error: string | null;
  knowledge_version: string | null;
  spotlight: string | null;
}

/** The whole state, as the state file would hold it. */
export async function readState(db: Queryable): Promise<State> {
  // One after another: a transaction's queries share one connection, which takes one query at a time.
  const subscriptions = await db.query<SubscriptionRow>('SELECT * FROM digest_subscriptions');
  const channels = await db.query<ChannelRow>('SELECT * FROM digest_channels');
  const deliveries = await db.query<DeliveryRow>('SELECT * FROM digest_deliveries');
  const months = await db.query<{ month: string; count: number }>('SELECT month, count FROM report_counts');
  const state = emptyState();
  for (const row of subscriptions.rows) {
    state.subscriptions[row.channel_id] = {
      channelId: row.channel_id,
      cron: row.cron,
      timezone: row.timezone,
      lang: row.lang,
      createdAt: row.created_at.toISOString(),
      ...(row.from_config ? { fromConfig: true } : {}),
      ...(row.team_id !== null ? { teamId: row.team_id } : {}),
      ...(row.enterprise_id !== null ? { enterpriseId: row.enterprise_id } : {}),
    };
  }
  for (const row of channels.rows) {
    state.channels[row.log_key] = { ...(row.last_version !== null ? { lastVersion: row.last_version } : {}), spotlightShown: row.spotlight_shown, deliveries: {} };
  }
  for (const row of deliveries.rows) {
    const channel = state.channels[row.log_key];
    if (!channel) continue;
    channel.deliveries[row.run_key] = {
      status: row.status,
      attempts: row.attempts,
      updatedAt: row.updated_at.toISOString(),
      ...(row.ts !== null ? { ts: row.ts } : {}),
      ...(row.error !== null ? { error: row.error } : {}),
      ...(row.knowledge_version !== null ? { knowledgeVersion: row.knowledge_version } : {}),
      ...(row.spotlight !== null ? { spotlight: row.spotlight } : {}),
    };
  }
  for (const row of months.rows) state.reportsByMonth[row.month] = row.count;
  return state;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Write the rows that differ between `before` and `after` (both read and checked in this transaction). */
async function writeChanges(client: PoolClient, before: State, after: State): Promise<void> {
  for (const id of Object.keys(before.subscriptions)) {
    if (!after.subscriptions[id]) await client.query('DELETE FROM digest_subscriptions WHERE channel_id = $1', [id]);
  }
  for (const [id, subscription] of Object.entries(after.subscriptions)) {
    if (!same(before.subscriptions[id], subscription)) await upsertSubscription(client, subscription);
  }
  for (const key of Object.keys(before.channels)) {
    if (!after.channels[key]) await client.query('DELETE FROM digest_channels WHERE log_key = $1', [key]); // deliveries go with it
  }
  for (const [key, channel] of Object.entries(after.channels)) {
    const old = before.channels[key];
    if (!old || old.lastVersion !== channel.lastVersion || !same(old.spotlightShown, channel.spotlightShown)) {
      await client.query(
        `INSERT INTO digest_channels (log_key, last_version, spotlight_shown) VALUES ($1, $2, $3::jsonb)
         ON CONFLICT (log_key) DO UPDATE SET last_version = EXCLUDED.last_version, spotlight_shown = EXCLUDED.spotlight_shown`,
        [key, channel.lastVersion ?? null, JSON.stringify(channel.spotlightShown)],
      );
    }
    for (const run of Object.keys(old?.deliveries ?? {})) {
      if (!channel.deliveries[run]) await client.query('DELETE FROM digest_deliveries WHERE log_key = $1 AND run_key = $2', [key, run]);
    }
    for (const [run, delivery] of Object.entries(channel.deliveries)) {
      if (!same(old?.deliveries[run], delivery)) await upsertDelivery(client, key, run, delivery);
    }
  }
  for (const month of Object.keys(before.reportsByMonth)) {
    if (after.reportsByMonth[month] === undefined) await client.query('DELETE FROM report_counts WHERE month = $1', [month]);
  }
  for (const [month, count] of Object.entries(after.reportsByMonth)) {
    if (before.reportsByMonth[month] !== count) {
      await client.query('INSERT INTO report_counts (month, count) VALUES ($1, $2) ON CONFLICT (month) DO UPDATE SET count = EXCLUDED.count', [month, count]);
    }
  }
}

function upsertSubscription(client: PoolClient, s: Subscription) {
  return client.query(
    `INSERT INTO digest_subscriptions (channel_id, cron, timezone, lang, created_at, from_config, team_id, enterprise_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (channel_id) DO UPDATE SET cron = EXCLUDED.cron, timezone = EXCLUDED.timezone, lang = EXCLUDED.lang, created_at = EXCLUDED.created_at,
       from_config = EXCLUDED.from_config, team_id = EXCLUDED.team_id, enterprise_id = EXCLUDED.enterprise_id`,
    [s.channelId, s.cron, s.timezone, s.lang, s.createdAt, s.fromConfig ?? false, s.teamId ?? null, s.enterpriseId ?? null],
  );
}

function upsertDelivery(client: PoolClient, log: string, run: string, d: Delivery) {
  return client.query(
    `INSERT INTO digest_deliveries (log_key, run_key, status, attempts, updated_at, ts, error, knowledge_version, spotlight) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (log_key, run_key) DO UPDATE SET status = EXCLUDED.status, attempts = EXCLUDED.attempts, updated_at = EXCLUDED.updated_at, ts = EXCLUDED.ts,
       error = EXCLUDED.error, knowledge_version = EXCLUDED.knowledge_version, spotlight = EXCLUDED.spotlight`,
    [log, run, d.status, d.attempts, d.updatedAt, d.ts ?? null, d.error ?? null, d.knowledgeVersion ?? null, d.spotlight ?? null],
  );
}
