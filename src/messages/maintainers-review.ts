/**
 * The monthly review posted to MAINTAINERS_CHANNEL (issue 15): the entries past their review
 * interval, the stale time-sensitive statements (a count and the first few, by JSON path), and
 * how many reports "Report a problem" sent in the month: a number, never who reported or what.
 * Pure: the clock (`at`) and the count come from the caller (src/digest).
 */
import type { Knowledge } from '../knowledge/knowledge.js';
import { reviewReport } from '../knowledge/review.js';
import { context, divider, fitBlocks, header, section, sections } from './blocks.js';
import { escapeMrkdwn } from './escape.js';
import { LIMITS } from './limits.js';
import { timeAgo } from './review-dates.js';
import { t, type Lang } from './strings/index.js';
import type { SlackMessage } from './types.js';

/** How many stale time-sensitive statements the review lists by path (the rest are counted). */
export const STATEMENTS_LISTED = 5;

export interface MaintainersReviewOptions {
  /** The run's time: staleness is counted on its UTC date. */
  at: Date;
  /** The month the report count is for, YYYY-MM. */
  month: string;
  /** Reports sent in `month` (a count from the state file). */
  reports: number;
  lang?: Lang;
}

/** "November 2026" for YYYY-MM, in `lang`'s locale (UTC, so the month never shifts). */
export function monthName(month: string, lang: Lang): string {
  const [year, monthNumber] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(t(lang).locale, { month: 'long', year: 'numeric', timeZone: 'UTC', numberingSystem: 'latn' }).format(new Date(Date.UTC(year!, monthNumber! - 1, 1)));
}

/** The review message; within Slack's block and text limits (shortened with a notice if need be). */
export function maintainersReviewMessage(knowledge: Knowledge, options: MaintainersReviewOptions): SlackMessage {
  const lang = options.lang ?? 'en';
  const text = t(lang).maintainersReview;
  const report = reviewReport(knowledge.data, options.at);
  const month = monthName(options.month, lang);
  const title = text.title(month);
  const stale = report.staleEntries.map(({ entry, overdueDays }) =>
    text.staleEntry(escapeMrkdwn(entry.name[lang]), entry.id, timeAgo(entry.verified, options.at, lang), overdueDays),
  );
  const statements = report.staleTimeSensitive;
  const listed = statements.slice(0, STATEMENTS_LISTED).map((item) => text.staleStatement(item.path.replace(/`/g, "'"), item.asOf));
  if (statements.length > STATEMENTS_LISTED) listed.push(text.moreStatements(statements.length - STATEMENTS_LISTED));
  const body = [
    section(text.reports(options.reports, month)),
    divider(),
    ...(stale.length === 0 ? [section(text.noStaleEntries)] : sections(text.staleEntries(stale.length), stale)),
    ...(statements.length === 0 ? [section(text.noStaleStatements)] : sections(text.staleStatements(statements.length), listed)),
  ];
  return {
    text: title,
    blocks: [header(title), ...fitBlocks(body, [context(text.footer)], text.tooLong, LIMITS.messageBlocks - 1)],
  };
}
