/**
 * What "Report a problem" keeps in memory (issue 15), and nothing else: how many reports each
 * person sent in the last hour, under a keyed hash of their user id (HMAC-SHA256 with a random
 * key made at start and never written anywhere, as dedupe.ts does for messages), and for an
 * hour at most, which conversation a report modal was opened from (by Slack view id) so the
 * confirmation can go there. A restart forgets both.
 */
import type { WebClient } from '@slack/web-api';
import { createHmac, randomBytes } from 'node:crypto';
import { REPORT } from '../messages/report.js';

const HOUR = 60 * 60 * 1000;

/** At most `limit` reports per person per `windowMs`, counted under a keyed hash of the user id. */
export class ReportLimiter {
  private readonly sent = new Map<string, number[]>();
  private readonly secret = randomBytes(32);

  constructor(
    private readonly now: () => number = Date.now,
    private readonly limit: number = REPORT.perHour,
    private readonly windowMs = HOUR,
    private readonly maxPeople = 10_000,
  ) {}

  private hash(userId: string): string {
    return createHmac('sha256', this.secret).update(userId).digest('base64url').slice(0, 22);
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

/** The conversation a report modal was opened from, by view id, for an hour at most (a modal's lifetime). */
export class ReportOrigins {
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

/** "Report a problem", when MAINTAINERS_CHANNEL is set. */
export interface Reports {
  /** The maintainers' channel id (C… or G…). */
  channel: string;
  limiter: ReportLimiter;
  origins: ReportOrigins;
  /** Adds one to this month's report count (a number only) for the monthly review, when wired. */
  count?: () => Promise<void>;
  /**
   * With OAuth: the client of the maintainers' workspace (MAINTAINERS_TEAM_ID), which posts every
   * report whatever workspace it comes from. Without: the request's own client (one workspace).
   */
  client?: () => Promise<WebClient>;
}
