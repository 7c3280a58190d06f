/**
 * Runs each subscription on its own schedule. One timer wakes at the earliest next run (and at
 * least every `maxSleepMs`, so new subscriptions and clock changes are picked up); each wake
 * delivers every subscription's latest due run that has not been delivered.
 *
 * Catch-up: a bot that was down at a run's time posts it when it comes back, as long as the
 * next run has not come yet; a run superseded by a later one is skipped and logged.
 *
 * Replicas (state in PostgreSQL): each tick re-reads the subscriptions, and a run is posted
 * only by the replica that wins its claim (DigestState.claim). A replica that loses wakes
 * again when the winner's lease would run out, so a run whose replica died is taken over.
 */
import type { Logger } from 'pino';
import type { DeliveryTarget, DigestSender } from './deliver.js';
import { logKey, runKey } from './deliver.js';
import { nextRun, recentRuns } from './schedule.js';
import { channelIn, type DigestState } from './state.js';

export interface SchedulerDeps {
  state: DigestState;
  sender: DigestSender;
  logger: Logger;
  now: () => Date;
  maxSleepMs?: number;
  /** The monthly review to MAINTAINERS_CHANNEL, run like a subscription (only when that channel is set). */
  review?: DeliveryTarget;
}

/** At most this many missed runs are recorded as skipped at once (the delivery log keeps 50 per channel). */
const MISSED_RUNS_RECORDED = 40;

export class DigestScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  /** The earliest time (ms) another replica's claim on a due run runs out: look again then. */
  private claimRetryAt: number | undefined;

  constructor(private readonly deps: SchedulerDeps) {}

  start(): void {
    this.stopped = false;
    void this.wake();
  }

  /** Stop scheduling and wait for a delivery in progress to finish (or fail and be recorded). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Deliver everything due now. Exposed for tests; the timer calls it. */
  tick(): Promise<void> {
    this.running ??= this.deliverDue().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async wake(): Promise<void> {
    try {
      await this.tick();
    } catch (error) {
      this.deps.logger.error({ err: error }, 'digest tick failed');
    }
    if (this.stopped) return;
    const now = this.deps.now();
    const upcoming = this.targets()
      .map((subscription) => nextRun({ cron: subscription.cron, timezone: subscription.timezone }, now)?.getTime())
      .filter((time): time is number => time !== undefined);
    const earliest = Math.min(...upcoming, now.getTime() + (this.deps.maxSleepMs ?? 60_000), this.claimRetryAt ?? Infinity);
    this.timer = setTimeout(() => void this.wake(), Math.max(50, earliest - now.getTime() + 20));
    this.timer.unref?.();
  }

  private async deliverDue(): Promise<void> {
    this.claimRetryAt = undefined;
    await this.deps.state.refresh();
    const now = this.deps.now();
    await Promise.all(this.targets().map((subscription) => this.deliverSubscription(subscription, now)));
  }

  /** The stored subscriptions, and the monthly review when configured. */
  private targets(): DeliveryTarget[] {
    const subscriptions: DeliveryTarget[] = Object.values(this.deps.state.current.subscriptions);
    return this.deps.review ? [...subscriptions, this.deps.review] : subscriptions;
  }

  private async deliverSubscription(subscription: DeliveryTarget, now: Date): Promise<void> {
    const schedule = { cron: subscription.cron, timezone: subscription.timezone };
    const since = new Date(subscription.createdAt);
    const [latest, ...older] = recentRuns(schedule, now, MISSED_RUNS_RECORDED + 1).filter((run) => run >= since);
    if (!latest) return;
    const deliveries = this.deps.state.channel(logKey(subscription)).deliveries;
    // Every run missed while the bot was down, not only the one before `latest`: a down time that
    // spans several runs (a slow restart, a long outage) must leave each one recorded as
    // skipped, never silently lost. Newest first, up to the last run this channel has a record of.
    const missed: Date[] = [];
    for (const run of older) {
      if (deliveries[runKey(run)] !== undefined) break;
      missed.push(run);
    }
    if (missed.length > 0) {
      await this.deps.state.update((draft) => {
        const channel = channelIn(draft, logKey(subscription));
        for (const run of missed) {
          // ??=: a replica may have recorded the run meanwhile (state in PostgreSQL); its record stands.
          channel.deliveries[runKey(run)] ??= { status: 'skipped', attempts: 0, updatedAt: now.toISOString(), error: 'missed: a later run was already due' };
        }
      });
      this.deps.logger.warn({ channelId: subscription.channelId, runs: missed.length, run: runKey(missed[0]!) }, 'missed digest runs skipped (a later run was already due)');
    }
    const settled = () => {
      const status = this.deps.state.channel(logKey(subscription)).deliveries[runKey(latest)]?.status;
      return status === 'delivered' || status === 'skipped';
    };
    if (settled()) return;
    const claim = await this.deps.state.claim(logKey(subscription), runKey(latest));
    if (!claim.won) {
      this.claimRetryAt = Math.min(this.claimRetryAt ?? Infinity, claim.retryAt.getTime());
      return;
    }
    try {
      // Another replica may have settled the run between this tick's read and the claim.
      await this.deps.state.refresh();
      if (settled()) return;
      await this.deps.sender.deliver(subscription, latest);
    } finally {
      await claim.release();
    }
  }
}
