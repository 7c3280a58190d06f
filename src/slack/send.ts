/**
 * Posting answers to people when Slack misbehaves. The Web API client already waits out
 * `ratelimited` (Retry-After) and retries network errors; a 5xx or a timeout gets one more try
 * here after a short pause. For a reply in a thread, a rare duplicate is better than silence.
 */
import type { ChatPostMessageArguments, WebClient } from '@slack/web-api';
import type { Logger } from 'pino';

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
