/**
 * Posting answers to people when Slack misbehaves. The Web API client already waits out
 * `ratelimited` (Retry-After) and retries network errors; a 5xx or a timeout gets one more try
 * here after a short pause. For a reply in a thread, a rare duplicate is better than silence.
 */
import type { ChatPostMessageArguments, WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { SlackMessage } from '../messages/types.js';

export function slackErrorCode(error: unknown): string {
  const e = error as { data?: { error?: string }; statusCode?: number; code?: string };
  return e.data?.error ?? (e.statusCode ? `http_${e.statusCode}` : e.code ?? 'unknown_error');
}

function transient(code: string): boolean {
  return code.startsWith('http_5') || code === 'slack_webapi_request_error' || code === 'ratelimited' || code === 'slack_webapi_rate_limited_error';
}

export async function postMessageWithRetry(client: WebClient, args: ChatPostMessageArguments, logger: Logger, pauseMs = 500): Promise<boolean> {
  for (let attempt = 1; attempt <= 2; attempt += 1) {
    try {
      await client.chat.postMessage(args);
      return true;
    } catch (error) {
      const code = slackErrorCode(error);
      logger.warn({ method: 'chat.postMessage', attempt, error: code }, 'Slack call failed');
      if (!transient(code) || attempt === 2) return false;
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
  return false;
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
  ephemeral: SlackMessage,
  dm: SlackMessage | undefined,
  logger: Logger,
): Promise<'ephemeral' | 'dm' | undefined> {
  if (where.channel !== undefined) {
    try {
      await client.chat.postEphemeral({ channel: where.channel, user: where.user, ...ephemeral });
      return 'ephemeral';
    } catch (error) {
      logger.warn({ method: 'chat.postEphemeral', error: slackErrorCode(error) }, 'Slack call failed');
    }
  }
  if (dm && (await postMessageWithRetry(client, { channel: where.user, ...dm }, logger))) return 'dm';
  return undefined;
}
