import type { Logger } from 'pino';
import type { DigestCommands } from '../digest/index.js';
import type { KnowledgeStore } from '../knowledge/store.js';
import type { Activity } from './activity.js';
import type { RecentKeys } from './dedupe.js';

/** What listeners need, passed in once at registration (no module-level state). */
export interface ListenerDeps {
  store: KnowledgeStore;
  logger: Logger;
  /**
   * Messages already answered, keyed by channel and message ts: Slack's retries, re-deliveries
   * under new event ids and the app_mention sent again when a message is edited get no second
   * reply.
   */
  answeredMessages: RecentKeys;
  /** Previews already shared (a double click on Share posts the card once). */
  sharedPreviews: RecentKeys;
  /** Threads where the short help was already given. */
  helpedThreads: RecentKeys;
  /** Counts of what was answered, logged once a minute. */
  activity: Activity;
  /** Digest commands (`/notech digest …`), when the digest feature is wired in. */
  digest?: DigestCommands;
}
