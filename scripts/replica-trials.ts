/**
 * The replica acceptance trials of issue 17, as the issue states them: two NoTech replicas on
 * one PostgreSQL database, the digest every minute to three channels, and 20 trials of kill -9
 * on one replica (chosen at random) around the scheduled time, each followed by a restart.
 * Prints one JSON line of figures (delivered, duplicated, lost, …) for docs/RELIABILITY.md.
 *
 *   npx tsx scripts/replica-trials.ts                 # 20 trials, about 22 minutes
 *   TRIALS=5 REPLICA_SEED=7 npx tsx scripts/replica-trials.ts
 *
 * Needs Debian's PostgreSQL server binaries (a throwaway cluster is started in a temp dir on
 * 127.0.0.1) and runs the bot against the fake Slack Web API of the tests: no network.
 * Exit status 1 if any digest was lost or doubled.
 */
import { mkdtempSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BotProcess } from '../test/support/bot-spawn.js';
import { FakeSlack } from '../test/support/fake-slack.js';
import { createDatabase, startClusterOrExit } from '../test/support/pg-cluster.js';
import { runReplicaTrials } from '../test/support/replica-trials.js';

const trials = Number(process.env.TRIALS ?? 20);
const seed = Number(process.env.REPLICA_SEED ?? 20261130);
const cluster = await startClusterOrExit('replica-trials');
const slack = await new FakeSlack().start();
const bots: BotProcess[] = [];
const cleanUp = () => {
  for (const bot of bots) if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill('SIGKILL');
  cluster.stop();
};
// Interrupted: leave no replica behind (the cluster would go on exit anyway: pg-cluster.ts), and
// end as the signal would have, 128+n. A kill -9 leaves the cluster to the next startCluster's reaper.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    cleanUp();
    process.exit(128 + constants.signals[signal]);
  });
}
let failed = true;
try {
  const databaseUrl = await createDatabase(cluster.url, 'notech_trials');
  const started = new Date();
  console.log(`replica-trials: ${trials} trials, digest every minute, seed ${seed}, started ${started.toISOString()}`);
  const figures = await runReplicaTrials(
    {
      slack,
      databaseUrl,
      statePath: join(mkdtempSync(join(tmpdir(), 'notech-trials-')), 'state.json'),
      cron: '* * * * *',
      periodMs: 60_000,
      trials,
      channels: ['C0ONE', 'C0TWO', 'C0THREE'],
      seed,
      postDelayMs: 400,
      log: (line) => console.log(`${new Date().toISOString()} ${line}`),
    },
    bots,
  );
  console.log(`replica-trials figures: ${JSON.stringify({ ...figures, startedAt: started.toISOString(), leaseSeconds: 30, node: process.version })}`);
  failed = figures.lost > 0 || figures.duplicated > 0;
} finally {
  await slack.stop();
  cleanUp();
}
process.exit(failed ? 1 : 0);
