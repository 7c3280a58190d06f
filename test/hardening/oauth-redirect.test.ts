/**
 * Issue 17: the OAuth pages take unsigned browser requests, so they must refuse what Slack would
 * never send: a forged, foreign or expired state, a missing code, a cancelled install, huge
 * parameters. Each refusal is a clear page, calls no Slack method, stores nothing, reflects
 * nothing of the request and logs no code or state.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/app-harness.js';
import { beginInstall, forgeState, OAUTH_ENV, redirect } from '../support/oauth-browser.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: OAUTH_ENV });
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.slack.reset();
});

const CODE = '9999.8888.a-real-looking-code';
const installed = () => (existsSync(h.installations!.path) ? Object.keys((JSON.parse(readFileSync(h.installations!.path, 'utf8')) as { installations: object }).installations) : []);
const q = (params: Record<string, string>) => new URLSearchParams(params).toString();

function expectRefused(page: { status: number; text: string; headers: Headers }, status: number, title: string): void {
  expect(page.status).toBe(status);
  expect(page.text).toContain(title);
  expect(page.text).toContain('href="/slack/install"');
  expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  expect(page.headers.get('cache-control')).toBe('no-store');
  expect(h.slack.callsTo('oauth.v2.access')).toHaveLength(0);
  expect(installed()).toEqual([]);
}

describe('the OAuth redirect refuses what Slack would not send', () => {
  it('a state signed with another secret (forged) → 400, even with a matching cookie', async () => {
    const forged = forgeState('not-our-state-secret-0123456789abcdef', new Date());
    expectRefused(await redirect(h.baseUrl, q({ code: CODE, state: forged }), `slack-app-oauth-state=${forged}`), 400, 'This install link has expired');
  });

  it('an expired state (11 minutes old, signed with our secret) → 400', async () => {
    const old = forgeState(OAUTH_ENV.SLACK_STATE_SECRET, new Date(Date.now() - 11 * 60 * 1000));
    expectRefused(await redirect(h.baseUrl, q({ code: CODE, state: old }), `slack-app-oauth-state=${old}`), 400, 'This install link has expired');
    // The same state freshly issued would pass: the refusal above is the age, not the forging helper.
    const fresh = forgeState(OAUTH_ENV.SLACK_STATE_SECRET, new Date());
    const page = await redirect(h.baseUrl, q({ code: CODE, state: fresh }), `slack-app-oauth-state=${fresh}`);
    expect(page.status).toBe(502); // Slack (the fake) does not know this code: invalid_code.
    expect(h.slack.callsTo('oauth.v2.access')).toHaveLength(1);
    expect(installed()).toEqual([]);
  });

  it('a genuine state without its cookie (another browser: login CSRF) → 400', async () => {
    const start = await beginInstall(h.baseUrl);
    expectRefused(await redirect(h.baseUrl, q({ code: CODE, state: start.state })), 400, 'This install link has expired');
    const other = await beginInstall(h.baseUrl);
    expectRefused(await redirect(h.baseUrl, q({ code: CODE, state: start.state }), other.cookie), 400, 'This install link has expired');
  });

  it('no state at all → 400; no code → 400', async () => {
    expectRefused(await redirect(h.baseUrl, q({ code: CODE })), 400, 'This install link has expired');
    const start = await beginInstall(h.baseUrl);
    expectRefused(await redirect(h.baseUrl, q({ state: start.state }), start.cookie), 400, 'Installation not completed');
  });

  it('the person clicked Cancel (error=access_denied) → a page saying nothing was installed', async () => {
    const start = await beginInstall(h.baseUrl);
    expectRefused(await redirect(h.baseUrl, q({ error: 'access_denied', state: start.state }), start.cookie), 200, 'Installation cancelled');
  });

  it('huge parameters are refused before Bolt reads them (414 here, 431 from Node past 16 KiB)', async () => {
    const start = await beginInstall(h.baseUrl);
    const big = await fetch(`${h.baseUrl}/slack/oauth_redirect?${q({ code: 'x'.repeat(5000), state: start.state })}`, { headers: { cookie: start.cookie } });
    expect(big.status).toBe(414);
    const huge = await fetch(`${h.baseUrl}/slack/oauth_redirect?${q({ code: 'x'.repeat(20_000), state: start.state })}`, { headers: { cookie: start.cookie } }).catch(() => undefined);
    expect(huge === undefined || huge.status === 431).toBe(true);
    expect(h.slack.callsTo('oauth.v2.access')).toHaveLength(0);
    expect(installed()).toEqual([]);
  });

  it('markup in the parameters is never reflected in the page', async () => {
    const start = await beginInstall(h.baseUrl);
    const page = await redirect(h.baseUrl, q({ code: '<script>alert(1)</script>', state: `${start.state}<img src=x>` }), start.cookie);
    expect(page.status).toBe(400);
    expect(page.text).not.toContain('<script>');
    expect(page.text).not.toContain('<img');
    const page2 = await redirect(h.baseUrl, q({ error: '<b>bad</b>', state: start.state }), start.cookie);
    expect(page2.text).not.toContain('<b>bad');
  });

  it('a code Slack does not accept (already used, or invented) → 502, nothing stored', async () => {
    const start = await beginInstall(h.baseUrl);
    const page = await redirect(h.baseUrl, q({ code: CODE, state: start.state }), start.cookie);
    expect(page.status).toBe(502);
    expect(page.text).toContain('Installation failed');
    expect(installed()).toEqual([]);
  });

  it('other methods on the OAuth paths are not served', async () => {
    const response = await fetch(`${h.baseUrl}/slack/install`, { method: 'POST', body: 'x', headers: { 'content-type': 'text/plain' } });
    expect(response.status).toBe(404);
  });

  it('no refusal logged a code or a state, and each logged its reason as one word', () => {
    const refusals = h.logs.filter((line) => line.includes('"install":"failed"'));
    expect(refusals.length).toBeGreaterThanOrEqual(8);
    for (const line of refusals) expect((JSON.parse(line) as { code: string }).code).toMatch(/^slack_[a-z_]+$/);
    for (const line of h.logs) {
      expect(line).not.toContain(CODE);
      expect(line).not.toContain('<script>');
      expect(line).not.toContain(OAUTH_ENV.SLACK_CLIENT_SECRET);
    }
  });
});
