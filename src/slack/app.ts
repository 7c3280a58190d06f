/**
 * The Bolt app: receiver (HTTP or Socket Mode), Web API client options, listeners. With one
 * workspace (SLACK_BOT_TOKEN), startup checks the token with auth.test and fails with one clear
 * line if Slack rejects it. With OAuth (config.oauth, HTTP mode) there is no token at startup:
 * Bolt authorizes each request from the installation store (src/slack/oauth.ts), so listeners
 * always reply with the `client` Bolt gives them, which carries that workspace's token.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { KnowledgeStore } from '../knowledge/store.js';
import { Activity } from './activity.js';
import { boltLogger } from './bolt-logger.js';
import { guardRequest } from './guard.js';
import type { DigestCommands } from '../digest/index.js';
import { CachedInstallations, type AuthorizeCacheOptions } from '../installations/authorize-cache.js';
import { NotInstalledError, workspaceClients, type Installations, type Workspace } from '../installations/store.js';
import { oauthReceiverOptions } from './oauth.js';
import type { ListenerDeps } from './context.js';
import type { Pool } from '../db/database.js';
import { RecentKeys, SharedRecentKeys, sharedHashKey, type SeenKeys } from './dedupe.js';
import { ReportLimiter, ReportOrigins, SharedReportLimiter, SharedReportOrigins, type ReportLimits, type ReportOriginMemory } from './reports.js';
import { registerListeners } from './listeners/index.js';
import { acknowledgeProtocolEvents, HTTP_RESPONSE } from './protocol.js';
import { handleUnauthorized } from './unauthorized.js';
import { platformError, REPLY_CLIENT_OPTIONS } from '../slack-web.js';

import { BODY_LIMIT_BYTES } from './guard.js';
const HOUR = 60 * 60 * 1000;

export interface SlackAppOptions {
  config: Config;
  store: KnowledgeStore;
  logger: Logger;
  digest?: DigestCommands;
  /** Counts a report sent to the maintainers for the monthly review (the digest's state file). */
  countReport?: () => Promise<void>;
  /** Web API client overrides (tests and the digest sender tune retries). */
  clientOptions?: WebClientOptions;
  /** The clock (tests inject one): review dates on cards, report limits. Default: the machine's. */
  now?: () => Date;
  /**
   * The database when DATABASE_URL is set: dedupe keys and report limits are kept there, shared
   * by replicas (hashed with keys derived from config.sharedKey). Without it, in memory.
   */
  pool?: Pool;
  /** The installation store, required with config.oauth (opened and key-checked by the caller). */
  installations?: Installations;
  /** Forgets what is kept for a workspace that uninstalled NoTech (its digest subscriptions and delivery logs). */
  forgetWorkspace?: (workspace: Workspace) => Promise<void>;
  /** With OAuth: the cache of installations Bolt's authorize reads (tests shorten or shrink it; its clock is `now`). */
  authorizeCache?: Pick<AuthorizeCacheOptions, 'ttlMs' | 'maxEntries'>;
}

export interface RunningSlackApp {
  app: App;
  /** The HTTP port actually listened on (HTTP mode). */
  port?: number;
  /** The bot's user id (one workspace); '' with OAuth, where each workspace's comes with its requests. */
  botUserId: string;
  stop(): Promise<void>;
}

export class StartupError extends Error {}

const TOKEN_ERRORS: Record<string, string> = {
  invalid_auth: 'SLACK_BOT_TOKEN was rejected by Slack (invalid_auth): copy the Bot User OAuth Token again from OAuth & Permissions.',
  not_authed: 'SLACK_BOT_TOKEN was not sent or is empty (not_authed): set it in .env.',
  account_inactive: 'SLACK_BOT_TOKEN belongs to a deleted app or user (account_inactive): reinstall the app and copy the new token.',
  token_revoked: 'SLACK_BOT_TOKEN was revoked (token_revoked): reinstall the app to the workspace and copy the new token.',
  token_expired: 'SLACK_BOT_TOKEN has expired (token_expired): turn off token rotation or refresh the token.',
};

function describeAuthError(error: unknown, apiUrl: string): string {
  const code = platformError(error);
  if (code) return TOKEN_ERRORS[code] ?? `Slack rejected SLACK_BOT_TOKEN at startup (${code}).`;
  return `Could not reach the Slack Web API at ${apiUrl} to check SLACK_BOT_TOKEN (${(error as Error).message}). Check the network or SLACK_API_URL.`;
}

export async function startSlackApp(options: SlackAppOptions): Promise<RunningSlackApp> {
  const { config, store, logger } = options;
  const oauth = config.oauth;
  if (oauth && (config.mode !== 'http' || !options.installations)) throw new StartupError('OAuth needs HTTP mode and an installation store.');
  if (!oauth && !config.botToken) throw new StartupError('SLACK_BOT_TOKEN is missing.');
  const apiUrl = config.slackApiUrl ?? 'https://slack.com/api/';
  const clientOptions: WebClientOptions = {
    ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
    // Retries and timeout: see src/slack-web.ts (at most 3 attempts per call).
    ...REPLY_CLIENT_OPTIONS,
    ...options.clientOptions,
  };
  const log = boltLogger(logger);
  const now = options.now ?? (() => new Date());
  const millis = () => now().getTime();
  // Bolt's authorize reads the installation on every request: through a cache of a few seconds
  // (installations/authorize-cache.ts). Installs and uninstalls go through it too, so this process
  // forgets a workspace's entry at once; the digest and the reports read the store itself.
  const authorizing = oauth ? new CachedInstallations(options.installations!, { ...options.authorizeCache, now: millis }) : undefined;

  let receiver: HTTPReceiver | undefined;
  // Each request's HTTP response, found again from the request Bolt hands to customPropertiesExtractor
  // (the same object), so protocol.ts can send a prepared body through it.
  const responses = new WeakMap<IncomingMessage, ServerResponse>();
  if (config.mode === 'http') {
    if (!config.signingSecret) throw new StartupError('SLACK_SIGNING_SECRET is missing.');
    receiver = new HTTPReceiver({
      signingSecret: config.signingSecret,
      endpoints: '/slack/events',
      bodyLimit: BODY_LIMIT_BYTES,
      logger: log,
      customPropertiesExtractor: (req) => ({ [HTTP_RESPONSE]: responses.get(req) }),
      ...(oauth ? oauthReceiverOptions(oauth, authorizing!, logger, config.slackApiUrl) : {}),
      customRoutes: [
        {
          path: '/healthz',
          method: ['GET'],
          handler: (_req, res) => {
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ ok: true, knowledgeVersion: store.current.version }));
          },
        },
      ],
    });
  }

  // Socket Mode opens its connection with apps.connections.open through its own Web API client;
  // giving it the same base URL keeps SLACK_API_URL true for every Web API call.
  const socketReceiver = receiver
    ? undefined
    : new SocketModeReceiver({
        appToken: config.appToken ?? '',
        logger: log,
        installerOptions: { clientOptions: config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {} },
      });
  const app = new App({
    // With OAuth no token: Bolt then authorizes every request from the receiver's installation store.
    ...(oauth ? {} : { token: config.botToken }),
    receiver: receiver ?? socketReceiver!,
    logger: log,
    clientOptions,
    deferInitialization: true,
    ignoreSelf: true,
    // Bolt's conversation store keeps per-conversation state in memory on every request; the
    // bot keeps none (and must not keep anything about conversations), so it is switched off.
    convoStore: false,
    // The handler is given the request's body too: a request Bolt could not authorize is answered there (unauthorized.ts).
    extendedErrorHandler: true,
  });

  let identity: { user_id?: string; bot_id?: string } = {};
  try {
    if (!oauth) identity = await app.client.auth.test();
    await app.init();
  } catch (error) {
    throw new StartupError(describeAuthError(error, apiUrl));
  }

  const activity = new Activity(logger);
  activity.start();
  const { pool } = options;
  if (pool && !config.sharedKey) throw new StartupError('TOKEN_ENCRYPTION_KEY is missing: replicas need it to share dedupe keys.');
  const dedupeKey = pool ? sharedHashKey(config.sharedKey!.key, 'dedupe') : undefined;
  // Shared by replicas in the database (a retry or a double click may reach another one), else in this process.
  const seenKeys = (scope: string): SeenKeys => (pool ? new SharedRecentKeys(pool, scope, dedupeKey!, HOUR, logger) : new RecentKeys(HOUR));
  const limiter: ReportLimits = pool ? new SharedReportLimiter(pool, sharedHashKey(config.sharedKey!.key, 'report-limits'), undefined, HOUR, logger) : new ReportLimiter(millis);
  const origins: ReportOriginMemory = pool ? new SharedReportOrigins(pool, sharedHashKey(config.sharedKey!.key, 'report-origins'), HOUR, logger) : new ReportOrigins(millis);
  const deps: ListenerDeps = {
    store,
    logger,
    activity,
    answeredMessages: seenKeys('answered'),
    helpedThreads: seenKeys('helped'),
    sharedPreviews: seenKeys('shared'),
    ...(options.digest ? { digest: options.digest } : {}),
    now,
    ...(oauth ? { uninstall: forgetter(options.installations!, authorizing!, options.forgetWorkspace, logger) } : {}),
    ...(config.maintainersChannel
      ? {
          reports: {
            channel: config.maintainersChannel,
            limiter,
            origins,
            ...(options.countReport ? { count: options.countReport } : {}),
            // With OAuth every workspace's reports go to the maintainers' workspace, with its token
            // (looked up at each report, so a reinstall's new token is used at once).
            ...(oauth && config.maintainersTeamId ? { client: maintainersClient(options.installations!, config.maintainersTeamId, clientOptions) } : {}),
          },
        }
      : {}),
  };
  // The listeners' router is an app.use that does not call next() for a request it routes: any
  // app.use added after this line would never see those requests. Add global middleware before it.
  registerListeners(app, deps);
  acknowledgeProtocolEvents(app, logger);
  app.error(async ({ error, body }: { error: Error & { code?: string }; body: unknown }) => {
    if (await handleUnauthorized({ error, body }, logger)) return;
    // The error's code and name say what failed; its message may quote a payload, so it stays out.
    logger.error({ code: (error as { code?: string }).code, name: error.name }, 'listener error');
  });

  let port: number | undefined;
  let stopServer: (() => Promise<void>) | undefined;
  if (receiver) {
    // Our own server in front of Bolt's request listener, so forged or malformed traffic is
    // turned away on its headers alone (see guard.ts) before Bolt reads a byte of the body.
    const http = receiver;
    const server = createServer((req, res) => {
      if (!guardRequest(req, res, logger)) return;
      responses.set(req, res);
      try {
        http.requestListener(req, res);
      } catch (error) {
        logger.warn({ reason: 'unroutable', name: (error as Error).name }, 'request rejected');
        if (!res.headersSent) res.writeHead(404);
        res.end();
      }
    });
    server.requestTimeout = 10_000;
    server.headersTimeout = 10_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, () => resolve());
    });
    port = (server.address() as AddressInfo).port;
    stopServer = () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2000).unref();
      });
  } else {
    await app.start();
  }
  logger.info(
    { mode: config.mode, ...(oauth ? { distribution: 'oauth' } : {}), knowledgeVersion: store.current.version, botUserId: identity.user_id, botId: identity.bot_id, ...(port ? { port } : {}) },
    'NoTech is running',
  );
  return {
    app,
    ...(port !== undefined ? { port } : {}),
    botUserId: identity.user_id ?? '',
    stop: async () => {
      await (stopServer ? stopServer() : app.stop());
      activity.stop();
    },
  };
}

/**
 * What an uninstall (or a revoked bot token) forgets: the workspace's installation (its token)
 * and then what the digest keeps for it. Logged with the team_id and enterprise_id only. The
 * deletion goes through `authorizing`, so this process stops using the token at once.
 */
function forgetter(
  installations: Installations,
  authorizing: Installations,
  forgetWorkspace: SlackAppOptions['forgetWorkspace'],
  logger: Logger,
): (workspace: Workspace, reason: string) => Promise<void> {
  return async (workspace, reason) => {
    const isEnterpriseInstall = workspace.isEnterpriseInstall === true;
    const query = { teamId: isEnterpriseInstall ? undefined : workspace.teamId, enterpriseId: workspace.enterpriseId, isEnterpriseInstall };
    // Whether there was one, so the log does not claim a deletion for a workspace that never installed (or uninstalled twice).
    // Read from the store itself: the cache may still hold what another replica deleted.
    const hadInstallation = await installations.fetchInstallation(query).then(
      () => true,
      (error: unknown) => !(error instanceof NotInstalledError),
    );
    await authorizing.deleteInstallation(query);
    await forgetWorkspace?.({ ...workspace, isEnterpriseInstall });
    logger.info(
      { install: 'uninstalled', reason, teamId: workspace.teamId ?? null, enterpriseId: workspace.enterpriseId ?? null, isEnterpriseInstall, hadInstallation },
      hadInstallation ? 'workspace forgotten: installation and digest data deleted' : 'uninstall event for a workspace with no installation: nothing installed to delete; its digest data, if any, deleted',
    );
  };
}

/** The maintainers' workspace's client (OAuth), with the reply retries (workspaceClients: a new one after a reinstall). */
function maintainersClient(installations: Installations, teamId: string, clientOptions: WebClientOptions): () => Promise<WebClient> {
  const clientOf = workspaceClients(installations, clientOptions);
  return () => clientOf({ teamId });
}
