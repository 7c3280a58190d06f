/**
 * The digest feature, assembled: state file (locked, validated), its own Web API client
 * (no automatic retries: the sender retries itself, checking Slack's record between tries),
 * the slash-command handler and the scheduler.
 */
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { KnowledgeStore } from '../knowledge/store.js';
import type { DigestCommands } from '../slack/context.js';
import { digestCommands, ensureConfiguredChannels } from './commands.js';
import { DigestSender, type RetryPolicy } from './deliver.js';
import { DigestScheduler } from './scheduler.js';
import { lockStateFile, StateStore } from './state.js';

export interface DigestOptions {
  config: Config;
  store: KnowledgeStore;
  logger: Logger;
  now?: () => Date;
  retry?: RetryPolicy;
  clientOptions?: WebClientOptions;
}

export interface Digest {
  commands: DigestCommands;
  scheduler: DigestScheduler;
  state: StateStore;
  stop(): Promise<void>;
}

/** Opens the state file (throws StateFileError if it is corrupt or in use) and wires the rest. */
export async function createDigest(options: DigestOptions): Promise<Digest> {
  const { config, store, logger } = options;
  const now = options.now ?? (() => new Date());
  const unlock = lockStateFile(config.stateFile);
  let state: StateStore;
  try {
    state = StateStore.open(config.stateFile);
  } catch (error) {
    unlock();
    throw error;
  }
  const defaults = { cron: config.digestSchedule, timezone: config.digestTimezone };
  await ensureConfiguredChannels(state, config.digestChannels, defaults, now());

  const client = new WebClient(config.botToken, {
    ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 15_000,
    ...options.clientOptions,
  });
  const sender = new DigestSender({
    client,
    state,
    store,
    logger: logger.child({ component: 'digest' }),
    now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    ...(options.retry ? { retry: options.retry } : {}),
  });
  const scheduler = new DigestScheduler({ state, sender, logger, now });
  const commands = digestCommands({ state, store, client, logger, defaults, adminUserIds: config.adminUserIds, now });
  return {
    commands,
    scheduler,
    state,
    async stop() {
      await scheduler.stop();
      unlock();
    },
  };
}
