import { describe, expect, it } from 'vitest';
import { describeSchedule, latestRun, nextRun, parseScheduleArgs, recentRuns } from '../../src/digest/schedule.js';

const DEFAULTS = { cron: '0 9 * * 1', timezone: 'UTC' };
const at = (iso: string) => new Date(iso);

describe('next run across time zones', () => {
  it.each([
    ['UTC', '2026-11-30T09:00:00.000Z'],
    ['Europe/London', '2026-11-30T09:00:00.000Z'], // GMT in winter
    ['America/New_York', '2026-11-30T14:00:00.000Z'], // EST, UTC-5
    ['Asia/Beirut', '2026-11-30T07:00:00.000Z'], // EET, UTC+2
    ['Asia/Kolkata', '2026-11-30T03:30:00.000Z'], // UTC+5:30
  ])('Monday 09:00 in %s', (timezone, expected) => {
    expect(nextRun({ cron: '0 9 * * 1', timezone }, at('2026-11-28T12:00:00Z'))?.toISOString()).toBe(expected);
  });

  it('follows summer time: 09:00 London is 08:00 UTC in June', () => {
    expect(nextRun({ cron: '0 9 * * 1', timezone: 'Europe/London' }, at('2026-06-10T00:00:00Z'))?.toISOString()).toBe('2026-06-15T08:00:00.000Z');
  });

  it('keeps local time across the spring-forward change (London, 29 March 2026)', () => {
    const schedule = { cron: '0 9 * * *', timezone: 'Europe/London' };
    const before = nextRun(schedule, at('2026-03-28T12:00:00Z'))!;
    const after = nextRun(schedule, before)!;
    expect(before.toISOString()).toBe('2026-03-29T08:00:00.000Z'); // 09:00 BST, the first day of summer time
    expect(after.toISOString()).toBe('2026-03-30T08:00:00.000Z');
    expect(after.getTime() - before.getTime()).toBe(24 * 3600 * 1000);
  });

  it('runs once at a time that does not exist on the spring-forward night', () => {
    const schedule = { cron: '30 1 * * *', timezone: 'Europe/London' };
    const runs = [nextRun(schedule, at('2026-03-28T12:00:00Z'))!];
    runs.push(nextRun(schedule, runs[0]!)!);
    // 01:30 on 29 March does not exist in London; one run that day, not zero or two.
    const onTheDay = runs.filter((run) => run.toISOString().startsWith('2026-03-29'));
    expect(onTheDay).toHaveLength(1);
  });

  it('runs once at a time that happens twice on the fall-back night (New York, 1 November 2026)', () => {
    const schedule = { cron: '30 1 * * *', timezone: 'America/New_York' };
    const first = nextRun(schedule, at('2026-11-01T00:00:00Z'))!;
    const second = nextRun(schedule, first)!;
    expect(first.toISOString().slice(0, 10)).toBe('2026-11-01');
    expect(second.toISOString().slice(0, 10)).toBe('2026-11-02');
  });

  it('latestRun includes a run exactly now; recentRuns lists newest first', () => {
    expect(latestRun(DEFAULTS, at('2026-11-30T09:00:00Z'))?.toISOString()).toBe('2026-11-30T09:00:00.000Z');
    expect(latestRun(DEFAULTS, at('2026-11-30T08:59:59Z'))?.toISOString()).toBe('2026-11-23T09:00:00.000Z');
    expect(recentRuns(DEFAULTS, at('2026-11-30T10:00:00Z'), 2).map((d) => d.toISOString())).toEqual(['2026-11-30T09:00:00.000Z', '2026-11-23T09:00:00.000Z']);
  });
});

describe('subscribe arguments', () => {
  it.each([
    [[], '0 9 * * 1', 'UTC'],
    [['friday'], '0 9 * * 5', 'UTC'],
    [['fri', '17:30'], '30 17 * * 5', 'UTC'],
    [['17:30'], '30 17 * * 1', 'UTC'],
    [['Europe/London', 'tuesday', '08:05'], '5 8 * * 2', 'Europe/London'],
    [['الخميس', '10:00', 'Asia/Beirut'], '0 10 * * 4', 'Asia/Beirut'],
    [['sunday', 'utc'], '0 9 * * 0', 'UTC'],
  ])('%j → %s %s', (args, cron, timezone) => {
    expect(parseScheduleArgs(args, DEFAULTS)).toMatchObject({ ok: true, schedule: { cron, timezone } });
  });

  it.each([
    [['funday'], /"funday" is not a day/],
    [['25:00'], /"25:00" is not a day/],
    [['monday', 'tuesday'], /two days/],
    [['Mars/Olympus'], /"Mars\/Olympus" is not a time zone/],
    [['<!channel>'], /is not a day/],
  ])('rejects %j', (args, problem) => {
    const result = parseScheduleArgs(args, DEFAULTS);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatch(problem);
  });

  it('describes weekly schedules in words', () => {
    expect(describeSchedule({ cron: '30 17 * * 5', timezone: 'Europe/London' })).toBe('Friday at 17:30 (Europe/London)');
    expect(describeSchedule({ cron: '*/2 * * * * *', timezone: 'UTC' })).toBe('cron "*/2 * * * * *" (UTC)');
    // In Arabic replies the schedule is Arabic too («كل يوم الجمعة الساعة 17:30»), not an English phrase inside Arabic.
    expect(describeSchedule({ cron: '30 17 * * 5', timezone: 'Europe/London' }, 'ar')).toBe('يوم الجمعة الساعة 17:30 (Europe/London)');
  });
});
