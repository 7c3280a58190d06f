import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REVIEW_EVERY_DAYS,
  daysSince,
  entriesByStaleness,
  isStale,
  reviewInterval,
  sourcesByAge,
  staleness,
  staleTimeSensitive,
} from '../../src/knowledge/review.js';
import { runKnowledgeCli } from '../helpers/cli.js';
import { rawKnowledge } from '../helpers/knowledge.js';
import { smallKnowledge, validated, type Loose } from '../helpers/small-knowledge.js';

/** `date` (YYYY-MM-DD) plus `days`, as a Date at `time` UTC: the test's own calendar arithmetic. */
function dayAfter(date: string, days: number, time = '00:00:00'): Date {
  const at = new Date(`${date}T${time}Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at;
}

describe('review dates', () => {
  const file = { reviewEveryDays: undefined };

  it('an entry is fresh on verified + interval and stale the day after', () => {
    const entry = { verified: '2026-01-01' };
    // 2026-01-01 + 180 days is 2026-06-30 (31+28+31+30+31+30 = 181 days in January to June).
    expect(isStale(entry, file, new Date('2026-06-30T23:59:59Z'))).toBe(false);
    expect(staleness(entry, file, new Date('2026-06-30T12:00:00Z'))).toBe(0);
    expect(isStale(entry, file, new Date('2026-07-01T00:00:00Z'))).toBe(true);
    expect(staleness(entry, file, new Date('2026-07-01T00:00:00Z'))).toBe(1);
    expect(staleness(entry, file, new Date('2026-01-01T08:00:00Z'))).toBe(-DEFAULT_REVIEW_EVERY_DAYS);
  });

  it("the entry's own interval overrides the file's, which overrides the default", () => {
    const verified = '2026-03-10';
    const now = dayAfter(verified, 31);
    expect(reviewInterval({}, {})).toBe(DEFAULT_REVIEW_EVERY_DAYS);
    expect(reviewInterval({}, { reviewEveryDays: 60 })).toBe(60);
    expect(reviewInterval({ reviewEveryDays: 30 }, { reviewEveryDays: 60 })).toBe(30);
    expect(isStale({ verified }, { reviewEveryDays: 60 }, now)).toBe(false);
    expect(isStale({ verified, reviewEveryDays: 30 }, { reviewEveryDays: 60 }, now)).toBe(true);
    expect(isStale({ verified, reviewEveryDays: 31 }, { reviewEveryDays: 60 }, now)).toBe(false);
    expect(isStale({ verified }, { reviewEveryDays: 30 }, now)).toBe(true);
  });

  it('counts whole UTC days across a leap day and a partial date from its first day', () => {
    expect(daysSince('2028-02-28', new Date('2028-03-01T23:00:00Z'))).toBe(2);
    expect(daysSince('2024', new Date('2024-12-31T00:00:00Z'))).toBe(365);
    expect(daysSince('2024-05', new Date('2024-05-31T00:00:00Z'))).toBe(30);
    expect(daysSince('2026-12-01', new Date('2026-11-30T00:00:00Z'))).toBe(-1);
  });

  it('staleness is the days past verified + interval, for any date and interval (property)', () => {
    const day = fc.integer({ min: Date.UTC(1990, 0, 1) / 86_400_000, max: Date.UTC(2090, 0, 1) / 86_400_000 });
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 3650 }), fc.integer({ min: -4000, max: 4000 }), fc.integer({ min: 0, max: 86_399_999 }), (verifiedDay, interval, offset, ms) => {
        const verified = new Date(verifiedDay * 86_400_000).toISOString().slice(0, 10);
        const now = new Date((verifiedDay + interval + offset) * 86_400_000 + ms);
        const entry = { verified, reviewEveryDays: interval };
        expect(staleness(entry, {}, now)).toBe(offset);
        expect(isStale(entry, {}, now)).toBe(offset > 0);
      }),
    );
  });

  it('orders entries most overdue first', () => {
    const raw = smallKnowledge();
    raw.entries[0].verified = '2025-12-01';
    raw.entries[1].verified = '2025-01-01';
    raw.entries[2].verified = '2026-05-01';
    const order = entriesByStaleness(validated(raw), new Date('2026-08-01T00:00:00Z')).map((review) => review.entry.id);
    expect(order).toEqual(['beta', 'alpha', 'gamma']);
  });

  it('lists time-sensitive statements older than their entry interval, with JSON paths', () => {
    const raw: Loose = smallKnowledge();
    const now = new Date('2026-11-30T10:00:00Z');
    raw.reviewEveryDays = 100;
    raw.entries[0].statusAsOf = '2026-08-21'; // 101 days before now: stale by 1
    raw.entries[0].status = 'active';
    raw.entries[1].facts[0].asOf = '2026-08-22'; // 100 days: not yet
    raw.entries[1].facts.push({ ...raw.entries[1].facts[0], asOf: '2025' }); // from 2025-01-01: 698 days
    raw.entries[2].reviewEveryDays = 10;
    raw.entries[2].figures = [{ label: { en: 'Value', ar: 'القيمة' }, value: 5, unit: 'count', sources: ['s-one'], level: 'reported', asOf: '2026-11-19' }];
    raw.entries[2].facts[0].asOf = '2026-11-20'; // 10 days: not with its own interval of 10
    const items = staleTimeSensitive(validated(raw), now);
    expect(items.map((item) => [item.path, item.overdueDays])).toEqual([
      ['entries[1].facts[1].asOf (entry "beta")', 698 - 100],
      ['entries[0].statusAsOf (entry "alpha")', 1],
      ['entries[2].figures[0].asOf (entry "gamma")', 1],
    ]);
    expect(items.map((item) => item.what)).toEqual(['fact', 'status', 'figure']);
  });

  it('orders sources oldest first, undated last', () => {
    const raw: Loose = smallKnowledge();
    raw.sources.push({ ...raw.sources[0], id: 's-three', date: null }, { ...raw.sources[0], id: 's-four', date: '2019' });
    raw.sources[1].date = '2024-06-30';
    raw.entries[0].facts[0].sources.push('s-three', 's-four');
    const ages = sourcesByAge(validated(raw), new Date('2026-01-01T00:00:00Z'));
    expect(ages.map((age) => age.source.id)).toEqual(['s-four', 's-two', 's-one', 's-three']);
    expect(ages[3]!.ageDays).toBeNull();
  });
});

describe('npm run knowledge:review', () => {
  const NOW = '2026-11-30';
  /**
   * The repo's knowledge with every entry verified on NOW and no review data of its own (no
   * asOf, archiveUrl or interval, every source a news report, whatever the content says today), then `doctor`
   * applied, in a temp file.
   */
  function doctoredCopy(doctor: (data: Loose) => void): string {
    const data: Loose = rawKnowledge();
    delete data.reviewEveryDays;
    for (const entry of data.entries) {
      entry.verified = NOW;
      delete entry.reviewEveryDays;
      delete entry.statusAsOf;
      for (const item of [...entry.facts, ...(entry.figures ?? [])]) delete item.asOf;
    }
    for (const source of data.sources) {
      source.kind = 'news';
      delete source.archiveUrl;
    }
    doctor(data);
    const file = join(mkdtempSync(join(tmpdir(), 'notech-review-')), 'knowledge.json');
    writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
    return file;
  }
  /** The output's sections by their title line. */
  function sections(out: string): Map<string, string[]> {
    return new Map(out.split('\n\n').map((block) => { const [title = '', ...rows] = block.split('\n'); return [title, rows] as const; }));
  }
  const rowsOf = (out: string, title: string) => {
    const found = [...sections(out)].find(([heading]) => heading.startsWith(title));
    if (!found) throw new Error(`no section "${title}" in:\n${out}`);
    return found[1];
  };

  it('lists stale entries in order of staleness, stale time-sensitive facts, republications and unarchived sources', () => {
    let stale: string[] = [];
    let republication = '';
    let archived = '';
    const file = doctoredCopy((data) => {
      const [a, b, c] = [data.entries[4], data.entries[9], data.entries[1]];
      b.verified = '2024-01-10';
      a.verified = '2025-03-01';
      c.verified = NOW;
      c.reviewEveryDays = 1;
      // c is fresh on NOW even with a 1-day interval; a and b are older than 180 days.
      stale = [b.id, a.id];
      data.entries[6].facts[0].asOf = '2023-05';
      republication = data.sources[3].id;
      data.sources[3].kind = 'republication';
      data.sources[3].note = 'A copy of a news report, first published elsewhere.';
      archived = data.sources[5].id;
      data.sources[5].archiveUrl = 'https://web.archive.org/web/2026/https://example.org/';
    });
    const { code, out } = runKnowledgeCli('review-cli.ts', [file, '--now', NOW]);
    expect(code).toBe(0);
    const entries = rowsOf(out, 'Entries');
    const listedStale = entries.filter((row) => row.includes('STALE')).map((row) => row.trim().split(':')[0]);
    expect(listedStale).toEqual(stale);
    expect(entries.slice(0, 2).map((row) => row.trim().split(':')[0])).toEqual(stale);
    expect(rowsOf(out, 'Time-sensitive')).toEqual([expect.stringMatching(/^ {2}entries\[6\]\.facts\[0\]\.asOf \(entry "[a-z0-9-]+"\): fact as of 2023-05, \d+ days old, interval 180: STALE/)]);
    expect(rowsOf(out, 'Sources that are republications').map((row) => row.trim().split(':')[0])).toEqual([republication]);
    const withoutArchive = rowsOf(out, 'Sources without an archived copy').map((row) => row.trim().split(':')[0]);
    expect(withoutArchive).not.toContain(archived);
    expect(withoutArchive).toHaveLength(rawKnowledge().sources.length - 1);
    expect(out).toContain('Summary: 2 stale entries, 1 stale time-sensitive statement,');

    const strict = runKnowledgeCli('review-cli.ts', [file, '--now', NOW, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.out).toContain('--strict: 3 stale items');
  });

  it('--strict exits 0 when nothing is stale, and the day an interval ends is not yet stale', () => {
    const file = doctoredCopy((data) => {
      data.entries[0].verified = '2026-06-03'; // 180 days before NOW
    });
    const { code, out } = runKnowledgeCli('review-cli.ts', ['--strict', '--now', NOW, file]);
    expect(code).toBe(0);
    expect(out).toContain('due today');
    expect(out).toContain('Summary: 0 stale entries, 0 stale time-sensitive statements,');
  });

  it('rejects a bad --now', () => {
    const { code, out } = runKnowledgeCli('review-cli.ts', ['--now', '30/11/2026']);
    expect(code).toBe(1);
    expect(out).toContain('--now must be a date written YYYY-MM-DD');
  });
});
