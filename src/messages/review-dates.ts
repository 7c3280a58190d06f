/**
 * Review dates on cards and lists (issue 15): a stale entry says so in words at the top of its
 * card ("Last checked 8 months ago: check the sources before repeating") and carries a mark in
 * `/notech list` and on the Home tab. Staleness is the rule of knowledge/review.ts; "now" is
 * always given by the surface (an injected clock), never read here.
 */
import type { Knowledge } from '../knowledge/knowledge.js';
import type { Lang } from '../knowledge/normalize.js';
import { daysSince, isStale } from '../knowledge/review.js';
import type { Entry } from '../knowledge/schema.js';
import { t } from './i18n.js';

/** Average days in a month (365.25 / 12): "8 months ago" is a reader's sense of time, not a calendar count. */
const DAYS_PER_MONTH = 30.4375;

/**
 * How long ago `date` (YYYY, YYYY-MM or YYYY-MM-DD, counted from its first day) was on the UTC
 * date of `now`, in words of `lang`: days under a month, months under two years, else years.
 * Intl.RelativeTimeFormat gives Arabic its number agreement ("قبل شهرين", "قبل 3 أشهر",
 * "قبل 11 شهرًا") with Latin digits, as the rest of the Arabic interface writes them.
 */
export function timeAgo(date: string, now: Date, lang: Lang): string {
  const days = Math.max(0, daysSince(date, now));
  const format = new Intl.RelativeTimeFormat(t(lang).locale, { numeric: 'always' });
  const months = Math.floor(days / DAYS_PER_MONTH);
  if (months < 1) return format.format(-days, 'day');
  if (months < 24) return format.format(-months, 'month');
  return format.format(-Math.floor(months / 12), 'year');
}

/** The stale banner's mrkdwn for `entry` on the UTC date of `now`, or undefined when the entry is not stale. */
export function staleBanner(entry: Entry, knowledge: Knowledge, lang: Lang, now: Date): string | undefined {
  if (!isStale(entry, knowledge.data, now)) return undefined;
  return t(lang).staleBanner(timeAgo(entry.verified, now, lang));
}

/** `{ banner }` for a card's options (CardOptions.banner) when `now` is given and the entry is stale, else `{}`. */
export function bannerOption(entry: Entry, knowledge: Knowledge, lang: Lang, now: Date | undefined): { banner?: string } {
  const banner = now === undefined ? undefined : staleBanner(entry, knowledge, lang, now);
  return banner === undefined ? {} : { banner };
}

/** True when `entry` is overdue for a check on the UTC date of `now` (see knowledge/review.ts). */
export function entryIsStale(entry: Entry, knowledge: Knowledge, now: Date | undefined): boolean {
  return now !== undefined && isStale(entry, knowledge.data, now);
}

/**
 * What a composed message depends on in time: the UTC calendar date, since staleness and "8
 * months ago" change only from one day to the next. Cache keys include it.
 */
export function reviewDay(now: Date | undefined): string {
  return now === undefined ? 'undated' : now.toISOString().slice(0, 10);
}
