/**
 * A small run of the benchmark (a few hundred requests, a 300-entry file) so it cannot rot.
 * It checks that every part runs and reports sane figures; speed targets are judged by the full
 * `npm run bench`, never by a unit test.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('npm run bench -- --smoke', () => {
  it('runs every part and writes the results', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'notech-bench-')), 'results.json');
    execFileSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--smoke', '--out', out], { encoding: 'utf8', stdio: 'pipe', timeout: 120_000 });
    const results = JSON.parse(readFileSync(out, 'utf8')) as {
      smoke: boolean;
      machine: { cores: number; node: string };
      loadAverage: number[];
      load: {
        answerBytes: Record<string, number>;
        rows: Array<{ target: string; query: string; concurrency: number; requests: number; rps: number; p99: number; errors: number; non2xx: number; ratio: number; ratioToSameAnswer: number | null; cpuUsPerRequest: number | null }>;
        targets: { vsSameAnswer: { met: boolean; worst: number }; vsBareCompact: { met: boolean; ratio: number }; p99: { met: boolean; worstMs: number } };
      };
      scale: { entries: number; loadValidateAllIndexesMs: number; search: { queries: number; p99Ms: number }; rssMB: number; digest: { channels: number; perDigestMs: number } };
      reload: { reloadMs: number; loopDelayMaxMs: number; requests: number; ackP99Ms: number; errors: number };
    };
    expect(results.smoke).toBe(true);
    expect(results.machine.cores).toBeGreaterThan(0);
    const { rows } = results.load;
    // Four queries (compact card, full card, misspelled, Arabic) × three apps × three concurrencies.
    expect(rows.map((row) => row.concurrency).sort((a, b) => a - b)).toEqual([...Array(12).fill(1), ...Array(12).fill(10), ...Array(12).fill(50)]);
    // Both bare apps get the same requests as NoTech: one row each per query and concurrency.
    const keys = (target: string) => rows.filter((row) => row.target === target).map((row) => `${row.query}@${row.concurrency}`).sort();
    expect(keys('bare Bolt')).toEqual(keys('NoTech'));
    expect(keys('bare Bolt, same answer')).toEqual(keys('NoTech'));
    expect(keys('NoTech')).toHaveLength(12);
    expect(rows.filter((row) => row.ratioToSameAnswer !== null)).toHaveLength(12);
    // The compact card is the smaller answer; the full card is what every card was before.
    expect(results.load.answerBytes['exact (elbit)']).toBeLessThan(2600);
    expect(results.load.answerBytes['full card (elbit full)']).toBeGreaterThan(2 * results.load.answerBytes['exact (elbit)']!);
    expect(typeof results.load.targets.vsSameAnswer.met).toBe('boolean');
    expect(results.load.targets.vsBareCompact.ratio).toBeGreaterThan(0);
    expect(results.load.targets.p99.worstMs).toBeGreaterThanOrEqual(0);
    expect(results.loadAverage).toHaveLength(3);
    for (const row of rows) {
      expect(row.requests).toBeGreaterThanOrEqual(100);
      expect(row.errors + row.non2xx).toBe(0);
      expect(row.rps).toBeGreaterThan(0);
      expect(row.ratio).toBeGreaterThan(0);
      // CPU per request is read from /proc: a number on Linux (where CI runs), null elsewhere.
      if (process.platform === 'linux') expect(row.cpuUsPerRequest).toBeGreaterThanOrEqual(0);
    }
    expect(results.scale.entries).toBe(300);
    expect(results.scale.search.queries).toBe(300);
    expect(results.scale.search.p99Ms).toBeGreaterThan(0);
    expect(results.scale.rssMB).toBeGreaterThan(0);
    expect(results.scale.digest.channels).toBe(50);
    expect(results.scale.loadValidateAllIndexesMs).toBeGreaterThan(0);
    // The reload happened under traffic, and every request sent meanwhile was answered.
    expect(results.reload.reloadMs).toBeGreaterThan(0);
    expect(results.reload.loopDelayMaxMs).toBeGreaterThan(0);
    expect(results.reload.requests).toBeGreaterThan(0);
    expect(results.reload.errors).toBe(0);
  }, 150_000);
});
