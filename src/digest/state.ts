/**
 * The digest's durable state: subscriptions (channel ids and schedules, nothing about people)
 * and the delivery log. Written atomically (temporary file, fsync, rename, fsync of the folder)
 * so a crash leaves the old file or the new one, never half of one. A file that cannot be read
 * or parsed stops startup and is never overwritten: it may hold the only record of what was sent.
 */
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { writeFileAtomically } from '../atomic-file.js';
import { describePath, formatPath } from '../knowledge/problems.js';

const ChannelId = z.string().regex(/^[CGD][A-Z0-9]{2,}$/, 'must be a Slack channel id');

const Subscription = z.strictObject({
  channelId: ChannelId,
  cron: z.string().min(1),
  timezone: z.string().min(1),
  lang: z.enum(['en', 'ar']),
  createdAt: z.iso.datetime(),
  fromConfig: z.boolean().optional(),
  /**
   * With OAuth (many workspaces): the team_id of the workspace that subscribed, whose own bot
   * token posts the digest, and its enterprise_id inside an Enterprise Grid org. Absent with one
   * workspace (SLACK_BOT_TOKEN), and in state files written before.
   */
  teamId: z.string().regex(/^T[A-Z0-9]{2,}$/, 'must be a Slack team id').optional(),
  enterpriseId: z.string().regex(/^E[A-Z0-9]{2,}$/, 'must be a Slack enterprise id').optional(),
});

const Delivery = z.strictObject({
  status: z.enum(['sending', 'delivered', 'failed', 'skipped']),
  attempts: z.number().int().nonnegative(),
  updatedAt: z.iso.datetime(),
  ts: z.string().optional(),
  error: z.string().optional(),
  knowledgeVersion: z.string().optional(),
  spotlight: z.string().optional(),
});

const ChannelState = z.strictObject({
  lastVersion: z.string().optional(),
  spotlightShown: z.array(z.string()).default([]),
  /** Keyed by the run's scheduled time (ISO 8601). */
  deliveries: z.record(z.string(), Delivery).default({}),
});

export const StateFile = z.strictObject({
  format: z.literal(1),
  subscriptions: z.record(z.string(), Subscription).default({}),
  channels: z.record(z.string(), ChannelState).default({}),
  /**
   * Reports ("Report a problem") sent per UTC month, e.g. { "2026-11": 3 }: a count only, never
   * who reported or what. Absent in state files written before the monthly review: {}.
   */
  reportsByMonth: z.record(z.string().regex(/^\d{4}-\d{2}$/, 'must be a month like 2026-11'), z.number().int().nonnegative()).default({}),
});

export type Subscription = z.infer<typeof Subscription>;
export type Delivery = z.infer<typeof Delivery>;
export type ChannelState = z.infer<typeof ChannelState>;
export type State = z.infer<typeof StateFile>;

/** How many deliveries per channel the log keeps (older ones are only history). */
export const DELIVERIES_KEPT = 50;

/** How many months of report counts the state file keeps (the review reads only the current one). */
export const REPORT_MONTHS_KEPT = 12;

export class StateFileError extends Error {}

export function emptyState(): State {
  return { format: 1, subscriptions: {}, channels: {}, reportsByMonth: {} };
}

export function readStateFile(path: string): State {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyState();
    throw new StateFileError(`STATE_FILE ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}): fix its permissions; it was left untouched.`);
  }
  return parseStateText(text, path);
}

/** Parse a state file's text; throws StateFileError (only) for anything that is not valid state. */
export function parseStateText(text: string, path: string): State {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new StateFileError(
      `STATE_FILE ${path} is not valid JSON (${(error as Error).message}): restore it from a backup or move it away to start with no subscriptions; it was left untouched.`,
    );
  }
  const parsed = StateFile.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new StateFileError(
      `STATE_FILE ${path} is not a NoTech state file (${describePath(first.path, raw) || formatPath(first.path) || 'top level'}: ${first.message}): restore it or move it away; it was left untouched.`,
    );
  }
  return parsed.data;
}

/** Write-then-rename with fsyncs: after a crash the file is either the old or the new state. */
export function writeStateFileAtomically(path: string, state: State): void {
  writeFileAtomically(path, `${JSON.stringify(state, null, 2)}\n`);
}

/** One process per state file: a lock file holding the pid, taken over only from a dead process. */
export function lockStateFile(path: string): () => void {
  const lock = `${path}.lock`;
  mkdirSync(dirname(path), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      return () => {
        try {
          if (readFileSync(lock, 'utf8') === String(process.pid)) unlinkSync(lock);
        } catch {
          // Already gone.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lock, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new StateFileError(`STATE_FILE ${path} is in use by another NoTech process (pid ${holder}): run one bot per state file.`);
      }
      unlinkSync(lock); // A lock left by a process that died: take it over.
    }
  }
  throw new StateFileError(`STATE_FILE ${path}: could not take the lock ${lock}.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Who posts one run to one delivery log: with replicas, exactly one of them at a time. A won
 * claim is held (and kept alive) until `release`; a lost one says when to look again (when the
 * holder's lease runs out, should it have died).
 */
export type RunClaim = { won: true; release(): Promise<void> } | { won: false; retryAt: Date };

/**
 * The digest's state, wherever it is kept: the state file (StateStore, one process) or
 * PostgreSQL (PostgresStateStore in postgres-state.ts, shared by replicas). `current` and
 * `channel` read a snapshot; `refresh` re-reads it from the shared store (a no-op for the
 * file, which only this process writes); `update` applies a change to the latest state and
 * persists it before resolving.
 */
export interface DigestState {
  readonly current: Readonly<State>;
  channel(channelId: string): ChannelState;
  update(change: (draft: State) => void): Promise<void>;
  refresh(): Promise<void>;
  /** Claim run `runKey` of delivery log `log` (see RunClaim). */
  claim(log: string, runKey: string): Promise<RunClaim>;
  /** Release what the store holds (the file lock, the database pool). */
  close(): Promise<void>;
}

/** The file's claim: one process per state file (the lock file), so this process always wins. */
const SOLE_CLAIM: RunClaim = { won: true, release: () => Promise.resolve() };

/**
 * The state in memory and on disk. Every change goes through `update`, which applies it and
 * writes the whole file before resolving; updates run one at a time.
 */
export class StateStore implements DigestState {
  private state: State;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly path: string,
    initial: State,
  ) {
    this.state = initial;
  }

  static open(path: string): StateStore {
    return new StateStore(path, readStateFile(path));
  }

  get current(): Readonly<State> {
    return this.state;
  }

  channel(channelId: string): ChannelState {
    return this.state.channels[channelId] ?? emptyChannel();
  }

  update(change: (draft: State) => void): Promise<void> {
    const run = this.queue.then(() => {
      const draft = applyChange(this.state, change);
      writeStateFileAtomically(this.path, draft);
      this.state = draft;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  refresh(): Promise<void> {
    return Promise.resolve();
  }

  claim(): Promise<RunClaim> {
    return Promise.resolve(SOLE_CLAIM);
  }

  /** The lock file is released by whoever took it (createDigest); nothing else is held. */
  close(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * `change` applied to a copy of `state`, the delivery logs and month counts pruned, and the
 * result checked against the schema: only channel ids, schedules and delivery records are ever
 * written, wherever the state is kept.
 */
export function applyChange(state: Readonly<State>, change: (draft: State) => void): State {
  const draft = structuredClone(state) as State;
  change(draft);
  for (const channel of Object.values(draft.channels)) pruneDeliveries(channel);
  pruneMonths(draft.reportsByMonth);
  StateFile.parse(draft);
  return draft;
}

/** A channel that has had no digest yet. */
export function emptyChannel(): ChannelState {
  return { spotlightShown: [], deliveries: {} };
}

/** Inside `StateStore.update`: the channel's record in `draft`, added empty if it has none. */
export function channelIn(draft: State, channelId: string): ChannelState {
  return (draft.channels[channelId] ??= emptyChannel());
}

function pruneDeliveries(channel: ChannelState): void {
  const keys = Object.keys(channel.deliveries).sort();
  for (const key of keys.slice(0, Math.max(0, keys.length - DELIVERIES_KEPT))) delete channel.deliveries[key];
}

/** The UTC month of `at` as YYYY-MM: the key of `reportsByMonth`. */
export function monthKey(at: Date): string {
  return at.toISOString().slice(0, 7);
}

function pruneMonths(counts: Record<string, number>): void {
  const months = Object.keys(counts).sort();
  for (const month of months.slice(0, Math.max(0, months.length - REPORT_MONTHS_KEPT))) delete counts[month];
}
