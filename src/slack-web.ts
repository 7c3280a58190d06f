/**
 * The Slack Web API, one way for the whole bot: the retry policy of each client, what a failed
 * call's error code is, joining a channel, and reaching a person when a reply cannot go where
 * it was meant to. It imports nothing from src, so both src/slack and src/digest (siblings that
 * must not import each other) use it.
 *
 * How many HTTP attempts each call makes (retries are declared once, in the client):
 * - Replies to people (the Bolt app's client, `REPLY_CLIENT_OPTIONS`): every call, including
 *   chat.postMessage for a mention, the Share fallback, chat.postEphemeral, views.open,
 *   conversations.join and the startup auth.test, makes at most 3 attempts: the first and 2
 *   retries after a network error, a timeout (10 s) or an HTTP 5xx, 0.25–2 s apart; `ratelimited`
 *   is waited out (Retry-After) and counts as one of them. A Slack error answer (`ok: false`,
 *   e.g. not_in_channel) is never retried. No second layer retries on top.
 * - The digest (its own client, `DIGEST_CLIENT_OPTIONS`): 1 attempt per call, `ratelimited`
 *   rejected at once. src/digest/deliver.ts loops itself, up to 6 chat.postMessage attempts a
 *   run, because between tries it reads the channel's history to see whether the failed post
 *   landed after all (a second digest in a channel is worse than a late one).
 * - Bolt's `respond` (response_url) is not the Web API: 1 attempt, no retries.
 */
import type { KnownBlock } from '@slack/types';
import {
  ErrorCode,
  type ChatPostMessageArguments,
  type RetryOptions,
  type WebAPIHTTPError,
  type WebAPIPlatformError,
  type WebAPIRateLimitedError,
  type WebClient,
  type WebClientOptions,
} from '@slack/web-api';
import type { Logger } from 'pino';

/** Replies to people fail fast (at most 3 attempts) rather than retry for half an hour (the client's default). */
export const REPLY_RETRY: RetryOptions = { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2000 };

export const REPLY_CLIENT_OPTIONS: WebClientOptions = { retryConfig: REPLY_RETRY, timeout: 10_000 };

/** The digest sender retries itself, checking Slack's record between tries: the client never does. */
export const DIGEST_CLIENT_OPTIONS: WebClientOptions = { retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 15_000 };

/**
 * A failed Web API call in one word, safe to log (never a payload): Slack's own error for an
 * `ok: false` answer (`not_in_channel`, `invalid_auth` …), `http_<status>` for an HTTP error,
 * `ratelimited` when Slack said to wait, `slack_webapi_request_error` when Slack was not
 * reached (network, timeout); for a response_url post (Bolt's `respond`) `http_<status>` or the
 * network error's code (`ECONNRESET`); else `unknown_error`.
 */
export function errorCode(error: unknown): string {
  switch ((error as { code?: unknown } | undefined)?.code) {
    case ErrorCode.PlatformError:
      return (error as WebAPIPlatformError).data.error;
    case ErrorCode.HTTPError:
      return `http_${(error as WebAPIHTTPError).statusCode}`;
    case ErrorCode.RateLimitedError:
      return 'ratelimited';
    case ErrorCode.RequestError:
      return ErrorCode.RequestError;
    default:
      return otherErrorCode(error);
  }
}

/** Not the Web API client's: Bolt's `respond` (a response_url post through axios) or Node's network errors. */
function otherErrorCode(error: unknown): string {
  const e = error as { response?: { status?: unknown }; code?: unknown } | undefined;
  if (typeof e?.response?.status === 'number') return `http_${e.response.status}`;
  return typeof e?.code === 'string' && /^[A-Za-z0-9_]{1,40}$/.test(e.code) ? e.code : 'unknown_error';
}

/** Slack's own error when it answered `ok: false` (the request reached it and was refused), else undefined. */
export function platformError(error: unknown): string | undefined {
  return (error as { code?: unknown } | undefined)?.code === ErrorCode.PlatformError ? (error as WebAPIPlatformError).data.error : undefined;
}

/** Seconds Slack asked to wait (Retry-After) when it rate-limited the call, else undefined. */
export function retryAfterSeconds(error: unknown): number | undefined {
  return (error as { code?: unknown } | undefined)?.code === ErrorCode.RateLimitedError ? (error as WebAPIRateLimitedError).retryAfter : undefined;
}

export type Membership = 'joined' | 'member' | 'cannot';

/**
 * conversations.join: 'joined', 'member' (the bot was in already: Slack answers ok with an
 * `already_in_channel` warning) or 'cannot' (a private channel, a DM, an archived channel, a
 * missing scope: Slack's code is logged, the channel id is not).
 */
export async function joinChannel(client: WebClient, channel: string, logger: Logger): Promise<Membership> {
  try {
    const result = await client.conversations.join({ channel });
    const warnings = `${result.warning ?? ''} ${(result.response_metadata?.warnings ?? []).join(' ')}`;
    return warnings.includes('already_in_channel') ? 'member' : 'joined';
  } catch (error) {
    logger.info({ method: 'conversations.join', error: errorCode(error) }, 'cannot join channel');
    return 'cannot';
  }
}

/** chat.postMessage with the client's retries; a failure is logged (its code) and returned as false. */
export async function postMessage(client: WebClient, args: ChatPostMessageArguments, logger: Logger): Promise<boolean> {
  try {
    await client.chat.postMessage(args);
    return true;
  } catch (error) {
    logger.warn({ method: 'chat.postMessage', error: errorCode(error) }, 'Slack call failed');
    return false;
  }
}

/**
 * Reach the person who pressed a button when its response_url no longer can (expired after 30
 * minutes or 5 uses, or Slack failing): an ephemeral message in that conversation (the bot
 * must be a member), else, if `dm` is given, a DM from the bot (their user id as the channel,
 * which `chat:write` allows; shown in the app's Messages tab). Returns how it got through.
 */
export async function tellPrivately(
  client: WebClient,
  where: { channel: string | undefined; user: string },
  ephemeral: { text: string; blocks: KnownBlock[] },
  dm: { text: string; blocks: KnownBlock[] } | undefined,
  logger: Logger,
): Promise<'ephemeral' | 'dm' | undefined> {
  if (where.channel !== undefined) {
    try {
      await client.chat.postEphemeral({ channel: where.channel, user: where.user, ...ephemeral });
      return 'ephemeral';
    } catch (error) {
      logger.warn({ method: 'chat.postEphemeral', error: errorCode(error) }, 'Slack call failed');
    }
  }
  if (dm && (await postMessage(client, { channel: where.user, ...dm }, logger))) return 'dm';
  return undefined;
}
