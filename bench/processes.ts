/**
 * What the benchmarks (run.ts, oauth.ts) share: apps bundled as `npm start` runs the bot, started
 * as child processes on a free port, and the CPU time a process has used, from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { BOT_TOKEN, SIGNING_SECRET } from '../test/support/slack-requests.js';

/** `entry` bundled as dist/bench/NAME.js, with the knowledge worker the store starts beside it. */
export async function bundle(entry: string, name: string): Promise<string> {
  const entryPoints = { [name]: entry, 'load-worker': 'src/knowledge/load-worker.ts' };
  await build({ entryPoints, outdir: 'dist/bench', bundle: true, packages: 'external', platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' });
  return `dist/bench/${name}.js`;
}

/** Start `script` with `env` over the defaults (one workspace, signed HTTP on a free port); resolves with its port once it logs it. */
export function startChild(script: string, env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [script], {
    env: { PATH: process.env.PATH, NOTECH_ENV_FILE: 'none', SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, PORT: '0', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`${script} did not start: ${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"port":(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        // Stop collecting: the bot logs a line per command, and buffering it here would load
        // the benchmark process that also runs the load generator.
        child.stdout!.off('data', onData);
        child.stderr!.off('data', onData);
        child.stdout!.resume();
        child.stderr!.resume();
        resolve({ child, port: Number(match[1]) });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${script} exited ${code}: ${output}`)));
  });
}

/**
 * CPU time (user + system) a process has used so far, in milliseconds, from /proc/PID/stat
 * (Linux; undefined elsewhere). Counted per server process, it does not grow when another job
 * takes the other core, which moves req/s by up to 40% on this shared machine: CPU per request
 * is the steadier measure of what each app's own code costs.
 */
export function cpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime, fields 14 and 15 of stat(5), in clock ticks (100 a second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

