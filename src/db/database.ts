/**
 * PostgreSQL, when DATABASE_URL is set: one connection pool per process, and the schema
 * brought up to date at start by `migrate` (migrations/NNN_name.sql, applied in order, each in
 * its own transaction, recorded in schema_migrations with a checksum). Replicas starting
 * together take turns on an advisory lock, so each migration runs once.
 *
 * This module imports nothing else from src: the digest and the Slack adapter both use it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;

/** A start-up problem with the database, said in one line (no password, no URL user). */
export class DatabaseError extends Error {}

/** Arbitrary fixed keys for pg_advisory_lock: one per purpose, the same on every replica. */
export const LOCKS = { migrate: 17_0001, state: 17_0002 } as const;

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

/** The migrations folder: next to src/ when run from source, next to dist/ when built. */
export function migrationsFolder(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 4; up += 1) {
    const candidate = join(folder, 'migrations');
    if (existsSync(join(candidate, '001_init.sql'))) return candidate;
    folder = dirname(folder);
  }
  throw new DatabaseError('the migrations folder (migrations/001_init.sql) is missing from this installation.');
}

/** Every migration file, in version order; throws on a badly named file or a repeated version. */
export function readMigrations(folder = migrationsFolder()): Migration[] {
  const migrations = readdirSync(folder)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = /^(\d{3})_([a-z0-9_]+)\.sql$/.exec(file);
      if (!match) throw new DatabaseError(`migrations/${file}: name it NNN_words.sql (e.g. 002_add_team.sql).`);
      const sql = readFileSync(join(folder, file), 'utf8');
      // Hashed with LF line ends: a checkout that turns them into CRLF (git on Windows) is not an edit.
      return { version: Number(match[1]), name: match[2]!, sql, checksum: createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex') };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new DatabaseError(`migrations: expected version ${String(index + 1).padStart(3, '0')}, found ${String(migration.version).padStart(3, '0')} (versions are 001, 002, … with no gap or repeat).`);
  });
  return migrations;
}

/**
 * Apply the migrations not yet applied, in order; returns the versions applied now. Throws
 * DatabaseError when an applied migration's file has changed since, or when the database has
 * a version this code does not know (an older NoTech against a newer database).
 */
export async function migrate(pool: Pool, migrations: Migration[] = readMigrations()): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCKS.migrate]);
    // Created only when missing: CREATE … IF NOT EXISTS still needs the CREATE privilege, which a
    // replica's user (reading and writing the tables its owner migrated) need not have.
    const present = (await client.query<{ present: boolean }>("SELECT to_regclass('schema_migrations') IS NOT NULL AS present")).rows[0]?.present;
    if (!present) await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      checksum   text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const applied = new Map((await client.query<{ version: number; name: string; checksum: string }>('SELECT version, name, checksum FROM schema_migrations')).rows.map((row) => [row.version, row]));
    for (const [version, row] of applied) {
      const known = migrations.find((migration) => migration.version === version);
      if (!known) throw new DatabaseError(`the database has migration ${String(version).padStart(3, '0')}_${row.name}, which this NoTech does not know: run the newer NoTech (or restore a backup from before it).`);
      if (known.checksum !== row.checksum) throw new DatabaseError(`migrations/${String(version).padStart(3, '0')}_${known.name}.sql was changed after it was applied: restore the file as it was and add a new migration instead.`);
    }
    const done: number[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [migration.version, migration.name, migration.checksum]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new DatabaseError(`migration ${String(migration.version).padStart(3, '0')}_${migration.name} failed: ${(error as Error).message}`);
      }
      done.push(migration.version);
    }
    return done;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCKS.migrate]).catch(() => undefined);
    client.release();
  }
}

/**
 * Connect (checking the server answers) and migrate. `label` (host:port/database) names the
 * database in errors; the URL itself is never shown, it may hold a password.
 */
export async function openDatabase(url: string, label: string, options: { max?: number } = {}): Promise<Pool> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, connectionTimeoutMillis: 10_000, idleTimeoutMillis: 30_000 });
  // An idle client's connection dropping (a database restart) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new DatabaseError(`DATABASE_URL: cannot connect to PostgreSQL at ${label}: ${connectProblem(error)}.`);
  }
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end().catch(() => undefined);
    if (error instanceof DatabaseError) throw new DatabaseError(`DATABASE_URL (${label}): ${error.message}`);
    if (isServerError(error)) throw new DatabaseError(`DATABASE_URL (${label}): ${serverProblem(error)}.`);
    throw error;
  }
  return pool;
}

/** True for an error the PostgreSQL server sent (it has a five-character SQLSTATE). */
export function isServerError(error: unknown): error is Error & { code: string } {
  const code = (error as { code?: unknown } | undefined)?.code;
  return error instanceof Error && (error instanceof pg.DatabaseError || (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)));
}

/**
 * A server error met at start (migrating, checking the key, reading state), in words with its
 * SQLSTATE: the commonest is a user that may not create tables (PostgreSQL 15 and later no
 * longer let every user create in schema public).
 */
export function serverProblem(error: Error & { code: string }): string {
  if (error.code === '42501') {
    return `the user may not create or use NoTech's tables (42501: ${error.message.slice(0, 120)}): make the user the database's owner (CREATE DATABASE notech OWNER notech, or ALTER DATABASE … OWNER TO …), or GRANT CREATE ON SCHEMA public TO it`;
  }
  return `PostgreSQL refused a query at start (${error.code}: ${error.message.slice(0, 120)})`;
}

/**
 * Why a first connection failed, in words, with the server's SQLSTATE or Node's network code in
 * parentheses. Never the driver's message: it can name the user (28P01, 28000) or quote the URL.
 */
export function connectProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const message = (error as Error | undefined)?.message ?? '';
  switch (code) {
    case '28P01':
      return 'the password was refused (28P01): check the user and password in the URL (a password with @ : / # or % must be percent-encoded)';
    case '28000':
      return 'the server refused this user (28000): the user does not exist, or pg_hba.conf does not let it connect from here';
    case '3D000':
      return 'the database does not exist (3D000): create it (createdb, or CREATE DATABASE) or fix its name in the URL';
    case '53300':
      return 'the server has no connection left (53300): raise max_connections or lower the number of replicas';
    case '57P03':
      return 'the server is starting up or shutting down (57P03): try again in a moment';
    case 'ECONNREFUSED':
      return 'nothing answers at that host and port (ECONNREFUSED): check that the server runs and the host and port in the URL';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the host name is not found (${code}): check the host in the URL`;
    case 'ETIMEDOUT':
      return 'no answer in time (ETIMEDOUT): check the host, the port and any firewall';
    default:
      if (/timeout/i.test(message)) return 'no answer within 10 seconds (timeout): check the host, the port and any firewall';
      if (/ssl/i.test(message)) return 'the server and the URL disagree about SSL: set or remove sslmode=… in the URL to match the server';
      if (/terminated unexpectedly/i.test(message)) return 'the server closed the connection at once: check that host and port are a PostgreSQL server, and its SSL settings';
      // Code or class only: other messages may quote what the server was sent.
      return `${code ?? (error as Error | undefined)?.name ?? 'unknown error'}: check that the server runs and the URL, user and password are right`;
  }
}

/** Run `work` in one transaction on one connection: COMMIT when it resolves, ROLLBACK when it throws. */
export async function transaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
