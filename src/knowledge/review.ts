/**
 * When knowledge is due for another check: the trust loop's clock arithmetic, pure.
 *
 * Units: every count here is in whole days, counted between UTC calendar dates (the time of
 * day of `now` is ignored). Time never comes from the machine: each function takes `now`, so
 * the bot, the CLI and the tests decide what "today" is.
 *
 * Rules:
 * - An entry's review interval is its own `reviewEveryDays`, else the file's, else
 *   DEFAULT_REVIEW_EVERY_DAYS (180).
 * - An entry is stale once more than its interval has passed since `verified`: on
 *   `verified + interval` it is still fresh (0 days overdue), the day after it is stale.
 * - A date known only to the month or year (`2024-05`, `2024`) counts from its first day, so a
 *   vague date is never taken as more recent than it may be.
 * - A time-sensitive item (a fact or figure with `asOf`, an entry's `statusAsOf`) is stale by
 *   the same rule, with its `asOf` in place of `verified` and its entry's interval.
 *
 * Used by `npm run knowledge:review`; meant for the card's "last checked" banner, the
 * `/notech list` mark and the digest's spotlight (which should skip stale entries).
 */
import { describePath } from './problems.js';
import { DEFAULT_REVIEW_EVERY_DAYS, type Entry, type KnowledgeData, type Source } from './schema.js';

export { DEFAULT_REVIEW_EVERY_DAYS };

const DAY_MS = 86_400_000;

/** The one staleness rule: stale once overdue by at least a day (see the header). */
const overdue = (overdueDays: number) => overdueDays > 0;

/** What the review rules read from the whole file: only its default interval. */
export interface ReviewDefaults {
  readonly reviewEveryDays?: number | undefined;
}

/** Milliseconds at 00:00 UTC of a YYYY, YYYY-MM or YYYY-MM-DD date (its first day). */
function startOfDate(date: string): number {
  const [year, month = 1, day = 1] = date.split('-').map(Number);
  return Date.UTC(year!, month - 1, day);
}

/**
 * Whole days from `date` (YYYY, YYYY-MM or YYYY-MM-DD; a partial date counts from its first
 * day) to the UTC calendar date of `now`. Negative when `date` is after `now`. The "last checked
 * 8 months ago" banner divides this.
 */
export function daysSince(date: string, now: Date): number {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((today - startOfDate(date)) / DAY_MS);
}

/** The days between checks of `entry`: its own `reviewEveryDays`, else the file's, else 180. */
export function reviewInterval(entry: Pick<Entry, 'reviewEveryDays'>, file: ReviewDefaults): number {
  return entry.reviewEveryDays ?? file.reviewEveryDays ?? DEFAULT_REVIEW_EVERY_DAYS;
}

/**
 * Days `entry` is overdue for a check on the UTC date of `now`: days since `verified` minus its
 * interval. Positive: stale by that many days; 0: due today (still fresh); negative: days left.
 */
export function staleness(entry: Pick<Entry, 'verified' | 'reviewEveryDays'>, file: ReviewDefaults, now: Date): number {
  return daysSince(entry.verified, now) - reviewInterval(entry, file);
}

/** True when more than the entry's interval has passed since `verified` (see staleness). */
export function isStale(entry: Pick<Entry, 'verified' | 'reviewEveryDays'>, file: ReviewDefaults, now: Date): boolean {
  return overdue(staleness(entry, file, now));
}

export interface EntryReview {
  entry: Entry;
  /** The entry's interval in days. */
  interval: number;
  /** See staleness: days overdue, 0 or negative when fresh. */
  overdueDays: number;
}

/** Every entry with its staleness, most overdue first (ties in file order). */
export function entriesByStaleness(data: KnowledgeData, now: Date): EntryReview[] {
  return data.entries
    .map((entry) => ({ entry, interval: reviewInterval(entry, data), overdueDays: staleness(entry, data, now) }))
    .sort((a, b) => b.overdueDays - a.overdueDays);
}

export interface TimeSensitiveItem {
  entryId: string;
  what: 'status' | 'fact' | 'figure';
  /** JSON path of the date, naming the entry, e.g. `entries[3].facts[1].asOf (entry "palantir")`. */
  path: string;
  /** The `asOf` or `statusAsOf` date as written. */
  asOf: string;
  /** Days since `asOf` (see daysSince). */
  ageDays: number;
  /** The entry's interval in days. */
  interval: number;
  /** ageDays minus interval: positive when stale. */
  overdueDays: number;
}

/**
 * Time-sensitive statements (an entry's `statusAsOf`, facts and figures with `asOf`) whose date
 * is more than their entry's interval old on the UTC date of `now`, most overdue first.
 */
export function staleTimeSensitive(data: KnowledgeData, now: Date): TimeSensitiveItem[] {
  const items: TimeSensitiveItem[] = [];
  data.entries.forEach((entry, index) => {
    const interval = reviewInterval(entry, data);
    const add = (what: TimeSensitiveItem['what'], asOf: string | undefined, path: Array<string | number>) => {
      if (asOf === undefined) return;
      const ageDays = daysSince(asOf, now);
      if (!overdue(ageDays - interval)) return;
      items.push({ entryId: entry.id, what, path: describePath(['entries', index, ...path], data), asOf, ageDays, interval, overdueDays: ageDays - interval });
    };
    add('status', entry.statusAsOf, ['statusAsOf']);
    entry.facts.forEach((fact, i) => add('fact', fact.asOf, ['facts', i, 'asOf']));
    entry.figures.forEach((figure, i) => add('figure', figure.asOf, ['figures', i, 'asOf']));
  });
  return items.sort((a, b) => b.overdueDays - a.overdueDays);
}

export interface SourceAge {
  source: Source;
  /** Days since the source's `date`; null when the source gives no date. */
  ageDays: number | null;
}

/** Every source with its age, oldest first; undated sources last (in file order). */
export function sourcesByAge(data: KnowledgeData, now: Date): SourceAge[] {
  return data.sources
    .map((source) => ({ source, ageDays: source.date === null ? null : daysSince(source.date, now) }))
    .sort((a, b) => (b.ageDays ?? -Infinity) - (a.ageDays ?? -Infinity) || 0);
}

export interface ReviewReport {
  entries: EntryReview[];
  staleEntries: EntryReview[];
  staleTimeSensitive: TimeSensitiveItem[];
  sources: SourceAge[];
  /** Sources with no `archiveUrl`, in file order. */
  withoutArchive: Source[];
  /** Sources of `kind: "republication"`, in file order. */
  republications: Source[];
}

/** Everything `npm run knowledge:review` prints, as data. */
export function reviewReport(data: KnowledgeData, now: Date): ReviewReport {
  const entries = entriesByStaleness(data, now);
  return {
    entries,
    staleEntries: entries.filter((review) => overdue(review.overdueDays)),
    staleTimeSensitive: staleTimeSensitive(data, now),
    sources: sourcesByAge(data, now),
    withoutArchive: data.sources.filter((source) => source.archiveUrl === undefined),
    republications: data.sources.filter((source) => source.kind === 'republication'),
  };
}
