import type { Logger } from 'pino';
import type { DigestCommands } from '../digest/index.js';
import type { Workspace } from '../installations/store.js';
import type { KnowledgeStore } from '../knowledge/store.js';
import type { Activity } from './activity.js';
import type { SeenKeys } from './dedupe.js';
import type { Reports } from './reports.js';

/** What listeners need, passed in once at registration (no module-level state). */
export interface ListenerDeps {
  store: KnowledgeStore;
  logger: Logger;
  /**
   * Messages already answered, keyed by channel and message ts: Slack's retries, re-deliveries
   * under new event ids and the app_mention sent again when a message is edited get no second
   * reply.
   */
  answeredMessages: SeenKeys;
  /** Previews already shared (a double click on Share posts the card once). */
  sharedPreviews: SeenKeys;
  /** Threads where the short help was already given. */
  helpedThreads: SeenKeys;
  /** Counts of what was answered, logged once a minute. */
  activity: Activity;
  /** Digest commands (`/notech digest …`), when the digest feature is wired in. */
  digest?: DigestCommands;
  /** The clock: what "today" is for review dates (stale banners, list marks) and report limits. Default: the machine's. */
  now?: () => Date;
  /**
   * With OAuth: forgets a workspace that uninstalled NoTech or revoked its bot token (its
   * installation and what the digest keeps for it). Absent with one workspace (SLACK_BOT_TOKEN).
   */
  uninstall?: (workspace: Workspace, reason: 'app_uninstalled' | 'tokens_revoked') => Promise<void>;
  /** "Report a problem" (issue 15): set when MAINTAINERS_CHANNEL is; cards carry the button only then. */
  reports?: Reports;
}

/** What every card a listener composes needs from the surface: the Report button or not, and today. */
export function surfaceOptions(deps: Pick<ListenerDeps, 'now' | 'reports'>): { reportable: boolean; now: Date } {
  return { reportable: deps.reports !== undefined, now: deps.now?.() ?? new Date() };
}
