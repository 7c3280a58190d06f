/**
 * Knowledge at scale, measured in a fresh process so resident memory means something: read
 * and validate a generated file as the bot's KnowledgeStore does, build the index, then time
 * search latency over a mix of exact, misspelled and Arabic queries, and digest composition
 * for many channels.
 * Prints one JSON object.
 */
import { performance } from 'node:perf_hooks';
import { planDigest } from '../src/digest/content.js';
import { fingerprint, parseKnowledgeBytes, readKnowledgeBytes } from '../src/knowledge/load.js';
import { digestMessage } from '../src/messages/digest.js';

const file = process.argv[2]!;
const channels = Number(process.argv[3] ?? 1000);
const queries = Number(process.argv[4] ?? 3000);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const round = (n: number, digits = 3) => Number(n.toFixed(digits));

global.gc?.();
const rssBefore = process.memoryUsage().rss;

// The steps KnowledgeStore.open takes (a reload takes them in a worker): read, fingerprint, decode, validate.
let t = performance.now();
const read = await readKnowledgeBytes(file);
if (!read.ok) throw new Error(`cannot read ${file}`);
const fileBytes = read.bytes.length;
fingerprint(read.bytes);
const result = parseKnowledgeBytes(read.bytes);
const loadMs = performance.now() - t;
read.bytes = Buffer.alloc(0); // the bot keeps the parsed knowledge, not the file
global.gc?.();
const rssAfterLoad = process.memoryUsage().rss;
if (!result.ok) throw new Error(`generated file invalid: ${JSON.stringify(result.problems.slice(0, 3))}`);
const { knowledge } = result;
// Both search indexes, built at once (the blocking build tools use; the bot builds the same
// index in steps, measured under load by bench/reload-under-load.ts).
t = performance.now();
void knowledge.index;
const indexMs = performance.now() - t;
global.gc?.();
const rssAfter = process.memoryUsage().rss;

// Query mix: a third exact names, a third with one typo, a third Arabic names.
const mix: string[] = [];
for (let i = 0; i < queries; i += 1) {
  const entry = knowledge.entries[(i * 7919) % knowledge.entries.length]!;
  const alias = entry.aliases.en[0]!;
  if (i % 3 === 0) mix.push(alias);
  else if (i % 3 === 1) mix.push(alias.slice(0, 2) + alias[2] + alias.slice(2)); // a doubled letter
  else mix.push(entry.aliases.ar[0]!);
}
for (const query of mix.slice(0, 200)) knowledge.index.resolveTopic(query); // warm up
const latencies: number[] = [];
let matched = 0;
for (const query of mix) {
  const start = performance.now();
  const resolution = knowledge.index.resolveTopic(query);
  latencies.push(performance.now() - start);
  if (resolution.kind === 'match') matched += 1;
}
latencies.sort((a, b) => a - b);

t = performance.now();
let blocks = 0;
for (let c = 0; c < channels; c += 1) {
  const shown = knowledge.entries.slice(0, c % knowledge.entries.length).map((e) => e.id);
  const plan = planDigest(knowledge, { spotlightShown: shown, ...(c % 2 ? { lastVersion: '0.9.0' } : {}) }, new Date('2026-11-30T09:00:00Z'));
  blocks += digestMessage(plan, { lang: c % 4 === 0 ? 'ar' : 'en', at: new Date('2026-11-30T09:00:00Z'), timezone: 'Europe/London' }).blocks.length;
}
const digestTotalMs = performance.now() - t;

console.log(
  JSON.stringify({
    entries: knowledge.entries.length,
    fileBytes,
    loadValidateMs: round(loadMs, 1),
    indexMs: round(indexMs, 1),
    loadValidateAllIndexesMs: round(loadMs + indexMs, 1),
    search: { queries: mix.length, matched, p50Ms: round(percentile(latencies, 50)), p99Ms: round(percentile(latencies, 99)), maxMs: round(latencies.at(-1)!) },
    rssMB: round(rssAfter / 2 ** 20, 1),
    rssBeforeLoadMB: round(rssBefore / 2 ** 20, 1),
    rssAfterLoadMB: round(rssAfterLoad / 2 ** 20, 1),
    digest: { channels, totalMs: round(digestTotalMs, 1), perDigestMs: round(digestTotalMs / channels), blocks },
  }),
);
