/** Slack modes from main: digest state, the app, the scheduler; stop cleanly on SIGTERM/SIGINT. */
import type { Logger } from 'pino';
import { installationsFileFor, type Config } from '../config.js';
import { DatabaseError, isServerError, openDatabase, serverProblem, type Pool } from '../db/database.js';
import { createDigest, StateFileError, subscriptionsInStateFile } from '../digest/index.js';
import type { KnowledgeStore } from '../knowledge/store.js';
import { FileInstallationStore } from '../installations/file-store.js';
import { checkSharedKey, PostgresInstallationStore } from '../installations/postgres-store.js';
import { InstallationKeyError, InstallationStoreError, type Installations } from '../installations/store.js';
import { StartupError, startSlackApp } from './app.js';

function fail(message: string): never {
  process.stderr.write(`notech: ${message}\n`);
  process.exit(1);
}

/** A PostgreSQL error at start (a missing privilege, a table gone): one line, as every other startup problem. */
function failOnServerError(error: unknown, label: string | undefined): void {
  if (isServerError(error)) fail(`DATABASE_URL (${label ?? 'the database'}): ${serverProblem(error)}.`);
}

export async function startSlack(options: { config: Config; store: KnowledgeStore; logger: Logger }): Promise<void> {
  const { logger, store, config } = options;
  keepServingAfterUnhandledRejections(logger);
  // DATABASE_URL: state in PostgreSQL, migrated now (one clear line if it cannot be reached or migrated).
  let pool: Pool | undefined;
  if (config.databaseUrl) {
    try {
      pool = await openDatabase(config.databaseUrl, config.databaseLabel ?? 'the database');
    } catch (error) {
      if (error instanceof DatabaseError) fail(error.message);
      throw error;
    }
    try {
      // Every replica must share TOKEN_ENCRYPTION_KEY (it keys shared hashes and seals tokens): one line if not.
      await checkSharedKey(pool, config.sharedKey!, config.databaseLabel ?? 'the database');
    } catch (error) {
      if (error instanceof InstallationKeyError) fail(error.message);
      failOnServerError(error, config.databaseLabel);
      throw error;
    }
    logger.info({ database: config.databaseLabel }, 'state in PostgreSQL');
    warnFilesNotUsed(config, logger);
  }
  let installations: Installations | undefined;
  if (config.oauth) {
    try {
      installations = await openInstallations(config.oauth, pool, config.databaseLabel);
    } catch (error) {
      if (error instanceof InstallationStoreError || error instanceof InstallationKeyError) fail(error.message);
      failOnServerError(error, config.databaseLabel);
      throw error;
    }
  }
  let digest;
  try {
    digest = await createDigest({ ...options, ...(pool ? { pool } : {}), ...(installations ? { installations } : {}) });
  } catch (error) {
    if (error instanceof StateFileError) fail(error.message);
    failOnServerError(error, config.databaseLabel);
    throw error;
  }
  let running;
  try {
    running = await startSlackApp({
      ...options,
      digest: digest.commands,
      countReport: digest.countReport,
      ...(pool ? { pool } : {}),
      ...(installations ? { installations, forgetWorkspace: digest.forgetWorkspace } : {}),
    });
  } catch (error) {
    await digest.stop();
    if (error instanceof StartupError) fail(error.message);
    throw error;
  }
  const unwatch = store.watch();
  digest.scheduler.start();

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new requests; finishing the digest in progress');
    unwatch();
    const deadline = setTimeout(() => {
      logger.warn('shutdown took too long; exiting');
      logger.flush();
      process.exit(0);
    }, 5000);
    deadline.unref();
    void Promise.allSettled([running.stop(), digest.stop()])
      .then(() => pool?.end())
      .then(() => logger.info('stopped'))
      .finally(() => {
        logger.flush();
        process.exit(0);
      });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

/**
 * The installation store (OAuth): PostgreSQL with DATABASE_URL, else the file beside
 * STATE_FILE; its tokens checked against TOKEN_ENCRYPTION_KEY now, so a wrong key is one
 * startup error rather than a failure per request.
 */
async function openInstallations(oauth: NonNullable<Config['oauth']>, pool: Pool | undefined, label: string | undefined): Promise<Installations> {
  // With DATABASE_URL the installations are in the database, shared by replicas; else in the file beside STATE_FILE.
  const installations = pool ? new PostgresInstallationStore(pool, oauth.tokenKey, label ?? 'the database') : FileInstallationStore.open(oauth.installationsFile, oauth.tokenKey);
  await installations.checkKey();
  return installations;
}

/**
 * With DATABASE_URL, STATE_FILE and the installations file beside it are neither read nor
 * imported: a bot moved from the files to PostgreSQL starts with no subscriptions and no
 * installations. Say so once at start when the files still hold any, so nothing is lost silently.
 */
function warnFilesNotUsed(config: Config, logger: Logger): void {
  const subscriptions = subscriptionsInStateFile(config.stateFile);
  const installationsFile = installationsFileFor(config.stateFile);
  let installations = 0;
  try {
    installations = FileInstallationStore.open(installationsFile, config.sharedKey!).size;
  } catch {
    // Unreadable or not an installations file: nothing to warn about here.
  }
  if (subscriptions === 0 && installations === 0) return;
  logger.warn(
    { stateFile: config.stateFile, subscriptions, installationsFile, installations },
    'with DATABASE_URL these files are not used, and nothing in them is imported: subscribe those channels again (/notech digest subscribe) and have those workspaces install again from /slack/install, then move the files away',
  );
}

/**
 * Bolt's HTTP receiver handles each request in an async closure that nothing awaits: a signed
 * body it cannot read (a JSON body `null`, or a form with `payload=null`: it then reads
 * `null.ssl_check`) rejects there, and Node ends the process on an unhandled rejection. One
 * malformed request must not stop the bot for every organizer, so the rejection is logged and
 * the bot keeps serving; that request gets no answer (Slack gives up after 3 seconds). Logged
 * with the error's name and code only: a message may quote a payload.
 */
function keepServingAfterUnhandledRejections(logger: Logger): void {
  process.on('unhandledRejection', (reason) => {
    const error = reason instanceof Error ? reason : undefined;
    logger.error({ name: error?.name ?? typeof reason, code: (error as { code?: unknown } | undefined)?.code }, 'unhandled rejection (a request Bolt could not read?); still serving');
  });
}
