/**
 * The digest feature's one door: everything outside src/digest (main.ts, src/slack) imports
 * from here only. `createDigest` assembles the state file (locked, validated), its own Web API
 * client (no automatic retries: the sender retries itself, checking Slack's record between
 * tries), the slash-command handler and the scheduler; `previewDigest` needs none of them.
 */
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { InstallationStore } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { KnowledgeStore } from '../knowledge/store.js';
import type { Knowledge } from '../knowledge/knowledge.js';
import type { Lang } from '../messages/strings/index.js';
import type { SlackMessage } from '../messages/types.js';
import { DIGEST_CLIENT_OPTIONS } from '../slack-web.js';
import { digestCommands, ensureConfiguredChannels, type DigestCommands } from './commands.js';
import { composeDigest } from './content.js';
import { DigestSender, type RetryPolicy } from './deliver.js';
import { DigestScheduler } from './scheduler.js';
import type { Pool } from '../db/database.js';
import { PostgresStateStore } from './postgres-state.js';
import { lockStateFile, monthKey, readStateFile, StateStore, type DigestState } from './state.js';
import { workspaceClients, type Workspace } from '../installations/store.js';
import type { DigestClient } from './clients.js';

export interface DigestOptions {
  config: Config;
  store: KnowledgeStore;
  logger: Logger;
  now?: () => Date;
  retry?: RetryPolicy;
  clientOptions?: WebClientOptions;
  /** The database (opened and migrated: see src/db) when DATABASE_URL is set: state there, shared by replicas. */
  pool?: Pool;
  /** With config.oauth: where each workspace's bot token is (its digests are posted with it). */
  installations?: InstallationStore;
}

/**
 * How often a replica re-reads the shared state when no run is due (ms): subscriptions made on
 * another replica are scheduled here within this time. The state file needs no re-reading.
 */
const SHARED_STATE_SLEEP_MS = 10_000;

export type { DigestCommands } from './commands.js';
export { StateFileError } from './state.js';

/**
 * How many digest subscriptions the state file at `path` holds (0 when it is absent, unreadable
 * or not a state file): with DATABASE_URL the file is not used, and startup says when it would
 * leave subscriptions behind.
 */
export function subscriptionsInStateFile(path: string): number {
  try {
    return Object.keys(readStateFile(path).subscriptions).length;
  } catch {
    return 0;
  }
}

export interface Digest {
  /** `/notech digest …`, for the Slack listeners. */
  commands: DigestCommands;
  /** Posts due digests once started; `stop()` stops it. */
  scheduler: DigestScheduler;
  /** The digest a newly subscribed channel would get now, in `lang`. */
  preview(lang?: Lang): SlackMessage;
  /**
   * Counts one report sent with "Report a problem" in the current UTC month, in the state file
   * (a number per month, nothing about the report or its author); the monthly review reads it.
   */
  countReport(): Promise<void>;
  /**
   * With OAuth, when a workspace uninstalls NoTech: deletes its subscriptions and their delivery
   * logs (an org-wide uninstall: every subscription of the org). Nothing else is kept per workspace.
   */
  forgetWorkspace(workspace: Workspace): Promise<void>;
  /** Stops the scheduler (a digest in progress finishes) and releases the state file (the pool is the opener's to end). */
  stop(): Promise<void>;
}

/**
 * The digest a channel that has never had one would get at `at`, dated in `timezone`: what
 * `/notech digest preview` shows, and `digest` in the console (which runs no scheduler).
 */
export function previewDigest(knowledge: Knowledge, options: { lang: Lang; at: Date; timezone: string }): SlackMessage {
  return composeDigest(knowledge, { spotlightShown: [] }, options).message;
}

/**
 * Opens the state (the state file, locked: throws StateFileError, with a remedy, if it is
 * corrupt or in use; or, given `pool`, PostgreSQL) and wires the rest.
 */
export async function createDigest(options: DigestOptions): Promise<Digest> {
  const { config, store, logger } = options;
  const now = options.now ?? (() => new Date());
  let state: DigestState;
  let unlock = () => {};
  if (options.pool) {
    state = await PostgresStateStore.open({ pool: options.pool, logger: logger.child({ component: 'digest' }), leaseMs: config.claimLeaseMs });
  } else {
    unlock = lockStateFile(config.stateFile);
    try {
      state = StateStore.open(config.stateFile);
    } catch (error) {
      unlock();
      throw error;
    }
  }
  const defaults = { cron: config.digestSchedule, timezone: config.digestTimezone };
  await ensureConfiguredChannels(state, config.digestChannels, defaults, now());

  const clientOptions: WebClientOptions = {
    ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
    // No automatic retries, rate limits rejected at once: the sender's own loop (deliver.ts) retries.
    ...DIGEST_CLIENT_OPTIONS,
    ...options.clientOptions,
  };
  if (config.oauth && !options.installations) {
    unlock();
    throw new Error('createDigest: OAuth needs the installation store');
  }
  const client: DigestClient = config.oauth ? workspaceClients(options.installations!, clientOptions) : new WebClient(config.botToken, clientOptions);
  const sender = new DigestSender({
    client,
    state,
    store,
    logger: logger.child({ component: 'digest' }),
    now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    ...(options.retry ? { retry: options.retry } : {}),
  });
  // The monthly review, when MAINTAINERS_CHANNEL is set: a target the scheduler runs like a
  // subscription. Runs from the start of the month the bot started in count, so a restart (or
  // an outage over the 1st) still posts this month's review once; the first start mid-month posts it then.
  const started = now();
  const review = config.maintainersChannel
    ? {
        review: true as const,
        channelId: config.maintainersChannel,
        cron: config.reviewSchedule,
        timezone: 'UTC',
        lang: 'en' as const,
        createdAt: new Date(Date.UTC(started.getUTCFullYear(), started.getUTCMonth(), 1)).toISOString(),
        // With OAuth: posted with the maintainers' workspace's own token.
        ...(config.maintainersTeamId ? { teamId: config.maintainersTeamId } : {}),
      }
    : undefined;
  const scheduler = new DigestScheduler({ state, sender, logger, now, ...(options.pool ? { maxSleepMs: SHARED_STATE_SLEEP_MS } : {}), ...(review ? { review } : {}) });
  const commands = digestCommands({ state, store, client, logger, defaults, adminUserIds: config.adminUserIds, now });
  return {
    commands,
    scheduler,
    preview: (lang = 'en') => previewDigest(store.current, { lang, at: now(), timezone: config.digestTimezone }),
    countReport: () =>
      state.update((draft) => {
        const month = monthKey(now());
        draft.reportsByMonth[month] = (draft.reportsByMonth[month] ?? 0) + 1;
      }),
    forgetWorkspace: async ({ teamId, enterpriseId, isEnterpriseInstall }) => {
      const belongs = (subscription: { teamId?: string | undefined; enterpriseId?: string | undefined }) =>
        isEnterpriseInstall ? enterpriseId !== undefined && subscription.enterpriseId === enterpriseId : teamId !== undefined && subscription.teamId === teamId;
      await state.refresh(); // with replicas, subscriptions made on another one count too
      const gone = Object.values(state.current.subscriptions).filter(belongs).map((subscription) => subscription.channelId);
      if (gone.length === 0) return;
      await state.update((draft) => {
        for (const channelId of gone) {
          delete draft.subscriptions[channelId];
          delete draft.channels[channelId];
        }
      });
      logger.info({ digest: 'workspace-forgotten', teamId: teamId ?? null, enterpriseId: enterpriseId ?? null, subscriptions: gone.length }, 'digest subscriptions of an uninstalled workspace deleted');
    },
    async stop() {
      await scheduler.stop();
      await state.close();
      unlock();
    },
  };
}
