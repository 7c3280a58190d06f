/**
 * The first look at every HTTP request, on headers alone. Bolt then verifies the signature
 * over the body. What this adds to Bolt:
 * - timestamps too far in the future are refused too (Bolt only refuses old ones);
 * - bodies over the limit are refused from Content-Length before being read;
 * - content types Slack never sends are refused (Bolt would try to parse them as JSON);
 * - every refusal is logged with its reason and never with the body.
 * The OAuth pages (GET /slack/install, /slack/oauth_redirect, with OAuth only) are unsigned by
 * nature (a browser opens them); a query longer than any Slack sends there is refused (414).
 * One unsigned request is let through, in exactly the shape Slack sends it: the `ssl_check=1`
 * form post with which Slack checks an HTTP app's certificate (no signature headers, a form
 * body of a few bytes). Bolt answers it 200 from the body alone and refuses, 401, any other
 * unsigned body, so letting the shape through opens nothing else.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';

/** Slack's payloads are a few kilobytes; 256 KiB leaves room and refuses floods (Bolt's default is 4 MB). */
export const BODY_LIMIT_BYTES = 256 * 1024;
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;
const SLACK_CONTENT_TYPES = new Set(['application/x-www-form-urlencoded', 'application/json']);
/** `token=…&ssl_check=1` is about 40 bytes; anything longer is not Slack's certificate check. */
export const SSL_CHECK_MAX_BYTES = 512;

/**
 * Slack's certificate check, by its headers: a form post (the exact content type Bolt reads
 * ssl_check from) with no signature or timestamp header and a short, declared length.
 */
function looksLikeSslCheck(req: Pick<IncomingMessage, 'headers'>): boolean {
  const { headers } = req;
  if (headers['content-type'] !== 'application/x-www-form-urlencoded') return false;
  if (headers['x-slack-signature'] !== undefined || headers['x-slack-request-timestamp'] !== undefined) return false;
  if (headers['transfer-encoding'] !== undefined || !/^\d{1,3}$/.test(headers['content-length'] ?? '')) return false;
  return Number(headers['content-length']) <= SSL_CHECK_MAX_BYTES;
}

export type RejectReason = 'missing-signature' | 'malformed-signature' | 'missing-timestamp' | 'timestamp-skew' | 'body-too-large' | 'content-type' | 'url-too-long';

/** The OAuth pages' paths (src/slack/oauth.ts), served by Bolt's InstallProvider. */
const OAUTH_PATHS = new Set(['/slack/install', '/slack/oauth_redirect']);
/** Slack's redirect carries a code (~100 characters) and our state (~400): 4 KiB is plenty. */
export const OAUTH_URL_MAX_CHARS = 4096;

export function checkHeaders(req: Pick<IncomingMessage, 'method' | 'url' | 'headers'>, nowSeconds: number): { status: number; reason: RejectReason } | undefined {
  const path = (req.url ?? '').split('?')[0]!;
  if (OAUTH_PATHS.has(path) && (req.url ?? '').length > OAUTH_URL_MAX_CHARS) return { status: 414, reason: 'url-too-long' };
  if (req.method !== 'POST' || path !== '/slack/events') return undefined; // Bolt answers (healthz, OAuth pages, 404s).
  const length = Number(req.headers['content-length'] ?? '0');
  if (Number.isFinite(length) && length > BODY_LIMIT_BYTES) return { status: 413, reason: 'body-too-large' };
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (!SLACK_CONTENT_TYPES.has(contentType)) return { status: 415, reason: 'content-type' };
  if (looksLikeSslCheck(req)) return undefined; // Bolt answers 200 to ssl_check=1, 401 to anything else.
  const signature = req.headers['x-slack-signature'];
  const timestamp = req.headers['x-slack-request-timestamp'];
  if (typeof timestamp !== 'string' || timestamp === '') return { status: 401, reason: 'missing-timestamp' };
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) return { status: 401, reason: 'timestamp-skew' };
  if (typeof signature !== 'string' || signature === '') return { status: 401, reason: 'missing-signature' };
  if (!/^v0=[0-9a-f]{64}$/.test(signature)) return { status: 401, reason: 'malformed-signature' };
  return undefined;
}

/** True to pass the request on; false when it was refused (and answered) here. */
export function guardRequest(req: IncomingMessage, res: ServerResponse, logger: Logger, nowSeconds = Math.floor(Date.now() / 1000)): boolean {
  const refusal = checkHeaders(req, nowSeconds);
  if (!refusal) return true;
  logger.warn({ reason: refusal.reason, status: refusal.status, contentLength: req.headers['content-length'] ?? null }, 'request rejected');
  res.writeHead(refusal.status, { connection: 'close' });
  res.end();
  req.resume(); // Drain without keeping the body.
  return false;
}
