/**
 * A browser going through NoTech's OAuth install: open /slack/install (which sets the state
 * cookie and links to Slack's authorize page), then come back to /slack/oauth_redirect with the
 * code Slack gives and the same cookie. Also forges states, for the refusal tests.
 */
import { createHmac, randomBytes } from 'node:crypto';

export const OAUTH_ENV = {
  SLACK_BOT_TOKEN: '',
  SLACK_CLIENT_ID: '1111111111.2222222222',
  SLACK_CLIENT_SECRET: 'c0ffee00c0ffee00c0ffee00c0ffee00',
  SLACK_STATE_SECRET: 'state-secret-for-tests-0123456789abcdef',
  TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
};

export const STATE_COOKIE = 'slack-app-oauth-state';

export interface InstallStart {
  status: number;
  html: string;
  /** Slack's authorize URL the page links to. */
  authorizeUrl: URL;
  state: string;
  /** The `name=value` of the state cookie, to send back. */
  cookie: string;
}

export async function beginInstall(baseUrl: string): Promise<InstallStart> {
  const response = await fetch(`${baseUrl}/slack/install`, { redirect: 'manual' });
  const html = await response.text();
  const href = /href="(https:[^"]+)"/.exec(html)?.[1] ?? '';
  const authorizeUrl = new URL(href.replace(/&amp;/g, '&'));
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
  return { status: response.status, html, authorizeUrl, state: authorizeUrl.searchParams.get('state') ?? '', cookie };
}

export async function redirect(baseUrl: string, query: string, cookie?: string): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await fetch(`${baseUrl}/slack/oauth_redirect?${query}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

/** A state as Bolt's ClearStateStore makes it (an HS256 JWT), with any secret and issue time. */
export function forgeState(secret: string, issuedAt: Date): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ installOptions: { scopes: ['commands'] }, now: issuedAt.toJSON(), random: 42, iat: Math.floor(issuedAt.getTime() / 1000) })}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}
