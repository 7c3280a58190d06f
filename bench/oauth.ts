/**
 * `npx tsx bench/oauth.ts`: what OAuth distribution costs per request. With OAuth, Bolt's
 * authorize reads the installation store on every request (src/installations): a lookup and the
 * opening of the sealed token with the file store; a PostgreSQL round trip and the opening with
 * DATABASE_URL. The same `/notech elbit` is sent, at concurrency 10, to NoTech bundled as
 * `npm start` runs it, in four setups:
 *   single       one workspace (SLACK_BOT_TOKEN), state file;
 *   single+pg    one workspace with DATABASE_URL (what the database costs besides the installations);
 *   oauth file   OAuth, installation store in the file;
 *   oauth pg     OAuth, installation store in PostgreSQL.
 * The OAuth ones are installed to the workspace first, through /slack/install and oauth.v2.access
 * on the fake Slack; every setup must ack the very same bytes (checked before measuring).
 *
 * Each run sends a fixed number of requests; each figure is the median of ROUNDS interleaved
 * runs. The steady measure is CPU per request (from /proc: it does not grow when another job
 * takes the other core), for the bot and, with PostgreSQL, for all the cluster's processes;
 * req/s and p99 swing with the machine's load. Needs Linux and Debian's PostgreSQL server
 * binaries (a throwaway cluster on 127.0.0.1, stopped at the end); 127.0.0.1 only.
 *   ROUNDS=7 REQUESTS=5000 npx tsx bench/oauth.ts
 * Not part of `npm run bench` nor `npm test`.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { FakeSlack } from '../test/support/fake-slack.js';
import { beginInstall, OAUTH_ENV, redirect } from '../test/support/oauth-browser.js';
import { createDatabase, startClusterOrExit, type Cluster } from '../test/support/pg-cluster.js';
import { FORM, signed, slashCommand } from '../test/support/slack-requests.js';
import { bundle, cpuMs, startChild } from './processes.js';

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const REQUESTS = Number(process.env.REQUESTS ?? 4000);
const WARMUP = Number(process.env.WARMUP ?? 4000);
const CONCURRENCY = 10;
const QUERY = 'elbit';
/** The workspace every request comes from (slashCommand's team_id), installed by OAuth where OAuth is on. */
const TEAM_ID = 'T0TEST';

/** Total CPU time of a PostgreSQL cluster, ms: the postmaster, its live children, and those it has reaped (cutime/cstime). */
function clusterCpuMs(cluster: Cluster): number {
  const postmaster = Number(readFileSync(join(cluster.root, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const stat = (pid: number) => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const own = stat(postmaster);
  // utime, stime, cutime, cstime: fields 14 to 17 of stat(5), in clock ticks (100 a second).
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const fields = stat(Number(name));
      if (Number(fields[1]) === postmaster) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Gone meanwhile: its time is in the postmaster's cutime once reaped.
    }
  }
  return (ticks * 1000) / 100;
}

interface Setup {
  name: string;
  env: Record<string, string>;
  oauth: boolean;
  usesCluster: boolean;
}

interface Run {
  botCpuUs: number;
  pgCpuUs: number | null;
  rps: number;
  p50: number;
  p99: number;
  bad: number;
}

async function ack(port: number): Promise<string> {
  const request = signed(slashCommand(QUERY, 'http://127.0.0.1:1/unused'), FORM);
  return (await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', headers: request.headers, body: request.body })).text();
}

async function measure(port: number, pid: number, amount: number, cluster: Cluster | undefined): Promise<Run> {
  const request = signed(slashCommand(QUERY, 'http://127.0.0.1:1/unused'), FORM);
  const [botBefore, pgBefore, started] = [cpuMs(pid)!, cluster ? clusterCpuMs(cluster) : 0, performance.now()];
  const result = await autocannon({ url: `http://127.0.0.1:${port}/slack/events`, method: 'POST', headers: request.headers, body: request.body, connections: CONCURRENCY, amount });
  const [botAfter, pgAfter, seconds] = [cpuMs(pid)!, cluster ? clusterCpuMs(cluster) : 0, (performance.now() - started) / 1000];
  const total = result.requests.total;
  return {
    botCpuUs: ((botAfter - botBefore) * 1000) / total,
    pgCpuUs: cluster ? ((pgAfter - pgBefore) * 1000) / total : null,
    rps: total / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    bad: result.errors + result.timeouts + result.non2xx,
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const cluster = await startClusterOrExit('bench/oauth');
const slack = await new FakeSlack().start();
const children: ChildProcess[] = [];
try {
  const script = await bundle('src/main.ts', 'notech');
  const folder = mkdtempSync(join(tmpdir(), 'notech-bench-oauth-'));
  const common = { SLACK_API_URL: slack.apiUrl, LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info' };
  const setups: Setup[] = [
    { name: 'single', env: { ...common, STATE_FILE: join(folder, 'single.json') }, oauth: false, usesCluster: false },
    {
      name: 'single+pg',
      env: { ...common, STATE_FILE: join(folder, 'single-pg.json'), DATABASE_URL: await createDatabase(cluster.url, 'notech_bench_single'), TOKEN_ENCRYPTION_KEY: OAUTH_ENV.TOKEN_ENCRYPTION_KEY },
      oauth: false,
      usesCluster: true,
    },
    { name: 'oauth file', env: { ...common, ...OAUTH_ENV, STATE_FILE: join(folder, 'oauth-file.json') }, oauth: true, usesCluster: false },
    { name: 'oauth pg', env: { ...common, ...OAUTH_ENV, STATE_FILE: join(folder, 'oauth-pg.json'), DATABASE_URL: await createDatabase(cluster.url, 'notech_bench_oauth') }, oauth: true, usesCluster: true },
  ];
  const bots: Array<{ setup: Setup; port: number; pid: number }> = [];
  for (const setup of setups) {
    const { child, port } = await startChild(script, setup.env);
    children.push(child);
    if (setup.oauth) {
      const code = `code-${setup.name.replace(/\W/g, '-')}`;
      slack.grants.set(code, { teamId: TEAM_ID, botToken: `xoxb-bench-${code}`, botUserId: 'U0NOTECH', botId: 'B0NOTECH' });
      const start = await beginInstall(`http://127.0.0.1:${port}`);
      const done = await redirect(`http://127.0.0.1:${port}`, new URLSearchParams({ code, state: start.state }).toString(), start.cookie);
      if (done.status !== 200) throw new Error(`${setup.name}: the install failed (${done.status})`);
    }
    bots.push({ setup, port, pid: child.pid! });
  }
  // The same answer from every setup, or the comparison means nothing (an uninstalled workspace would ack something else).
  const expected = await ack(bots[0]!.port);
  for (const bot of bots) if ((await ack(bot.port)) !== expected) throw new Error(`${bot.setup.name} does not ack what single does`);

  for (const bot of bots) await measure(bot.port, bot.pid, WARMUP, undefined);
  const runs = new Map<string, Run[]>(setups.map((setup) => [setup.name, []]));
  for (let round = 0; round < ROUNDS; round += 1) {
    // Rotated each round, so no setup always runs right after the same one.
    for (let i = 0; i < bots.length; i += 1) {
      const bot = bots[(i + round) % bots.length]!;
      runs.get(bot.setup.name)!.push(await measure(bot.port, bot.pid, REQUESTS, bot.setup.usesCluster ? cluster : undefined));
    }
  }
  const rows = setups.map((setup) => {
    const all = runs.get(setup.name)!;
    return {
      setup: setup.name,
      'bot CPU µs/req': Math.round(median(all.map((run) => run.botCpuUs))),
      'postgres CPU µs/req': setup.usesCluster ? Math.round(median(all.map((run) => run.pgCpuUs!))) : '',
      'req/s': Math.round(median(all.map((run) => run.rps))),
      'p50 ms': median(all.map((run) => run.p50)),
      'p99 ms': median(all.map((run) => run.p99)),
      'bot CPU runs': all.map((run) => Math.round(run.botCpuUs)).join(' '),
      bad: all.reduce((sum, run) => sum + run.bad, 0),
    };
  });
  console.log(`\n/notech ${QUERY}, concurrency ${CONCURRENCY}: median of ${ROUNDS} interleaved runs of ${REQUESTS} requests (${cpus().length} cores, Node ${process.version}, load average ${loadavg().map((v) => v.toFixed(2)).join(' ')})`);
  console.table(rows);
  const base = rows[0]!;
  for (const row of rows.slice(1)) {
    console.log(`${row.setup}: bot CPU ${(((row['bot CPU µs/req'] as number) / (base['bot CPU µs/req'] as number) - 1) * 100).toFixed(1)}% vs single, p99 ${(row['p99 ms'] - base['p99 ms']).toFixed(1)} ms vs single`);
  }
  if (rows.some((row) => row.bad > 0)) process.exitCode = 1;
} finally {
  for (const child of children) child.kill('SIGTERM');
  await slack.stop();
  cluster.stop();
}
