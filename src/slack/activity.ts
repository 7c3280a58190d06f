/**
 * What the bot did, as counts: one info line a minute ("12 commands, 3 mentions…") instead of a
 * line per request. Operators see that it works; the log says nothing about who asked what or
 * when, and a busy hour costs the bot nothing. Per-request lines stay available at debug.
 */
import type { Logger } from 'pino';

export class Activity {
  private counts = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly logger: Logger) {}

  count(what: string): void {
    this.counts.set(what, (this.counts.get(what) ?? 0) + 1);
  }

  start(intervalMs = 60_000): void {
    this.timer = setInterval(() => this.flush(), intervalMs);
    this.timer.unref();
  }

  flush(): void {
    if (this.counts.size === 0) return;
    this.logger.info({ activity: Object.fromEntries(this.counts) }, 'activity in the last minute');
    this.counts = new Map();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.flush();
  }
}
