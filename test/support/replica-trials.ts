/**
 * Replicas under kill -9 (issue 17): two NoTech processes on one database, the digest on a
 * schedule, and one of them killed with SIGKILL around scheduled times, then restarted. Used by
 * test/hardening/replicas.test.ts (a fast schedule, a few trials, in CI) and by
 * scripts/replica-trials.ts (the one-minute schedule, 20 trials, figures for docs/RELIABILITY.md).
 *
 * Counted per channel and scheduled slot, from the first slot after both replicas started to
 * the last before they stopped: delivered (posts Slack received), duplicated (a second post
 * for a slot), lost (no post and no record saying the run was skipped), skipped (superseded
 * runs, recorded). Also how often a survivor took over a dead replica's claim and how often
 * a post that had landed was found in the channel's history rather than posted again.
 */
import pg from 'pg';
import { startBot, type BotProcess } from './bot-spawn.js';
import type { FakeSlack } from './fake-slack.js';

export interface TrialOptions {
  slack: FakeSlack;
  databaseUrl: string;
  /** The digest schedule (6-field cron with seconds for fast runs) and its period. */
  cron: string;
  periodMs: number;
  trials: number;
  channels: string[];
  seed: number;
  leaseSeconds?: number;
  /** A slow Slack (ms per chat.postMessage) widens the window between a post landing and its record. */
  postDelayMs?: number;
  /** Where the state file would be (unused with DATABASE_URL; set so no replica touches data/). */
  statePath: string;
  log?: (line: string) => void;
}

export interface TrialFigures {
  seed: number;
  trials: number;
  seconds: number;
  channels: number;
  slots: number;
  delivered: number;
  duplicated: number;
  lost: number;
  skippedAsSuperseded: number;
  /** Kills that landed while the victim held a claim, so the other replica took the run over. */
  takenOver: number;
  /** Runs found already posted in the channel history (a post landed just before a kill). */
  resolvedFromHistory: number;
  kills: Array<{ trial: number; victim: 'A' | 'B'; offsetMs: number }>;
}

/** TOKEN_ENCRYPTION_KEY for both replicas: 32 bytes, as hex. */
export const TRIAL_SECRET = 'feedc0de'.repeat(8);

/** A small seeded generator, so a failing trial can be replayed. */
export function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

export function launchReplica(options: Pick<TrialOptions, 'slack' | 'databaseUrl' | 'cron' | 'channels' | 'leaseSeconds' | 'statePath'>, extra: Record<string, string> = {}): BotProcess {
  return startBot({
    SLACK_API_URL: options.slack.apiUrl,
    STATE_FILE: options.statePath,
    DATABASE_URL: options.databaseUrl,
    TOKEN_ENCRYPTION_KEY: TRIAL_SECRET,
    DIGEST_SCHEDULE: options.cron,
    DIGEST_CHANNELS: options.channels.join(','),
    ...(options.leaseSeconds ? { DIGEST_CLAIM_LEASE_SECONDS: String(options.leaseSeconds) } : {}),
    LOG_LEVEL: 'info',
    ...extra,
  });
}

export function runsIn(slack: FakeSlack, channel: string): string[] {
  return slack.digestsIn(channel).map((message) => (message.metadata as { event_payload: { run: string } }).event_payload.run);
}

/** Run the trials; `bots` holds every process started (for cleanup and log checks). */
export async function runReplicaTrials(options: TrialOptions, bots: BotProcess[]): Promise<TrialFigures> {
  const { slack, periodMs, channels } = options;
  const log = options.log ?? (() => {});
  const next = seeded(options.seed);
  if (options.postDelayMs) slack.delays.set('chat.postMessage', options.postDelayMs);
  const launch = () => {
    const bot = launchReplica(options);
    bots.push(bot);
    return bot;
  };
  const replicas: Record<'A' | 'B', BotProcess> = { A: launch(), B: launch() };
  await Promise.all([replicas.A.started, replicas.B.started]);
  const startedAt = Date.now();
  const firstSlot = Math.ceil((startedAt + 1) / periodMs) * periodMs;
  const kills: TrialFigures['kills'] = [];

  for (let trial = 0; trial < options.trials; trial += 1) {
    // Around the next scheduled time: from 0.5 s before it to 1.5 s after (claim, post, record).
    const offsetMs = Math.round(-500 + next() * 2000);
    let slot = Math.ceil(Date.now() / periodMs) * periodMs;
    if (slot + offsetMs - Date.now() < 200) slot += periodMs;
    await sleep(slot + offsetMs - Date.now());
    const victim = next() < 0.5 ? 'A' : 'B';
    replicas[victim].child.kill('SIGKILL');
    await replicas[victim].exited;
    kills.push({ trial, victim, offsetMs });
    log(`trial ${trial + 1}/${options.trials}: killed ${victim} at ${offsetMs} ms from ${new Date(slot).toISOString()}`);
    replicas[victim] = launch();
    await replicas[victim].started;
  }

  // One full period more after the last kill, so its run is settled, then stop both cleanly.
  const lastSlot = Math.ceil(Date.now() / periodMs) * periodMs + periodMs;
  await slack.waitFor(() => channels.every((channel) => runsIn(slack, channel).some((run) => Date.parse(run) >= lastSlot)), periodMs * 3 + 30_000);
  for (const bot of Object.values(replicas)) bot.child.kill('SIGTERM');
  await Promise.all(Object.values(replicas).map((bot) => bot.exited));

  const db = new pg.Client({ connectionString: options.databaseUrl });
  await db.connect();
  const skippedRows = await db.query<{ log_key: string; run_key: string }>("SELECT log_key, run_key FROM digest_deliveries WHERE status = 'skipped'");
  await db.end();
  const skippedKeys = new Set(skippedRows.rows.map((row) => `${row.log_key}@${row.run_key}`));

  let delivered = 0;
  let duplicated = 0;
  let lost = 0;
  let skipped = 0;
  let slots = 0;
  for (const channel of channels) {
    const runs = runsIn(slack, channel);
    delivered += runs.length;
    duplicated += runs.length - new Set(runs).size;
    for (let slot = firstSlot; slot <= lastSlot; slot += periodMs) {
      slots += 1;
      const key = new Date(slot).toISOString();
      if (runs.includes(key)) continue;
      if (skippedKeys.has(`${channel}@${key}`)) skipped += 1;
      else lost += 1;
    }
  }
  const output = bots.map((bot) => bot.output()).join('\n');
  return {
    seed: options.seed,
    trials: options.trials,
    seconds: Math.round((Date.now() - startedAt) / 1000),
    channels: channels.length,
    slots,
    delivered,
    duplicated,
    lost,
    skippedAsSuperseded: skipped,
    takenOver: output.split('digest run taken over').length - 1,
    resolvedFromHistory: output.split('"resolvedFrom":"slack-history"').length - 1,
    kills,
  };
}
