/**
 * Delivering one scheduled run's digest to one channel, exactly once.
 *
 * 1. The run is recorded as "sending" on disk before anything is posted (write-ahead).
 * 2. The digest is posted with message metadata naming the run (`notech_digest`, run key).
 * 3. Success is recorded with the message ts.
 *
 * The one moment the bot cannot know by itself whether a post landed is a crash, timeout or
 * 5xx between Slack accepting the post and the bot recording it. Before posting a run that is
 * already "sending", and before every retry, the bot reads the channel's recent messages and
 * looks for its own metadata: Slack's record decides. Nothing is marked delivered that was not.
 */
import type { WebClient } from '@slack/web-api';
import { clientFor, type DigestClient } from './clients.js';
import type { Logger } from 'pino';
import type { KnowledgeStore } from '../knowledge/store.js';
import { errorCode, joinChannel, retryAfterSeconds } from '../slack-web.js';
import { maintainersReviewMessage } from '../messages/maintainers-review.js';
import type { SlackMessage } from '../messages/types.js';
import { composeDigest } from './content.js';
import { channelIn, monthKey, type DigestState, type Subscription } from './state.js';

export const DIGEST_EVENT_TYPE = 'notech_digest';
/** The monthly review's metadata event type: a review is never mistaken for a digest, nor the reverse. */
export const REVIEW_EVENT_TYPE = 'notech_review';

/**
 * What the sender delivers: a channel's digest subscription, or (`review: true`) the monthly
 * review to MAINTAINERS_CHANNEL, built from config and never stored as a subscription. The
 * review's delivery log is its own (`review:<channel id>` in the state's channels), so a
 * maintainers' channel that also takes the digest keeps two separate records.
 */
export type DeliveryTarget = Subscription & { review?: true };

/** The key of a target's record in the state's `channels`. */
export function logKey(target: Pick<DeliveryTarget, 'channelId' | 'review'>): string {
  return target.review ? `review:${target.channelId}` : target.channelId;
}

/**
 * The month a review run covers, YYYY-MM (UTC): the month before the run's, so the review on
 * the 1st counts the month just ended.
 */
export function reviewedMonth(runAt: Date): string {
  return monthKey(new Date(Date.UTC(runAt.getUTCFullYear(), runAt.getUTCMonth() - 1, 1)));
}

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * Up to 6 chat.postMessage attempts a run (the client itself makes 1 per call: see
 * src/slack-web.ts), 1 s doubling to at most 60 s apart or Slack's Retry-After, with the
 * channel's history read between tries.
 */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 1000, maxDelayMs: 60_000 };

export interface SenderDeps {
  /** One workspace's client, or (OAuth) each subscription's workspace's own: see clients.ts. */
  client: DigestClient;
  state: DigestState;
  store: KnowledgeStore;
  logger: Logger;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  retry?: RetryPolicy;
}

export type DeliveryOutcome = 'delivered' | 'already-delivered' | 'failed' | 'skipped';

/** Slack errors that retrying will not fix: the run is recorded as skipped, with the reason. */
const PERMANENT = new Set(['not_installed', 'channel_not_found', 'is_archived', 'missing_scope', 'not_authed', 'invalid_auth', 'account_inactive', 'token_revoked', 'invalid_blocks', 'msg_blocks_too_long', 'restricted_action', 'not_in_channel']);

export function runKey(runAt: Date): string {
  return runAt.toISOString();
}

export class DigestSender {
  private readonly retry: RetryPolicy;
  private readonly inFlight = new Set<string>();

  constructor(private readonly deps: SenderDeps) {
    this.retry = deps.retry ?? DEFAULT_RETRY;
  }

  async deliver(subscription: DeliveryTarget, runAt: Date): Promise<DeliveryOutcome> {
    const key = runKey(runAt);
    const lock = `${logKey(subscription)}@${key}`;
    if (this.inFlight.has(lock)) return 'already-delivered';
    this.inFlight.add(lock);
    try {
      return await this.deliverOnce(subscription, key, runAt);
    } finally {
      this.inFlight.delete(lock);
    }
  }

  private async deliverOnce(subscription: DeliveryTarget, key: string, runAt: Date): Promise<DeliveryOutcome> {
    const { state } = this.deps;
    const channelId = subscription.channelId;
    const log = logKey(subscription);
    const eventType = subscription.review ? REVIEW_EVENT_TYPE : DIGEST_EVENT_TYPE;
    const logger = subscription.review ? this.deps.logger.child({ review: true }) : this.deps.logger;
    const previous = state.channel(log).deliveries[key];
    if (previous?.status === 'delivered' || previous?.status === 'skipped') return 'already-delivered';
    let client: WebClient;
    try {
      client = await clientFor(this.deps.client, subscription);
    } catch (error) {
      // OAuth: the workspace has no installation (uninstalled: skipped for good), or the store
      // could not be read (failed: the next wake tries again).
      const code = errorCode(error);
      const status = code === 'not_installed' ? 'skipped' : 'failed';
      await this.record(log, key, { status, attempts: previous?.attempts ?? 0, error: code });
      logger.error({ channelId, run: key, error: code, teamId: subscription.teamId ?? null }, 'digest not posted: no token for this workspace');
      return status;
    }
    if (previous?.status === 'sending' || previous?.status === 'failed') {
      const found = await this.findPosted(client, channelId, key, eventType);
      if (found) {
        // Apply what that post carried (recorded with "sending"), so the next digest moves on.
        const shown = state.channel(log).spotlightShown;
        const carried = previous.knowledgeVersion
          ? { version: previous.knowledgeVersion, shownAfter: previous.spotlight ? [...shown.filter((id) => id !== previous.spotlight), previous.spotlight] : shown, spotlight: previous.spotlight }
          : undefined;
        await this.recordDelivered(log, key, found, carried);
        logger.info({ channelId, run: key, resolvedFrom: 'slack-history' }, 'digest was already posted');
        return 'already-delivered';
      }
    }

    const { message, carried, sending } = this.compose(subscription, log, runAt);

    for (let attempt = 1; attempt <= this.retry.attempts; attempt += 1) {
      await this.record(log, key, { status: 'sending', attempts: (previous?.attempts ?? 0) + attempt, ...sending });
      try {
        const result = await client.chat.postMessage({
          channel: channelId,
          ...message,
          unfurl_links: false,
          unfurl_media: false,
          metadata: { event_type: eventType, event_payload: { run: key } },
        });
        await this.recordDelivered(log, key, String(result.ts ?? ''), carried);
        logger.info({ channelId, run: key, attempt, knowledgeVersion: this.deps.store.current.version }, 'digest delivered');
        return 'delivered';
      } catch (error) {
        const code = errorCode(error);
        if (code === 'not_in_channel' && (await this.join(client, channelId))) continue;
        if (PERMANENT.has(code)) {
          await this.record(log, key, { status: 'skipped', attempts: (previous?.attempts ?? 0) + attempt, error: code });
          logger.error({ channelId, run: key, error: code }, 'digest cannot be posted to this channel; skipped');
          return 'skipped';
        }
        logger.warn({ channelId, run: key, attempt, error: code }, 'digest post failed; will check and retry');
        if (attempt === this.retry.attempts) {
          await this.record(log, key, { status: 'failed', attempts: (previous?.attempts ?? 0) + attempt, error: code });
          logger.error({ channelId, run: key, error: code }, 'digest not delivered after retries');
          return 'failed';
        }
        await this.deps.sleep(this.delay(attempt, retryAfterSeconds(error)));
        // The post may have landed although the call failed (timeout, 5xx): ask Slack first.
        const found = await this.findPosted(client, channelId, key, eventType);
        if (found) {
          await this.recordDelivered(log, key, found, carried);
          logger.info({ channelId, run: key, resolvedFrom: 'slack-history' }, 'digest delivered (confirmed after a failed call)');
          return 'delivered';
        }
      }
    }
    return 'failed';
  }

  /**
   * The message for `target`'s run at `runAt`, what to record with "sending", and what a
   * delivered digest moves on (its version and spotlight history). The review carries nothing:
   * its content is the knowledge and the month's report count at the run.
   */
  private compose(
    target: DeliveryTarget,
    log: string,
    runAt: Date,
  ): { message: SlackMessage; carried: { version: string; shownAfter: string[]; spotlight: string | undefined } | undefined; sending: { knowledgeVersion?: string; spotlight?: string } } {
    const knowledge = this.deps.store.current;
    if (target.review) {
      const month = reviewedMonth(runAt);
      const reports = this.deps.state.current.reportsByMonth[month] ?? 0;
      return { message: maintainersReviewMessage(knowledge, { at: runAt, month, reports }), carried: undefined, sending: {} };
    }
    const { plan, message } = composeDigest(knowledge, this.deps.state.channel(log), { lang: target.lang, at: runAt, timezone: target.timezone });
    return {
      message,
      carried: { version: plan.knowledge.version, shownAfter: plan.shownAfter, spotlight: plan.spotlight?.id },
      sending: { knowledgeVersion: plan.knowledge.version, ...(plan.spotlight ? { spotlight: plan.spotlight.id } : {}) },
    };
  }

  private delay(attempt: number, retryAfterSeconds: number | undefined): number {
    if (retryAfterSeconds !== undefined && retryAfterSeconds > 0) return retryAfterSeconds * 1000;
    const exponential = this.retry.baseDelayMs * 2 ** (attempt - 1);
    return Math.min(this.retry.maxDelayMs, exponential * (0.75 + Math.random() * 0.5));
  }

  /** The ts of this run's digest in the channel's recent messages, per Slack; undefined if absent. */
  private async findPosted(client: WebClient, channelId: string, key: string, eventType: string): Promise<string | undefined> {
    try {
      const history = await client.conversations.history({ channel: channelId, limit: 15, include_all_metadata: true });
      const match = (history.messages ?? []).find((message) => {
        const metadata = (message as { metadata?: { event_type?: string; event_payload?: { run?: string } } }).metadata;
        return metadata?.event_type === eventType && metadata.event_payload?.run === key;
      });
      return match?.ts;
    } catch (error) {
      this.deps.logger.warn({ channelId, run: key, error: errorCode(error) }, 'could not read channel history to confirm a digest');
      return undefined;
    }
  }

  private async join(client: WebClient, channelId: string): Promise<boolean> {
    const membership = await joinChannel(client, channelId, this.deps.logger);
    if (membership === 'cannot') this.deps.logger.warn({ channelId }, 'cannot join channel; invite the bot');
    else this.deps.logger.info({ channelId }, 'joined channel to post the digest');
    return membership !== 'cannot';
  }

  private record(
    channelId: string,
    key: string,
    delivery: { status: 'sending' | 'failed' | 'skipped'; attempts: number; error?: string; knowledgeVersion?: string; spotlight?: string },
  ): Promise<void> {
    const now = this.deps.now().toISOString();
    return this.deps.state.update((draft) => {
      const channel = channelIn(draft, channelId);
      channel.deliveries[key] = { ...channel.deliveries[key], ...delivery, updatedAt: now };
    });
  }

  private recordDelivered(channelId: string, key: string, ts: string, plan: { version: string; shownAfter: string[]; spotlight: string | undefined } | undefined): Promise<void> {
    const now = this.deps.now().toISOString();
    return this.deps.state.update((draft) => {
      const channel = channelIn(draft, channelId);
      const before = channel.deliveries[key];
      channel.deliveries[key] = {
        status: 'delivered',
        attempts: before?.attempts ?? 1,
        updatedAt: now,
        ts,
        ...(plan ? { knowledgeVersion: plan.version, ...(plan.spotlight ? { spotlight: plan.spotlight } : {}) } : {}),
      };
      if (plan) {
        channel.lastVersion = plan.version;
        channel.spotlightShown = plan.shownAfter;
      }
    });
  }
}
