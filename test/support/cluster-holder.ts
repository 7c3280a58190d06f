/**
 * A child process that holds a test cluster, for test/db/cluster-cleanup.test.ts: starts one
 * (pg-cluster.ts), prints `{"root":…,"url":…}` on one line, then, by its argument:
 *   hold         waits to be killed (SIGKILL, or a signal nothing else listens for);
 *   own-handler  waits too, but handles SIGTERM itself as vitest's reporter does (exit code
 *                128+15 set, `process.exit()` a millisecond later);
 *   exit         ends normally once the line is printed.
 */
import { findPostgresBin, startCluster } from './pg-cluster.js';

const mode = process.argv[2] ?? 'hold';
const cluster = await startCluster(findPostgresBin()!);
if (mode === 'own-handler') {
  process.once('SIGTERM', () => {
    process.exitCode = 128 + 15;
    setTimeout(() => process.exit(), 1);
  });
}
process.stdout.write(`${JSON.stringify({ root: cluster.root, url: cluster.url })}\n`);
if (mode !== 'exit') setInterval(() => undefined, 60_000);
