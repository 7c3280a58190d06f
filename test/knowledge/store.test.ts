import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { generateKnowledge } from '../../bench/generate-knowledge.js';
import { KnowledgeStore } from '../../src/knowledge/store.js';
import { createLogger } from '../../src/log.js';
import { CURRENT_VERSION, NEXT_VERSION, rawKnowledge } from '../helpers/knowledge.js';
import { turnsDuring } from '../support/turns.js';

function setup() {
  const file = join(mkdtempSync(join(tmpdir(), 'notech-store-')), 'knowledge.json');
  writeFileSync(file, JSON.stringify(rawKnowledge()));
  const logs: Array<Record<string, unknown>> = [];
  const logger = createLogger({
    level: 'info',
    destination: new Writable({
      write(chunk: Buffer, _e, cb) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) logs.push(JSON.parse(line) as Record<string, unknown>);
        cb();
      },
    }),
  });
  return { file, logs, logger };
}

/** The repo's file as the next release, changing one entry. */
function nextRelease() {
  const data = rawKnowledge();
  data.version = NEXT_VERSION;
  data.changelog.push({ version: NEXT_VERSION, date: '2026-11-30', added: [], changed: ['google'], removed: [], note: { en: 'A test release.', ar: 'إصدار تجريبي.' } });
  data.entries.find((entry) => entry.id === 'google')!.summary.en = 'Changed summary for the test.';
  return data;
}

describe('reloading the knowledge file', () => {
  it('switches to a valid edit and tells listeners', async () => {
    const { file, logger } = setup();
    const opened = await KnowledgeStore.open(file, logger);
    if (!opened.ok) throw new Error('open failed');
    const { store } = opened;
    const seen: string[] = [];
    store.on('change', (knowledge) => seen.push(knowledge.version));
    writeFileSync(file, JSON.stringify(nextRelease()));
    expect(await store.reload()).toEqual({ status: 'changed', from: CURRENT_VERSION, to: NEXT_VERSION });
    expect(store.current.version).toBe(NEXT_VERSION);
    expect(store.current.entry('google')!.summary.en).toBe('Changed summary for the test.');
    expect(seen).toEqual([NEXT_VERSION]);
    expect(await store.reload()).toEqual({ status: 'unchanged' });
  });

  it('calls a reformatted file unchanged, and serves an edit made after it', async () => {
    const { file, logger } = setup();
    const opened = await KnowledgeStore.open(file, logger);
    if (!opened.ok) throw new Error('open failed');
    const { store } = opened;
    const before = store.current;
    expect(await store.reload()).toEqual({ status: 'unchanged' });
    writeFileSync(file, JSON.stringify(rawKnowledge(), null, 2) + '\n');
    expect(await store.reload()).toEqual({ status: 'unchanged' });
    expect(store.current).toBe(before);
    writeFileSync(file, JSON.stringify(nextRelease(), null, 4));
    expect(await store.reload()).toEqual({ status: 'changed', from: CURRENT_VERSION, to: NEXT_VERSION });
    writeFileSync(file, JSON.stringify(nextRelease()));
    expect(await store.reload()).toEqual({ status: 'unchanged' });
  });

  it('keeps the last good version on an invalid edit and logs each problem with its JSON path', async () => {
    const { file, logs, logger } = setup();
    const opened = await KnowledgeStore.open(file, logger);
    if (!opened.ok) throw new Error('open failed');
    const { store } = opened;
    const broken = nextRelease();
    broken.entries[0]!.facts[0]!.sources = ['no-such-source'];
    writeFileSync(file, JSON.stringify(broken));
    const outcome = await store.reload();
    expect(outcome.status).toBe('rejected');
    expect(store.current.version).toBe(CURRENT_VERSION);
    expect(logs).toContainEqual(expect.objectContaining({ level: 50, path: 'entries[0].facts[0].sources[0] (entry "ips-consulting")', msg: expect.stringContaining('still serving the last good version') }));
    writeFileSync(file, '{ not json');
    expect((await store.reload()).status).toBe('rejected');
    expect(store.current.version).toBe(CURRENT_VERSION);
  });

  it('notices a changed file by itself', async () => {
    const { file, logger } = setup();
    const opened = await KnowledgeStore.open(file, logger);
    if (!opened.ok) throw new Error('open failed');
    const { store } = opened;
    const unwatch = store.watch(50);
    const changed = new Promise<string>((resolve) => store.once('change', (knowledge) => resolve(knowledge.version)));
    await new Promise((resolve) => setTimeout(resolve, 100));
    writeFileSync(file, JSON.stringify(nextRelease()));
    await expect(changed).resolves.toBe(NEXT_VERSION);
    unwatch();
  });
});

describe('reloading a large file while serving', () => {
  it('keeps the event loop turning, then serves the new entries with their search index', async () => {
    const { file, logger } = setup();
    writeFileSync(file, JSON.stringify(generateKnowledge(300)));
    const opened = await KnowledgeStore.open(file, logger);
    if (!opened.ok) throw new Error('open failed');
    const { store } = opened;
    const next = generateKnowledge(300, 43);
    writeFileSync(file, JSON.stringify(next));
    const { result: outcome, turns } = await turnsDuring(() => store.reload());
    expect(outcome.status).toBe('changed');
    // Parsing the pieces (3), the names table (2), names (8 steps) and text (30 steps) each yield.
    expect(turns).toBeGreaterThan(30);
    const entry = next.entries[123]!;
    const resolution = store.current.index.resolveTopic(entry.aliases.en[1]!);
    expect(resolution.kind === 'match' ? resolution.entry.id : undefined).toBe(entry.id);
  });
});
