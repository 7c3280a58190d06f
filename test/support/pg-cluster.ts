/**
 * A throwaway PostgreSQL cluster, for the tests and scripts/replica-trials.ts (so no vitest
 * import here): Debian's server binaries (any version under /usr/lib/postgresql/<n>/bin, or
 * POSTGRES_BIN), a data folder in a temp dir, 127.0.0.1 on a free port, trust authentication
 * (loopback only, deleted after the run). The vitest global setup (postgres-global.ts) starts
 * one per `npm test`; each suite makes its own database (postgres.ts, `testDatabase()`).
 *
 * PostgreSQL refuses to run as root: as root the folder is given to the `postgres` user and
 * the server runs under `runuser -u postgres`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

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
  stop(): void;
}

/**
 * Start a new cluster (initdb + pg_ctl start -w); throws with the server's log when it cannot.
 * With `password`, the superuser `notech` has it and every connection must give it
 * (scram-sha-256), for the tests of a wrong password; else trust authentication.
 */
export async function startCluster(bin: string, auth: { password?: string } = {}): Promise<Cluster> {
  const root = mkdtempSync(join(tmpdir(), 'notech-pg-'));
  const data = join(root, 'data');
  const log = join(root, 'server.log');
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    const { uid, gid } = pgUser();
    chownSync(root, uid, gid);
  }
  chmodSync(root, 0o700);
  const run = (command: string, args: string[]) => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, command), ...args]] : [join(bin, command), args];
    const result = spawnSync(file, argv, { encoding: 'utf8', cwd: root });
    if (result.status !== 0) throw new Error(`${command} failed (${result.status}): ${result.stderr || result.stdout}${existsSync(log) ? `\n${spawnSync('cat', [log], { encoding: 'utf8' }).stdout}` : ''}`);
  };
  const port = await freePort();
  // fsync off: a test cluster's data is thrown away; the replicas under test are what is killed, never the server.
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  try {
    const authArgs = auth.password === undefined ? ['-A', 'trust'] : ['-A', 'scram-sha-256', `--pwfile=${join(root, 'password')}`];
    if (auth.password !== undefined) writeFileSync(join(root, 'password'), `${auth.password}\n`, { mode: 0o644 });
    run('initdb', ['-D', data, '-U', 'notech', ...authArgs, '-E', 'UTF8', '--no-locale', '--no-sync']);
    run('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', '-o', options, 'start']);
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `postgres://notech${auth.password === undefined ? '' : `:${encodeURIComponent(auth.password)}`}@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}

function pgUser(): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
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
