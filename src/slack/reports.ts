/**
 * What "Report a problem" keeps in memory (issue 15), and nothing else: how many reports each
 * person sent in the last hour, under a keyed hash of their user id (HMAC-SHA256 with a random
 * key made at start and never written anywhere, as dedupe.ts does for messages), and for an
 * hour at most, which conversation a report modal was opened from (by Slack view id) so the
 * confirmation can go there. A restart forgets both.
 */
import type { WebClient } from '@slack/web-api';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { transaction, type Pool } from '../db/database.js';
import { REPORT } from '../messages/report.js';
import { keyedHash } from './dedupe.js';

const HOUR = 60 * 60 * 1000;

/** What "Report a problem" asks of a limiter: in this process (ReportLimiter) or shared by replicas (SharedReportLimiter). */
export interface ReportLimits {
  /** True (and the report counted) when the person has sent fewer than the limit in the window. */
  allow(userId: string): boolean | Promise<boolean>;
}

/** At most `limit` reports per person per `windowMs`, counted under a keyed hash of the user id. */
export class ReportLimiter implements ReportLimits {
  private readonly sent = new Map<string, number[]>();
  private readonly secret = randomBytes(32);

  constructor(
    private readonly now: () => number = Date.now,
    private readonly limit: number = REPORT.perHour,
    private readonly windowMs = HOUR,
    private readonly maxPeople = 10_000,
  ) {}

  private hash(userId: string): string {
    return keyedHash(this.secret, userId);
  }

  /** True (and the report counted) when the person has sent fewer than `limit` reports in the window. */
  allow(userId: string): boolean {
    const key = this.hash(userId);
    const now = this.now();
    const recent = (this.sent.get(key) ?? []).filter((at) => now - at < this.windowMs);
    if (recent.length >= this.limit) {
      this.sent.set(key, recent);
      return false;
    }
    this.sent.delete(key);
    this.sent.set(key, [...recent, now]);
    while (this.sent.size > this.maxPeople) {
      const oldest = this.sent.keys().next().value;
      if (oldest === undefined) break;
      this.sent.delete(oldest);
    }
    return true;
  }

  /** How many people are counted now (expired counts included until they are pushed out). */
  get size(): number {
    return this.sent.size;
  }
}

/**
 * ReportLimiter shared by replicas, in PostgreSQL (table report_sends): the limit holds however
 * a load balancer spreads one person's reports. The user id is kept only as a keyed hash
 * (`secret`: see sharedHashKey in dedupe.ts); rows older than the window are deleted. If the
 * database cannot be asked, the report goes through (logged): the limit guards against floods,
 * and losing a real report is worse.
 */
export class SharedReportLimiter implements ReportLimits {
  constructor(
    private readonly pool: Pool,
    private readonly secret: Buffer,
    private readonly limit: number = REPORT.perHour,
    private readonly windowMs = HOUR,
    private readonly logger?: Logger,
  ) {}

  async allow(userId: string): Promise<boolean> {
    const hash = keyedHash(this.secret, userId);
    const window = this.windowMs / 1000;
    try {
      return await transaction(this.pool, async (client) => {
        // One person's reports are counted one replica at a time, so two at once cannot both pass the limit.
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`report:${hash}`]);
        await client.query('DELETE FROM report_sends WHERE sent_at < clock_timestamp() - make_interval(secs => $1)', [window]);
        const counted = await client.query<{ n: string }>('SELECT count(*) AS n FROM report_sends WHERE user_hash = $1', [hash]);
        if (Number(counted.rows[0]?.n ?? 0) >= this.limit) return false;
        await client.query('INSERT INTO report_sends (user_hash, sent_at) VALUES ($1, clock_timestamp())', [hash]);
        return true;
      });
    } catch (error) {
      this.logger?.warn({ error: (error as NodeJS.ErrnoException).code }, 'report limits unavailable; report allowed');
      return true;
    }
  }
}

/** Where report windows were opened from: in this process (ReportOrigins) or shared by replicas (SharedReportOrigins). */
export interface ReportOriginMemory {
  remember(viewId: string, channel: string): void | Promise<void>;
  /** The conversation, once: a view is submitted once, and the entry is forgotten then. */
  take(viewId: string): string | undefined | Promise<string | undefined>;
}

/** The conversation a report modal was opened from, by view id, for an hour at most (a modal's lifetime). */
export class ReportOrigins implements ReportOriginMemory {
  private readonly origins = new Map<string, { channel: string; at: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = HOUR,
    private readonly max = 1000,
  ) {}

  remember(viewId: string, channel: string): void {
    this.origins.delete(viewId);
    this.origins.set(viewId, { channel, at: this.now() });
    while (this.origins.size > this.max) {
      const oldest = this.origins.keys().next().value;
      if (oldest === undefined) break;
      this.origins.delete(oldest);
    }
  }

  /** The conversation, once: a view is submitted once, and the entry is forgotten then. */
  take(viewId: string): string | undefined {
    const origin = this.origins.get(viewId);
    this.origins.delete(viewId);
    return origin && this.now() - origin.at < this.ttlMs ? origin.channel : undefined;
  }
}

/**
 * ReportOrigins shared by replicas, in PostgreSQL (table report_origins): the window may be
 * opened through one replica and submitted through another. The view id is kept only as a
 * keyed hash (`secret`: see sharedHashKey in dedupe.ts); entries go when taken, or after an
 * hour. If the database cannot be asked, the thank-you goes by DM instead (tellPrivately).
 */
export class SharedReportOrigins implements ReportOriginMemory {
  constructor(
    private readonly pool: Pool,
    private readonly secret: Buffer,
    private readonly ttlMs = HOUR,
    private readonly logger?: Logger,
  ) {}

  private hash(viewId: string): string {
    return keyedHash(this.secret, viewId);
  }

  async remember(viewId: string, channel: string): Promise<void> {
    try {
      await this.pool.query('DELETE FROM report_origins WHERE opened_at < clock_timestamp() - make_interval(secs => $1)', [this.ttlMs / 1000]);
      await this.pool.query(
        'INSERT INTO report_origins (view_hash, channel_id, opened_at) VALUES ($1, $2, clock_timestamp()) ON CONFLICT (view_hash) DO UPDATE SET channel_id = EXCLUDED.channel_id, opened_at = EXCLUDED.opened_at',
        [this.hash(viewId), channel],
      );
    } catch (error) {
      this.logger?.warn({ error: (error as NodeJS.ErrnoException).code }, 'report origin not kept; the thank-you will be a DM');
    }
  }

  async take(viewId: string): Promise<string | undefined> {
    try {
      const taken = await this.pool.query<{ channel_id: string }>(
        'DELETE FROM report_origins WHERE view_hash = $1 AND opened_at >= clock_timestamp() - make_interval(secs => $2) RETURNING channel_id',
        [this.hash(viewId), this.ttlMs / 1000],
      );
      return taken.rows[0]?.channel_id;
    } catch (error) {
      this.logger?.warn({ error: (error as NodeJS.ErrnoException).code }, 'report origin unavailable; the thank-you will be a DM');
      return undefined;
    }
  }
}

/** "Report a problem", when MAINTAINERS_CHANNEL is set. */
export interface Reports {
  /** The maintainers' channel id (C… or G…). */
  channel: string;
  limiter: ReportLimits;
  origins: ReportOriginMemory;
  /** Adds one to this month's report count (a number only) for the monthly review, when wired. */
  count?: () => Promise<void>;
  /**
   * With OAuth: the client of the maintainers' workspace (MAINTAINERS_TEAM_ID), which posts every
   * report whatever workspace it comes from. Without: the request's own client (one workspace).
   */
  client?: () => Promise<WebClient>;
}
