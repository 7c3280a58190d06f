/**
 * Settings from the environment (and .env), read once at start and validated. A wrong or
 * partial setting stops the process with one line per problem: the variable, what is wrong,
 * and how to fix it. Secret values are never echoed.
 *
 * The mode follows from what is set:
 *   SLACK_BOT_TOKEN + SLACK_APP_TOKEN       → Socket Mode
 *   SLACK_BOT_TOKEN + SLACK_SIGNING_SECRET  → HTTP on PORT
 *   SLACK_CLIENT_ID + SLACK_CLIENT_SECRET + SLACK_STATE_SECRET + TOKEN_ENCRYPTION_KEY
 *     + SLACK_SIGNING_SECRET                → HTTP on PORT, installable to many workspaces (OAuth)
 *   no Slack settings at all                → the local console (no account needed)
 * One workspace (a bot token) or many (OAuth), never both: Bolt takes one or the other.
 */
import { dirname, basename, join } from 'node:path';
import { z } from 'zod';
import { parseTokenKey, TokenKeyError, type TokenKey } from './installations/seal.js';
import { DEFAULT_KNOWLEDGE_FILE } from './knowledge/load.js';
import { isValidCron, isValidTimeZone } from './time.js';

export type Mode = 'console' | 'socket' | 'http';

/**
 * Distribution by OAuth (HTTP mode only): any workspace can install NoTech from /slack/install,
 * and each request is answered with its own workspace's bot token, kept encrypted at rest.
 */
export interface OAuthConfig {
  clientId: string;
  clientSecret: string;
  /** Signs the OAuth `state` parameter (CSRF protection of the install flow). */
  stateSecret: string;
  /** Seals bot tokens in the installation store (src/installations/seal.ts). */
  tokenKey: TokenKey;
  /** Where the file installation store keeps installations: next to STATE_FILE. */
  installationsFile: string;
}

export interface Config {
  mode: Mode;
  /** One workspace: its bot token. Absent with OAuth (tokens come from the installation store). */
  botToken?: string;
  /** Many workspaces: set when the OAuth settings are (HTTP mode only). */
  oauth?: OAuthConfig;
  appToken?: string;
  signingSecret?: string;
  port: number;
  slackApiUrl?: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  knowledgeFile: string;
  stateFile: string;
  digestSchedule: string;
  /** When the monthly review goes to MAINTAINERS_CHANNEL (cron, UTC); REVIEW_SCHEDULE, default 09:00 on the 1st. */
  reviewSchedule: string;
  digestTimezone: string;
  digestChannels: string[];
  adminUserIds: string[];
  /** Where "Report a problem" sends reports (a channel id); without it the button is not shown. */
  maintainersChannel?: string;
  /**
   * With OAuth: the workspace MAINTAINERS_CHANNEL is in (MAINTAINERS_TEAM_ID); reports from every
   * workspace and the monthly review are posted there with that workspace's token.
   */
  maintainersTeamId?: string;
  /**
   * PostgreSQL instead of STATE_FILE (DATABASE_URL): shared state for replicas. Never logged
   * (it may hold a password); `databaseLabel` (host, port, database) is what logs and errors say.
   */
  databaseUrl?: string;
  databaseLabel?: string;
  /**
   * With DATABASE_URL: TOKEN_ENCRYPTION_KEY, the key every replica shares. Hashes of dedupe keys
   * and report limits are keyed with keys derived from it (sharedHashKey in src/slack/dedupe.ts).
   */
  sharedKey?: TokenKey;
  /** How long a replica's claim on a digest run lasts without renewal, ms (DIGEST_CLAIM_LEASE_SECONDS, default 30 s). */
  claimLeaseMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

const optional = z
  .string()
  .transform((value) => value.trim())
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const idList = (prefixes: string, example: string) =>
  optional.transform((value, ctx) => {
    const ids = (value ?? '').split(/[\s,]+/).filter((id) => id !== '');
    for (const id of ids) {
      if (!new RegExp(`^[${prefixes}][A-Z0-9]{2,}$`).test(id)) {
        ctx.addIssue({ code: 'custom', message: `"${id}" is not a Slack id (like ${example}); list ids separated by commas` });
      }
    }
    return ids;
  });

const EnvSchema = z.object({
  NOTECH_MODE: optional.pipe(z.enum(['console', 'socket', 'http'], { message: 'must be console, socket or http (or unset to choose from the Slack settings)' }).optional()),
  SLACK_BOT_TOKEN: optional.pipe(z.string().startsWith('xoxb-', 'must be a bot token starting with xoxb- (OAuth & Permissions → Bot User OAuth Token)').optional()),
  SLACK_APP_TOKEN: optional.pipe(z.string().startsWith('xapp-', 'must be an app-level token starting with xapp- (Basic Information → App-Level Tokens, scope connections:write)').optional()),
  SLACK_SIGNING_SECRET: optional.pipe(z.string().regex(/^[0-9a-f]{16,}$/i, 'must be the signing secret from Basic Information → App Credentials (hex characters)').optional()),
  SLACK_CLIENT_ID: optional.pipe(z.string().regex(/^\d+\.\d+$/, 'must be the Client ID from Basic Information → App Credentials (digits, a dot, digits)').optional()),
  SLACK_CLIENT_SECRET: optional.pipe(z.string().regex(/^[0-9a-f]{16,}$/i, 'must be the Client Secret from Basic Information → App Credentials (hex characters)').optional()),
  SLACK_STATE_SECRET: optional.pipe(z.string().min(32, 'must be a random string of at least 32 characters (generate one with: openssl rand -hex 32)').optional()),
  TOKEN_ENCRYPTION_KEY: optional.transform((value, ctx) => {
    if (value === undefined) return undefined;
    try {
      return parseTokenKey(value);
    } catch (error) {
      if (!(error instanceof TokenKeyError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.message });
      return z.NEVER;
    }
  }),
  PORT: optional.transform((value, ctx) => {
    if (value === undefined) return 3000;
    const port = Number(value);
    if (!/^\d+$/.test(value) || port > 65535) {
      ctx.addIssue({ code: 'custom', message: 'must be a port number between 1 and 65535 (0 picks any free port)' });
      return z.NEVER;
    }
    return port;
  }),
  SLACK_API_URL: optional.pipe(
    z
      .url({ protocol: /^https?$/, message: 'must be a URL like https://slack.com/api/ or http://127.0.0.1:8888/api/' })
      .transform((url) => (url.endsWith('/') ? url : `${url}/`))
      .optional(),
  ),
  LOG_LEVEL: optional.pipe(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'must be one of fatal, error, warn, info, debug, trace, silent' }).optional()),
  KNOWLEDGE_FILE: optional.pipe(z.string().default(DEFAULT_KNOWLEDGE_FILE)),
  STATE_FILE: optional.pipe(z.string().default('data/state.json')),
  DIGEST_SCHEDULE: optional.pipe(
    z
      .string()
      .refine(isValidCron, 'must be a cron expression with 5 fields (minute hour day month weekday), e.g. "0 9 * * 1" for Monday 09:00')
      .default('0 9 * * 1'),
  ),
  REVIEW_SCHEDULE: optional.pipe(
    z
      .string()
      .refine(isValidCron, 'must be a cron expression with 5 fields (minute hour day month weekday), e.g. "0 9 1 * *" for 09:00 UTC on the 1st of each month')
      .default('0 9 1 * *'),
  ),
  DIGEST_TIMEZONE: optional.pipe(z.string().refine(isValidTimeZone, 'must be an IANA time zone such as Europe/London or America/New_York').default('UTC')),
  DIGEST_CHANNELS: idList('CG', 'C0123ABCD'),
  ADMIN_USER_IDS: idList('UW', 'U0123ABCD'),
  MAINTAINERS_CHANNEL: optional.pipe(
    z
      .string()
      .regex(/^[CG][A-Z0-9]{2,}$/, 'must be one channel id like C0123ABCD (in Slack: open the channel, its name → About → Channel ID); unset it to hide "Report a problem"')
      .optional(),
  ),
  // PostgreSQL and replicas (issue 17).
  DATABASE_URL: optional.pipe(
    z
      .string()
      // No '#': a PostgreSQL URL has no fragment, so one is an unencoded password character, and what follows it would be read as host and port (and shown in errors).
      .refine((value) => /^postgres(ql)?:\/\/[^\s#]+$/.test(value) && URL.canParse(value), 'must be a PostgreSQL URL like postgres://notech:password@db.example.org:5432/notech, with @ : / # % in the password percent-encoded (unset it to keep state in STATE_FILE)')
      .optional(),
  ),
  DIGEST_CLAIM_LEASE_SECONDS: optional.transform((value, ctx) => {
    if (value === undefined) return 30;
    const seconds = Number(value);
    if (!Number.isFinite(seconds) || seconds < 0.5 || seconds > 600) {
      ctx.addIssue({ code: 'custom', message: 'must be a number of seconds between 0.5 and 600 (default 30)' });
      return z.NEVER;
    }
    return seconds;
  }),
  MAINTAINERS_TEAM_ID: optional.pipe(
    z
      .string()
      .regex(/^T[A-Z0-9]{2,}$/, 'must be the team id (T…) of the workspace MAINTAINERS_CHANNEL is in: in Slack in a browser, the T… in app.slack.com/client/T…/…')
      .optional(),
  ),
});

/** Host, port and database of a PostgreSQL URL: what may be logged (never the user or password). */
export function databaseLabel(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}${parsed.pathname || '/'}`;
}

/** Parse settings from an environment; throws ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${String(issue.path[0] ?? 'environment')} ${issue.message}. Fix it in .env or the environment.`),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  const oauthSettings = { SLACK_CLIENT_ID: e.SLACK_CLIENT_ID, SLACK_CLIENT_SECRET: e.SLACK_CLIENT_SECRET, SLACK_STATE_SECRET: e.SLACK_STATE_SECRET };
  const oauth = Object.values(oauthSettings).some((value) => value !== undefined);
  const anySlack = e.SLACK_BOT_TOKEN ?? e.SLACK_APP_TOKEN ?? e.SLACK_SIGNING_SECRET ?? (oauth ? 'oauth' : undefined);

  let mode: Mode;
  if (e.NOTECH_MODE) mode = e.NOTECH_MODE;
  else if (!anySlack) mode = 'console';
  else if (e.SLACK_APP_TOKEN) mode = 'socket';
  else mode = 'http';

  if (oauth) {
    problems.push(...oauthProblems(mode, e, oauthSettings));
  } else if (mode !== 'console') {
    if (!e.SLACK_BOT_TOKEN) {
      problems.push('SLACK_BOT_TOKEN is missing: Slack settings are present but no bot token (xoxb-…). Add it, or remove all SLACK_* settings to use the local console.');
    }
    if (mode === 'socket' && !e.SLACK_APP_TOKEN) {
      problems.push('SLACK_APP_TOKEN is missing: Socket Mode needs an app-level token (xapp-…). Add it, or set SLACK_SIGNING_SECRET for HTTP mode.');
    }
    if (mode === 'http' && !e.SLACK_SIGNING_SECRET) {
      problems.push('SLACK_SIGNING_SECRET is missing: HTTP mode needs the signing secret. Add it, or set SLACK_APP_TOKEN for Socket Mode.');
    }
  }
  if (e.DATABASE_URL && !e.TOKEN_ENCRYPTION_KEY) {
    problems.push('TOKEN_ENCRYPTION_KEY is missing: with DATABASE_URL, every replica must share one secret (it keys what is stored). Set it to the same random value on every replica, e.g. the output of: openssl rand -base64 32.');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    mode,
    ...(e.SLACK_BOT_TOKEN ? { botToken: e.SLACK_BOT_TOKEN } : {}),
    ...(oauth
      ? {
          oauth: {
            clientId: e.SLACK_CLIENT_ID!,
            clientSecret: e.SLACK_CLIENT_SECRET!,
            stateSecret: e.SLACK_STATE_SECRET!,
            tokenKey: e.TOKEN_ENCRYPTION_KEY!,
            installationsFile: installationsFileFor(e.STATE_FILE),
          },
        }
      : {}),
    ...(e.SLACK_APP_TOKEN ? { appToken: e.SLACK_APP_TOKEN } : {}),
    ...(e.SLACK_SIGNING_SECRET ? { signingSecret: e.SLACK_SIGNING_SECRET } : {}),
    port: e.PORT,
    ...(e.SLACK_API_URL ? { slackApiUrl: e.SLACK_API_URL } : {}),
    logLevel: e.LOG_LEVEL ?? (mode === 'console' ? 'warn' : 'info'),
    knowledgeFile: e.KNOWLEDGE_FILE,
    stateFile: e.STATE_FILE,
    digestSchedule: e.DIGEST_SCHEDULE,
    reviewSchedule: e.REVIEW_SCHEDULE,
    digestTimezone: e.DIGEST_TIMEZONE,
    digestChannels: e.DIGEST_CHANNELS,
    adminUserIds: e.ADMIN_USER_IDS,
    ...(e.MAINTAINERS_CHANNEL ? { maintainersChannel: e.MAINTAINERS_CHANNEL } : {}),
    ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL, databaseLabel: databaseLabel(e.DATABASE_URL) } : {}),
    ...(e.DATABASE_URL && e.TOKEN_ENCRYPTION_KEY ? { sharedKey: e.TOKEN_ENCRYPTION_KEY } : {}),
    claimLeaseMs: e.DIGEST_CLAIM_LEASE_SECONDS * 1000,
    ...(oauth && e.MAINTAINERS_TEAM_ID ? { maintainersTeamId: e.MAINTAINERS_TEAM_ID } : {}),
  };
}

/**
 * The installation store's file for a state file: beside it, named after it
 * (data/state.json → data/state.installations.json), so two bots with two state files never share one.
 */
export function installationsFileFor(stateFile: string): string {
  return join(dirname(stateFile), `${basename(stateFile).replace(/\.json$/i, '')}.installations.json`);
}

/** What is wrong with OAuth settings, one line each: they need HTTP mode, all of them, and no single-workspace token. */
function oauthProblems(
  mode: Mode,
  e: {
    SLACK_BOT_TOKEN?: string | undefined;
    SLACK_APP_TOKEN?: string | undefined;
    SLACK_SIGNING_SECRET?: string | undefined;
    TOKEN_ENCRYPTION_KEY?: TokenKey | undefined;
    DIGEST_CHANNELS: string[];
    MAINTAINERS_CHANNEL?: string | undefined;
    MAINTAINERS_TEAM_ID?: string | undefined;
  },
  settings: Record<string, string | undefined>,
): string[] {
  const problems: string[] = [];
  if (mode !== 'http' || e.SLACK_APP_TOKEN) {
    problems.push(
      'SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET (installing to many workspaces by OAuth) work only in HTTP mode: remove SLACK_APP_TOKEN (and NOTECH_MODE) and set SLACK_SIGNING_SECRET, or remove the OAuth settings to run Socket Mode for one workspace with SLACK_BOT_TOKEN.',
    );
  }
  for (const [name, value] of Object.entries(settings)) {
    if (value === undefined) problems.push(`${name} is missing: installing to many workspaces by OAuth needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET together. Add it, or remove the others to run for one workspace with SLACK_BOT_TOKEN.`);
  }
  if (e.SLACK_BOT_TOKEN) {
    problems.push('SLACK_BOT_TOKEN is set together with the OAuth settings (SLACK_CLIENT_ID…): choose one workspace (keep SLACK_BOT_TOKEN, remove the OAuth settings) or many (remove SLACK_BOT_TOKEN; each workspace installs from /slack/install).');
  }
  if (!e.TOKEN_ENCRYPTION_KEY) {
    problems.push('TOKEN_ENCRYPTION_KEY is missing: with OAuth, bot tokens are stored encrypted with this key. Generate one with: openssl rand -base64 32 (and keep it: tokens saved with it cannot be read without it).');
  }
  if (mode === 'http' && !e.SLACK_SIGNING_SECRET) {
    problems.push('SLACK_SIGNING_SECRET is missing: HTTP mode needs the signing secret (Basic Information → App Credentials).');
  }
  if (e.DIGEST_CHANNELS.length > 0) {
    problems.push('DIGEST_CHANNELS names channels of one workspace and works only with SLACK_BOT_TOKEN: with OAuth, each workspace subscribes its channels with /notech digest subscribe. Remove DIGEST_CHANNELS.');
  }
  if (e.MAINTAINERS_CHANNEL && !e.MAINTAINERS_TEAM_ID) {
    problems.push(
      'MAINTAINERS_TEAM_ID is missing: with OAuth, MAINTAINERS_CHANNEL needs the team id (T…) of the workspace it is in, whose token posts reports and the monthly review. Add it, or remove MAINTAINERS_CHANNEL.',
    );
  }
  return problems;
}
