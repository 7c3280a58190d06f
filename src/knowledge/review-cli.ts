/**
 * `npm run knowledge:review [-- [file] [--now YYYY-MM-DD] [--strict]]`: what maintainers should
 * check next. Prints entries by staleness, sources by age, time-sensitive facts older than their
 * interval, sources without an archived copy and republications (rules: review.ts).
 *
 * Exit 0, also when something is stale; with --strict, exit 1 when an entry or a time-sensitive
 * fact is stale (for a scheduled CI job). Exit 1 when the file does not load.
 */
import { dayOption, isoDay, parseCommandLine, reportProblems, runCli, UsageError } from './cli.js';
import { DEFAULT_KNOWLEDGE_FILE, loadKnowledgeFile } from './load.js';
import { DEFAULT_REVIEW_EVERY_DAYS, reviewReport } from './review.js';

const USAGE = 'usage: npm run knowledge:review -- [file] [--now YYYY-MM-DD] [--strict]';

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

function dueText(days: number): string {
  if (days > 0) return `STALE, ${plural(days, 'day')} overdue`;
  return days === 0 ? 'due today' : `due in ${plural(-days, 'day')}`;
}

await runCli(USAGE, async () => {
  const { values, positionals } = parseCommandLine({ now: { type: 'string' }, strict: { type: 'boolean' } });
  if (positionals.length > 1) throw new UsageError(`expected at most one file, got ${positionals.length}`);
  const file = positionals[0] ?? DEFAULT_KNOWLEDGE_FILE;
  const now = dayOption(values.now, '--now');

  const result = await loadKnowledgeFile(file);
  if (!result.ok) return reportProblems(file, result.problems, `${file}: does not load; fix it (npm run knowledge:check) before a review.`);
  const data = result.knowledge.data;
  const report = reviewReport(data, now);
  const lines: string[] = [];
  const section = (title: string, rows: string[]) => lines.push('', title, ...(rows.length > 0 ? rows : ['  (none)']));

  lines.push(
    `${file}: review on ${isoDay(now)} (UTC), version ${data.version}; entries are due ${data.reviewEveryDays ?? DEFAULT_REVIEW_EVERY_DAYS} days after "verified" unless they set "reviewEveryDays"`,
  );
  section(
    'Entries, most overdue first:',
    report.entries.map(({ entry, interval, overdueDays }) => `  ${entry.id}: verified ${entry.verified}, every ${interval} days: ${dueText(overdueDays)}`),
  );
  section(
    'Time-sensitive statements older than their entry\'s interval ("asOf", "statusAsOf"):',
    report.staleTimeSensitive.map((item) => `  ${item.path}: ${item.what} as of ${item.asOf}, ${item.ageDays} days old, interval ${item.interval}: STALE, ${plural(item.overdueDays, 'day')} overdue`),
  );
  section(
    'Sources, oldest first:',
    report.sources.map(({ source, ageDays }) => `  ${source.id}: ${source.date === null ? 'no date' : `${source.date}, ${plural(ageDays!, 'day')} old`}${source.kind ? ` (${source.kind})` : ''}`),
  );
  section(
    'Sources without an archived copy ("archiveUrl"):',
    report.withoutArchive.map((source) => `  ${source.id}: ${source.url}`),
  );
  section(
    'Sources that are republications ("kind": "republication"):',
    report.republications.map((source) => `  ${source.id}: ${source.note ?? source.url}`),
  );
  const staleCount = report.staleEntries.length + report.staleTimeSensitive.length;
  lines.push(
    '',
    `Summary: ${plural(report.staleEntries.length, 'stale entry', 'stale entries')}, ${plural(report.staleTimeSensitive.length, 'stale time-sensitive statement')}, ` +
      `${plural(report.withoutArchive.length, 'source')} without an archived copy, ${plural(report.republications.length, 'republication')}.`,
  );
  console.log(lines.join('\n'));
  if (values.strict && staleCount > 0) {
    console.error(`--strict: ${plural(staleCount, 'stale item')}; check them against their sources and update "verified" or "asOf".`);
    return 1;
  }
  return 0;
});
