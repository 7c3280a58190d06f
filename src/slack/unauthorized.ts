/**
 * A request Bolt could not authorize (OAuth): its workspace has no installation (NoTech was
 * uninstalled, or the installations were deleted after losing TOKEN_ENCRYPTION_KEY), or the
 * installation store could not be read (the database is down). Bolt then acknowledges with an
 * empty body and calls no listener: without this, a person's `/notech` gets no answer at all
 * and the log says only "listener error". Here: one warning naming the workspace (team_id,
 * enterprise_id) and the reason, and, where Slack gave a response_url (commands, buttons,
 * shortcuts), a private line telling the person. Nothing about the person is logged.
 */
import type { Logger } from 'pino';
import { detectLang } from '../knowledge/normalize.js';
import { t } from '../messages/strings/index.js';
import { NotInstalledError } from '../installations/store.js';

/** What Bolt's extended error handler is given: the error and the request's body. */
export interface FailedRequest {
  error: Error & { code?: string };
  body?: unknown;
}

/** Bolt's code for an authorize() that threw (its AuthorizationError). */
export const AUTHORIZATION_ERROR = 'slack_bolt_authorization_error';

/** The first error in Bolt's and @slack/oauth's `original` chain that is not an authorization wrapper. */
function rootCause(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5; depth += 1) {
    const original = (current as { original?: unknown } | undefined)?.original;
    if (original === undefined) break;
    current = original;
  }
  return current;
}

/** A Slack id field of the body (`team_id`, or `team.id` in interactive payloads), when it looks like one. */
function idIn(body: Record<string, unknown>, field: 'team' | 'enterprise'): string | null {
  const nested = body[field];
  const value = body[`${field}_id`] ?? (nested && typeof nested === 'object' ? (nested as { id?: unknown }).id : undefined);
  return typeof value === 'string' && /^[TE][A-Z0-9]{2,20}$/.test(value) ? value : null;
}

/**
 * Handle a request that failed authorization: log why, and tell the person through the
 * response_url when there is one (one attempt; a failure is logged as its HTTP status or
 * network code). Returns false (doing nothing) for any other error.
 */
export async function handleUnauthorized(failed: FailedRequest, logger: Logger): Promise<boolean> {
  if (failed.error.code !== AUTHORIZATION_ERROR) return false;
  const body = failed.body && typeof failed.body === 'object' ? (failed.body as Record<string, unknown>) : {};
  const cause = rootCause(failed.error);
  const notInstalled = cause instanceof NotInstalledError;
  const where = { teamId: idIn(body, 'team'), enterpriseId: idIn(body, 'enterprise') };
  if (notInstalled) {
    logger.warn({ ...where, reason: 'not_installed' }, 'request from a workspace where NoTech is not installed: not answered (it must install NoTech again from /slack/install)');
  } else {
    // The store failed (e.g. PostgreSQL unreachable): its code or class name only, never its message.
    const code = (cause as NodeJS.ErrnoException | undefined)?.code ?? (cause as Error | undefined)?.name ?? 'unknown';
    logger.error({ ...where, reason: 'installation_store_failed', error: String(code).slice(0, 60) }, 'request not answered: the installation store could not be read');
  }
  const responseUrl = body.response_url;
  if (notInstalled && typeof responseUrl === 'string' && /^https?:\/\//.test(responseUrl)) {
    const lang = typeof body.text === 'string' ? (detectLang(body.text) ?? 'en') : 'en';
    try {
      const response = await fetch(responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text: t(lang).notInstalled }),
        signal: AbortSignal.timeout(5000),
      });
      if (!response.ok) logger.warn({ ...where, error: `http_${response.status}` }, 'could not tell the person NoTech is not installed');
    } catch (error) {
      logger.warn({ ...where, error: (error as NodeJS.ErrnoException).code ?? (error as Error).name }, 'could not tell the person NoTech is not installed');
    }
  }
  return true;
}
