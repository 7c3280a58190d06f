/**
 * A knowledge reload under traffic, measured inside the bot's process: the real Slack app in
 * HTTP mode serves the generated file BENCH_FILE; on the line "reload" on stdin the file is
 * replaced by BENCH_NEXT_FILE (different entries) and reloaded as the file watcher would, while
 * bench/run.ts sends slash commands. Prints {"port":N} when ready, then one JSON line per
 * reload: how long it took (ms) and how long the event loop was blocked meanwhile
 * (perf_hooks.monitorEventLoopDelay, 1 ms resolution): the longest any request had to wait
 * for this process to turn to it. The delay is watched for one more second after the reload
 * returns, so work a reload leaves for later (deferred indexing) is counted too.
 */
import { copyFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { loadConfig } from '../src/config.js';
import { KnowledgeStore } from '../src/knowledge/store.js';
import { createLogger } from '../src/log.js';
import { startSlackApp } from '../src/slack/app.js';

const file = process.env.BENCH_FILE!;
const next = process.env.BENCH_NEXT_FILE!;
const config = loadConfig({ ...process.env, KNOWLEDGE_FILE: file });
const logger = createLogger({ level: 'warn' });
const opened = await KnowledgeStore.open(file, logger);
if (!opened.ok) throw new Error(`${file} is invalid`);
const { store } = opened;
const running = await startSlackApp({ config, store, logger });
console.log(JSON.stringify({ port: running.port }));

const ms = (ns: number) => Number((ns / 1e6).toFixed(1));
for await (const line of createInterface({ input: process.stdin })) {
  if (line !== 'reload') continue;
  copyFileSync(next, file);
  const delay = monitorEventLoopDelay({ resolution: 1 });
  // Garbage-collection pauses, to tell the collector's share of the delay from our own steps.
  const pauses: number[] = [];
  const gc = new PerformanceObserver((list) => pauses.push(...list.getEntries().map((entry) => entry.duration)));
  gc.observe({ entryTypes: ['gc'] });
  delay.enable();
  const start = performance.now();
  const outcome = await store.reload();
  const reloadMs = performance.now() - start;
  await new Promise((resolve) => setTimeout(resolve, 1000));
  delay.disable();
  gc.disconnect();
  console.log(JSON.stringify({ outcome: outcome.status, reloadMs: Number(reloadMs.toFixed(0)), loopDelayMaxMs: ms(delay.max), loopDelayP99Ms: ms(delay.percentile(99)), loopDelayMeanMs: ms(delay.mean), gcPauseMaxMs: Number(Math.max(0, ...pauses).toFixed(1)), gcPauseTotalMs: Number(pauses.reduce((a, b) => a + b, 0).toFixed(0)), rssMB: Number((process.memoryUsage().rss / 2 ** 20).toFixed(1)) }));
}
