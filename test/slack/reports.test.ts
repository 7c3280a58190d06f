/** What "Report a problem" keeps in memory: counts under keyed hashes, origins for an hour at most. */
import { describe, expect, it } from 'vitest';
import { ReportLimiter, ReportOrigins } from '../../src/slack/reports.js';

describe('ReportLimiter', () => {
  it('allows five reports a person in any hour, counted from each report, and holds no user id', () => {
    let now = 0;
    const limiter = new ReportLimiter(() => now);
    for (let i = 0; i < 5; i += 1) {
      expect(limiter.allow('U0MAYA')).toBe(true);
      now += 10 * 60_000; // every ten minutes: 0, 10, 20, 30, 40
    }
    expect(limiter.allow('U0MAYA')).toBe(false); // at 50 minutes
    expect(limiter.allow('U0SAMIR')).toBe(true);
    now = 60 * 60_000; // the first report is an hour old: one more may go
    expect(limiter.allow('U0MAYA')).toBe(true);
    expect(limiter.allow('U0MAYA')).toBe(false);
    // Memory holds keyed hashes and times only.
    const held = JSON.stringify([...(limiter['sent'] as Map<string, number[]>).entries()]);
    expect(held).not.toMatch(/U0MAYA|U0SAMIR/);
  });

  it('forgets the oldest people past its bound, and a new process key gives other hashes', () => {
    const limiter = new ReportLimiter(() => 0, 5, 3_600_000, 3);
    for (const id of ['U1', 'U2', 'U3', 'U4']) limiter.allow(id);
    expect(limiter.size).toBe(3);
    const a = [...(limiter['sent'] as Map<string, number[]>).keys()];
    const other = new ReportLimiter(() => 0);
    other.allow('U4');
    expect(a).not.toContain([...(other['sent'] as Map<string, number[]>).keys()][0]);
  });
});

describe('ReportOrigins', () => {
  it('gives a view\'s conversation once, within an hour', () => {
    let now = 0;
    const origins = new ReportOrigins(() => now);
    origins.remember('V1', 'C1');
    origins.remember('V2', 'C2');
    expect(origins.take('V1')).toBe('C1');
    expect(origins.take('V1')).toBeUndefined();
    now = 60 * 60_000;
    expect(origins.take('V2')).toBeUndefined();
  });

  it('keeps at most its bound', () => {
    const origins = new ReportOrigins(() => 0, 3_600_000, 2);
    for (const id of ['V1', 'V2', 'V3']) origins.remember(id, 'C1');
    expect(origins.take('V1')).toBeUndefined();
    expect(origins.take('V3')).toBe('C1');
  });
});
