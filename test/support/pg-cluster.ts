/**
 * A throwaway PostgreSQL cluster, for the tests and scripts/replica-trials.ts (so no vitest
 * import here): Debian's server binaries (any version under /usr/lib/postgresql/<n>/bin, or
 * POSTGRES_BIN), a data folder in a temp dir, 127.0.0.1 on a free port, trust authentication
 * (loopback only, deleted after the run). The vitest global setup (postgres-global.ts) starts
 * one per `npm test`; each suite makes its own database (postgres.ts, `testDatabase()`).
 *
 * PostgreSQL refuses to run as root: as root the folder is given to the `postgres` user and
 * the server runs under `runuser -u postgres`.
 *
 * No server outlives the process that started it: `stop()` runs when that process exits or
 * gets SIGINT/SIGTERM/SIGHUP (process-end.ts). Nothing runs on kill -9, so each folder has an
 * `owner.json` (the process's pid and start time), and `startCluster` first reaps the folders
 * whose owner is gone (`reapOrphanClusters`). A live owner's cluster is never touched: two test
 * runs, or the replica trials beside a test run, keep their own.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, lstatSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { onProcessEnd } from './process-end.js';

/** The newest installed server's bin folder, or undefined when there is no server here. */
export function findPostgresBin(): string | undefined {
  // POSTGRES_BIN, when set, is the only place looked at (POSTGRES_BIN=/none shows what a machine without a server does).
  if (process.env.POSTGRES_BIN) return hasServer(process.env.POSTGRES_BIN) ? process.env.POSTGRES_BIN : undefined;
  const candidates: string[] = [];
  try {
    const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((version) => `/usr/lib/postgresql/${version}/bin`));
  } catch {
    // No Debian PostgreSQL installed.
  }
  return candidates.find(hasServer);
}

const hasServer = (bin: string) => ['postgres', 'initdb', 'pg_ctl'].every((program) => existsSync(join(bin, program)));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Cluster {
  /** A URL for the cluster's `postgres` database, as the superuser `notech`. */
  url: string;
  /** The cluster's folder (`notech-pg-*` in the temp dir), removed by `stop()`. */
  root: string;
  /** Stop the server (immediate mode) and remove the folder; again, it does nothing. */
  stop(): void;
}

/** The temp-dir folders a cluster lives in; nothing else there is ever reaped. */
const CLUSTER_FOLDER = /^notech-pg-[A-Za-z0-9]{6}$/;
/** Inside a cluster folder: who made it (see `Owner`). */
const OWNER_FILE = 'owner.json';
const OWNER_TAG = 'notech test/support/pg-cluster.ts';

/**
 * Start a new cluster (initdb + pg_ctl start -w); throws with the server's log when it cannot.
 * With `password`, the superuser `notech` has it and every connection must give it
 * (scram-sha-256), for the tests of a wrong password; else trust authentication. First reaps
 * the clusters whose owner process is gone (`reapOrphanClusters`).
 */
export async function startCluster(bin: string, auth: { password?: string } = {}): Promise<Cluster> {
  reapOrphanClusters(bin);
  const port = await freePort();
  const root = mkdtempSync(join(tmpdir(), 'notech-pg-'));
  // First thing: a folder without an owner file is never reaped (it is not clearly ours).
  writeOwner(root);
  const data = join(root, 'data');
  const log = join(root, 'server.log');
  if (asRoot()) {
    const { uid, gid } = pgUser();
    chownSync(root, uid, gid);
  }
  chmodSync(root, 0o700);
  const run = (command: string, args: string[]) => runAsServer(bin, root, command, args);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    withdraw();
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  };
  // From here on, however this process ends (short of kill -9), the server and the folder go.
  const withdraw = onProcessEnd(stop);
  // fsync off: a test cluster's data is thrown away; the replicas under test are what is killed, never the server.
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  try {
    const authArgs = auth.password === undefined ? ['-A', 'trust'] : ['-A', 'scram-sha-256', `--pwfile=${join(root, 'password')}`];
    if (auth.password !== undefined) writeFileSync(join(root, 'password'), `${auth.password}\n`, { mode: 0o644 });
    run('initdb', ['-D', data, '-U', 'notech', ...authArgs, '-E', 'UTF8', '--no-locale', '--no-sync']);
    run('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', '-o', options, 'start']);
  } catch (error) {
    stopped = true;
    withdraw();
    try {
      // pg_ctl start may have timed out with the server still starting: stop whatever runs there.
      stopServer(bin, root);
      rmSync(root, { recursive: true, force: true });
    } catch {
      // A server that would not stop keeps its folder, for the reaper once this process is gone.
    }
    throw error;
  }
  return {
    url: `postgres://notech${auth.password === undefined ? '' : `:${encodeURIComponent(auth.password)}`}@127.0.0.1:${port}/postgres`,
    root,
    stop,
  };
}

/** Run one of the server's programs in `root` (as `postgres` when root); throws with its output and the server log. */
function runAsServer(bin: string, root: string, command: string, args: string[]): void {
  const [file, argv] = asRoot() ? ['runuser', ['-u', 'postgres', '--', join(bin, command), ...args]] : [join(bin, command), args];
  const result = spawnSync(file, argv, { encoding: 'utf8', cwd: root });
  const log = join(root, 'server.log');
  if (result.status !== 0) throw new Error(`${command} failed (${result.status}): ${result.stderr || result.stdout}${existsSync(log) ? `\n${readFileSync(log, 'utf8')}` : ''}`);
}

const asRoot = () => userInfo().uid === 0;

function pgUser(): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

/**
 * Who made a cluster folder: a pid alone could be reused by another process after the owner
 * died, so with its start time (clock ticks after boot, /proc/<pid>/stat field 22) and the boot
 * id; and its pid namespace, since a pid means nothing in another one (a container sharing /tmp).
 */
interface Owner {
  by: typeof OWNER_TAG;
  pid: number;
  startTime: string;
  bootId: string;
  pidNamespace: string;
}

/** A process's state letter and start time, from /proc/<pid>/stat; undefined when there is no such process. */
function procStat(pid: number): { state: string; startTime: string } | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // "pid (comm) state ppid …": comm may hold spaces and parentheses, so count from the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0]!, startTime: fields[19]! };
}

const bootId = () => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
const pidNamespace = () => readlinkSync('/proc/self/ns/pid');

function writeOwner(root: string): void {
  if (!existsSync('/proc/self/stat')) return; // Not Linux: nothing is reaped here (reapOrphanClusters).
  const owner: Owner = { by: OWNER_TAG, pid: process.pid, startTime: procStat(process.pid)!.startTime, bootId: bootId(), pidNamespace: pidNamespace() };
  // Whole or not at all: a reaper reading a half-written file must not take the owner for gone.
  writeFileSync(join(root, `${OWNER_FILE}.tmp`), `${JSON.stringify(owner)}\n`, { mode: 0o644 });
  renameSync(join(root, `${OWNER_FILE}.tmp`), join(root, OWNER_FILE));
}

function readOwner(root: string): Owner | undefined {
  try {
    const owner = JSON.parse(readFileSync(join(root, OWNER_FILE), 'utf8')) as Partial<Owner>;
    const fine = owner.by === OWNER_TAG && Number.isInteger(owner.pid) && (owner.pid ?? 0) > 0 && [owner.startTime, owner.bootId, owner.pidNamespace].every((v) => typeof v === 'string' && v !== '');
    return fine ? (owner as Owner) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the owner is gone for sure; when it cannot be told (another pid namespace), it is not. */
function ownerGone(owner: Owner): boolean {
  // Another boot: every process of that boot is gone (a /tmp that survives reboots).
  if (owner.bootId !== bootId()) return true;
  if (owner.pidNamespace !== pidNamespace()) return false;
  const stat = procStat(owner.pid);
  // No such pid, a zombie (dead, not yet waited for) or another process that got the pid since.
  return stat === undefined || stat.state === 'Z' || stat.state === 'X' || stat.startTime !== owner.startTime;
}

/**
 * Stop the server running on `root`'s data folder, if one does (pg_ctl stop -m immediate). The
 * postmaster's pid is read from postmaster.pid and must be a process whose working directory is
 * that data folder (a postmaster's always is): a stale file's pid, since given to another
 * process, is never signalled. Throws when pg_ctl fails.
 */
function stopServer(bin: string, root: string): void {
  const data = join(root, 'data');
  let pid: number;
  try {
    pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0) return;
  let cwd: string;
  try {
    cwd = readlinkSync(`/proc/${pid}/cwd`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // No such process: the server is gone.
    throw error; // A process we may not look at: perhaps our server, so its folder stays.
  }
  if (cwd !== realpathSync(data)) return;
  runAsServer(bin, root, 'pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
}

/**
 * For scripts (replica trials, the OAuth benchmark): a cluster on this machine's newest server,
 * or exit 2 with one line on standard error, prefixed with `script`, saying what to install.
 */
export async function startClusterOrExit(script: string): Promise<Cluster> {
  const bin = findPostgresBin();
  if (!bin) {
    process.stderr.write(`${script}: no PostgreSQL server binaries (apt-get install postgresql, or set POSTGRES_BIN).\n`);
    process.exit(2);
  }
  return startCluster(bin);
}

/**
 * Reap the test clusters left by processes that were killed (kill -9, a crash of the machine):
 * in the temp dir, each `notech-pg-XXXXXX` folder of ours (a directory owned by this user, or by
 * `postgres` when root, with our `owner.json`) whose owner process is gone has its server
 * stopped (pg_ctl stop -m immediate, with `bin`) and is removed. Folders of live owners, folders
 * without a readable owner file, and anything else are left alone. Returns the folders removed;
 * a folder that could not be reaped is said on stderr and left for the next time.
 */
export function reapOrphanClusters(bin: string): string[] {
  if (!existsSync('/proc/self/stat')) return []; // No way to tell a live owner from a gone one.
  const dir = tmpdir();
  const ours = asRoot() ? pgUser().uid : userInfo().uid;
  const reaped: string[] = [];
  for (const name of readdirSync(dir)) {
    if (!CLUSTER_FOLDER.test(name)) continue;
    const root = join(dir, name);
    try {
      const stat = lstatSync(root);
      if (!stat.isDirectory() || stat.uid !== ours) continue;
      const owner = readOwner(root);
      if (!owner || !ownerGone(owner)) continue;
      stopServer(bin, root);
      rmSync(root, { recursive: true, force: true });
      reaped.push(root);
      // Rare (a run was killed with -9), and worth knowing: a short line, with no data of anyone.
      process.stderr.write(`reapOrphanClusters: removed ${root}, left by process ${owner.pid}, which is gone\n`);
    } catch (error) {
      // Another run reaping it at the same moment, or a server that would not stop: never fatal.
      if (existsSync(root)) process.stderr.write(`reapOrphanClusters: left ${root}: ${(error as Error).message.split('\n')[0]}\n`);
    }
  }
  return reaped;
}

/** Create a new, empty database on the cluster at `clusterUrl`; its URL. */
export async function createDatabase(clusterUrl: string, prefix: string): Promise<string> {
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: clusterUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const result = new URL(clusterUrl);
  result.pathname = `/${name}`;
  return result.toString();
}
