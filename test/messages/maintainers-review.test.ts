import { describe, expect, it } from 'vitest';
import { reviewReport } from '../../src/knowledge/review.js';
import { checkMessage } from '../../src/messages/limits.js';
import { maintainersReviewMessage, monthName, STATEMENTS_LISTED } from '../../src/messages/maintainers-review.js';
import { realKnowledge } from '../helpers/knowledge.js';

const knowledge = realKnowledge();
const allText = (message: { text: string; blocks: unknown[] }) => `${message.text}\n${JSON.stringify(message.blocks)}`;

describe('the monthly review message', () => {
  it('lists every stale entry by name and id, with how long ago it was checked, and the month’s report count', () => {
    const at = new Date('2029-03-01T09:00:00Z');
    const report = reviewReport(knowledge.data, at);
    expect(report.staleEntries.length).toBeGreaterThan(0);
    const message = maintainersReviewMessage(knowledge, { at, month: '2029-02', reports: 7 });
    const text = allText(message);
    expect(message.text).toContain('February 2029');
    for (const { entry, overdueDays } of report.staleEntries) {
      expect(text).toContain(`\`${entry.id}\``);
      expect(text).toContain(`${overdueDays} day`);
    }
    expect(text).toContain('7 reports');
    expect(checkMessage(message)).toEqual([]);
  });

  it('counts the stale time-sensitive statements and lists only the first few, by JSON path', () => {
    const at = new Date('2035-01-01T09:00:00Z');
    const items = reviewReport(knowledge.data, at).staleTimeSensitive;
    expect(items.length).toBeGreaterThan(STATEMENTS_LISTED);
    const text = allText(maintainersReviewMessage(knowledge, { at, month: '2034-12', reports: 0 }));
    expect(text).toContain(`(${items.length})`);
    expect(text).toContain(items[0]!.path.replace(/"/g, '\\"'));
    expect(text).not.toContain(items[STATEMENTS_LISTED]!.path.replace(/"/g, '\\"'));
    expect(text).toContain(`${items.length - STATEMENTS_LISTED} more`);
  });

  it('says so when nothing is stale, and one report is singular', () => {
    // On the oldest `verified` date no interval has passed yet.
    const oldest = new Date(Math.min(...knowledge.entries.map((entry) => Date.parse(entry.verified))));
    expect(reviewReport(knowledge.data, oldest).staleEntries).toEqual([]);
    const text = allText(maintainersReviewMessage(knowledge, { at: oldest, month: '2026-10', reports: 1 }));
    expect(text).toContain('No stale entries');
    expect(text).toContain('*1 report*');
  });

  it('names no one: no user or channel mention, only a number of reports', () => {
    const text = allText(maintainersReviewMessage(knowledge, { at: new Date('2030-06-01T09:00:00Z'), month: '2030-05', reports: 12 }));
    expect(text).not.toMatch(/<@|<!|U0[A-Z0-9]{5,}/);
  });

  it('Arabic is written as Arabic, the month in Arabic with Latin digits', () => {
    expect(monthName('2026-11', 'ar')).toMatch(/نوفمبر 2026/);
    const message = maintainersReviewMessage(knowledge, { at: new Date('2029-03-01T09:00:00Z'), month: '2029-02', reports: 3, lang: 'ar' });
    expect(message.text).toMatch(/^مراجعة NoTech الشهرية/);
    expect(allText(message)).toContain('عدد البلاغات');
    expect(checkMessage(message)).toEqual([]);
  });
});
