/**
 * No test cluster outlives its process (test/support/pg-cluster.ts): one held by a child
 * process goes when the child gets SIGTERM/SIGINT/SIGHUP (and the child still dies of the
 * signal) or exits, and one left by a kill -9 is reaped by the next start, while a live
 * process's cluster, and anything not clearly ours, is never touched. Real PostgreSQL servers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { clusterUrl, findPostgresBin, startCluster } from '../support/postgres.js';
import { reapOrphanClusters } from '../support/pg-cluster.js';

interface Holder {
  child: ChildProcess;
  root: string;
  url: string;
  /** The server's postmaster pid. */
  server: number;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const children: ChildProcess[] = [];
const made: string[] = [];

/** A child process holding a cluster (test/support/cluster-holder.ts), once its cluster is up. */
async function holder(mode: 'hold' | 'own-handler'): Promise<Holder> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/cluster-holder.ts', mode], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  let output = '';
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('\n')) resolve(output.split('\n')[0]!);
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then(() => reject(new Error(`the holder exited before its cluster was up: ${output}`)));
  });
  const { root, url } = JSON.parse(line) as { root: string; url: string };
  made.push(root);
  const server = Number(readFileSync(join(root, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  return { child, root, url, server, exited };
}

/** Whether `pid` is a running process (a zombie is not: it is dead, only not yet waited for). */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Wait until `pid` is no longer running (an immediate stop's children take a moment), up to 5 s. */
async function serverGone(pid: number): Promise<boolean> {
  for (let i = 0; i < 50 && running(pid); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  return !running(pid);
}

describe.skipIf(!clusterUrl())('test clusters never outlive their process', () => {
  const bin = findPostgresBin()!;

  afterAll(() => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    // Whatever a failed test left: the holders are dead by now, so the reaper takes their clusters.
    reapOrphanClusters(bin);
    for (const root of made) rmSync(root, { recursive: true, force: true });
  });

  it('kill -9 of the owner leaves its server running; the next startCluster stops it and removes the folder', async () => {
    const held = await holder('hold');
    const owner = JSON.parse(readFileSync(join(held.root, 'owner.json'), 'utf8')) as { pid: number };
    expect(owner.pid).toBe(held.child.pid);
    expect(await answers(held.url)).toBe(true);
    held.child.kill('SIGKILL');
    expect((await held.exited).signal).toBe('SIGKILL');
    // What kill -9 leaves (nothing can run on SIGKILL): the folder and its running server. (A
    // startCluster elsewhere, in another suite or run, could reap them from now on, rightly.)
    expect(existsSync(held.root)).toBe(true);
    expect(running(held.server)).toBe(true);

    const next = await startCluster(bin);
    try {
      expect(existsSync(held.root)).toBe(false);
      expect(await serverGone(held.server)).toBe(true);
      expect(await answers(held.url)).toBe(false);
    } finally {
      next.stop();
    }
    expect(existsSync(next.root)).toBe(false);
  }, 30_000);

  // Concurrent: three holders at once take about the time of one.
  it.concurrent.for(['SIGTERM', 'SIGINT', 'SIGHUP'] as const)('%s to the owner: the child still dies of it, and leaves no folder and no server; until then its cluster is left alone', { timeout: 30_000 }, async (signal, { expect }) => {
    const held = await holder('hold');
    // A live owner's cluster is not reaped (two test runs at once keep their own).
    expect(reapOrphanClusters(bin)).not.toContain(held.root);
    expect(existsSync(held.root)).toBe(true);
    expect(await answers(held.url)).toBe(true);

    held.child.kill(signal);
    expect(await held.exited).toEqual({ code: null, signal });
    expect(existsSync(held.root)).toBe(false);
    expect(running(held.server)).toBe(false);
  });

  it('a process with its own SIGTERM handler (as vitest has) keeps its exit status, and its cluster goes when it exits', async () => {
    const held = await holder('own-handler');
    held.child.kill('SIGTERM');
    expect(await held.exited).toEqual({ code: 143, signal: null });
    expect(existsSync(held.root)).toBe(false);
    expect(running(held.server)).toBe(false);
  }, 30_000);

  it('a normal exit leaves no folder and no server', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/cluster-holder.ts', 'exit'], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    const { root, url } = JSON.parse(output) as { root: string; url: string };
    made.push(root);
    expect(existsSync(root)).toBe(false);
    expect(await answers(url)).toBe(false);
  }, 30_000);

  it('reaps only folders clearly ours whose owner is gone: never one without an owner file, of a live process, or of another pid namespace', async () => {
    // This process's own cluster: a real owner file to copy from, and a live owner.
    const live = await startCluster(bin);
    try {
      const owner = JSON.parse(readFileSync(join(live.root, 'owner.json'), 'utf8')) as Record<string, unknown>;
      const { uid, gid } = statSync(live.root);
      const folder = (ownerFile: string | undefined) => {
        const root = mkdtempSync(join(tmpdir(), 'notech-pg-'));
        made.push(root);
        if (ownerFile !== undefined) writeFileSync(join(root, 'owner.json'), ownerFile);
        chownSync(root, uid, gid);
        return root;
      };
      const pidReused = folder(JSON.stringify({ ...owner, startTime: '1' })); // our pid, another process's start
      const otherBoot = folder(JSON.stringify({ ...owner, bootId: 'another-boot' }));
      const noOwner = folder(undefined); // as a folder of the code before owner files, or one being made
      const garbled = folder('{"pid": 1');
      const foreign = folder(JSON.stringify({ ...owner, by: 'someone else' }));
      const otherNamespace = folder(JSON.stringify({ ...owner, pid: 999_999, pidNamespace: 'pid:[1]' }));
      const link = join(tmpdir(), `notech-pg-${Math.random().toString(36).slice(2, 8).padEnd(6, 'x')}`);
      symlinkSync(pidReused, link);
      made.push(link);

      const reaped = reapOrphanClusters(bin);
      expect(reaped).toEqual(expect.arrayContaining([pidReused, otherBoot]));
      expect(existsSync(pidReused) || existsSync(otherBoot)).toBe(false);
      for (const kept of [live.root, noOwner, garbled, foreign, otherNamespace]) expect(existsSync(kept)).toBe(true);
      expect(reaped).not.toContain(link);
      expect(await answers(live.url)).toBe(true);
    } finally {
      live.stop();
    }
  }, 30_000);
});
