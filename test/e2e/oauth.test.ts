/**
 * Issue 17: one NoTech installed by OAuth to two workspaces, end to end: the real Bolt app over
 * signed HTTP, the fake Slack answering oauth.v2.access, each workspace answered (commands,
 * mentions, digests) with its own token, and an uninstall deleting that workspace's data only.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/app-harness.js';
import type { OAuthGrant } from '../support/fake-slack.js';
import { beginInstall, OAUTH_ENV, redirect } from '../support/oauth-browser.js';
import { expectNoPrivateData } from '../support/privacy.js';
import { eventCallback, FORM, JSON_TYPE, mentionEvent, signed, slashCommand } from '../support/slack-requests.js';

const A: OAuthGrant & { teamId: string; channel: string } = { teamId: 'T0AAAAAAA', botToken: 'xoxb-aaaa-1111-workspaceAtoken', botUserId: 'U0BOTAAAA', botId: 'B0BOTAAAA', installerId: 'U0INSTALLA', channel: 'C0CHANAAA' };
const B: OAuthGrant & { teamId: string; channel: string } = { teamId: 'T0BBBBBBB', botToken: 'xoxb-bbbb-2222-workspaceBtoken', botUserId: 'U0BOTBBBB', botId: 'B0BOTBBBB', installerId: 'U0INSTALLB', channel: 'C0CHANBBB' };
const CODES = { [A.teamId]: '1111.2222.code-for-workspace-a', [B.teamId]: '3333.4444.code-for-workspace-b' };

let clock = new Date('2026-11-30T08:00:00Z'); // a Monday; the default digest runs Mondays 09:00 UTC
let h: Harness;
const states: string[] = [];

beforeAll(async () => {
  h = await startHarness({ env: OAUTH_ENV, digest: true, now: () => clock });
});
afterAll(async () => {
  await h.close();
  // At every level (debug included): no code, state, token, client or state secret, installer.
  const secrets = [...Object.values(CODES), ...states, 'xoxb-', OAUTH_ENV.SLACK_CLIENT_SECRET, OAUTH_ENV.SLACK_STATE_SECRET, OAUTH_ENV.TOKEN_ENCRYPTION_KEY, 'U0INSTALLA', 'U0INSTALLB'];
  for (const line of h.logs) {
    for (const secret of secrets) expect(line.includes(secret), `log line contains "${secret}": ${line.slice(0, 300)}`).toBe(false);
  }
  expectNoPrivateData(h.logs);
});


async function install(workspace: OAuthGrant & { teamId: string }): Promise<void> {
  h.slack.grants.set(CODES[workspace.teamId]!, workspace);
  const start = await beginInstall(h.baseUrl);
  expect(start.status).toBe(200);
  expect(start.html).toContain('Add to Slack');
  expect(start.cookie).toMatch(/^slack-app-oauth-state=.+/);
  expect(start.authorizeUrl.searchParams.get('client_id')).toBe(OAUTH_ENV.SLACK_CLIENT_ID);
  expect(start.authorizeUrl.searchParams.get('scope')).toBe('app_mentions:read,channels:history,channels:join,chat:write,commands,groups:history,im:history');
  states.push(start.state);
  const done = await redirect(h.baseUrl, new URLSearchParams({ code: CODES[workspace.teamId]!, state: start.state }).toString(), start.cookie);
  expect(done.status).toBe(200);
  expect(done.text).toContain('NoTech is installed');
}

const tokenOf = (call: { authorization: string | undefined }) => call.authorization?.replace(/^Bearer /, '');

async function subscribe(workspace: { teamId: string; channel: string }): Promise<void> {
  const responseId = `sub-${workspace.teamId}`;
  const body = slashCommand('digest subscribe', h.slack.responseUrl(responseId), { team_id: workspace.teamId, channel_id: workspace.channel });
  expect((await h.post(signed(body, FORM))).status).toBe(200);
  await h.slack.waitFor(() => h.slack.responsePosts.some((post) => post.id === responseId));
}

async function mention(workspace: { teamId: string; channel: string }): Promise<void> {
  const response = await h.post(signed(eventCallback(mentionEvent('elbit', { channel: workspace.channel }), undefined, workspace.teamId), JSON_TYPE));
  expect(response.status).toBe(200);
}

const repliesIn = (channel: string) => h.slack.callsTo('chat.postMessage').filter((call) => call.args.channel === channel);

describe('OAuth: two workspaces, each answered with its own token', () => {
  it('installs to two workspaces; tokens kept sealed, nothing about the installer', async () => {
    await install(A);
    await install(B);
    expect(h.slack.callsTo('oauth.v2.access')).toHaveLength(2);
    const file = readFileSync(h.installations!.path, 'utf8');
    expect(Object.keys((JSON.parse(file) as { installations: object }).installations).sort()).toEqual([`team:${A.teamId}`, `team:${B.teamId}`]);
    for (const absent of ['xoxb-', 'U0INSTALLA', 'U0INSTALLB', 'A campaign workspace', CODES[A.teamId]!]) expect(file).not.toContain(absent);
  });

  it('a slash command from each workspace acts with that workspace token (digest subscribe joins the channel)', async () => {
    await subscribe(A);
    await subscribe(B);
    const joins = h.slack.callsTo('conversations.join');
    expect(joins.filter((call) => call.args.channel === A.channel).map(tokenOf)).toEqual([A.botToken]);
    expect(joins.filter((call) => call.args.channel === B.channel).map(tokenOf)).toEqual([B.botToken]);
    const state = JSON.parse(readFileSync(h.stateFile, 'utf8')) as { subscriptions: Record<string, { teamId?: string }> };
    expect(state.subscriptions[A.channel]?.teamId).toBe(A.teamId);
    expect(state.subscriptions[B.channel]?.teamId).toBe(B.teamId);
  });

  it('a mention in each workspace is answered with that workspace token', async () => {
    await mention(A);
    await mention(B);
    await h.slack.waitFor(() => repliesIn(A.channel).length === 1 && repliesIn(B.channel).length === 1);
    expect(repliesIn(A.channel).map(tokenOf)).toEqual([A.botToken]);
    expect(repliesIn(B.channel).map(tokenOf)).toEqual([B.botToken]);
  });

  it('the digest is posted in each workspace with its own token', async () => {
    clock = new Date('2026-11-30T09:00:30Z');
    await h.digest!.scheduler.tick();
    expect(h.slack.digestsIn(A.channel)).toHaveLength(1);
    expect(h.slack.digestsIn(B.channel)).toHaveLength(1);
    const digestPosts = h.slack.callsTo('chat.postMessage').filter((call) => call.args.metadata !== undefined);
    expect(digestPosts.filter((call) => call.args.channel === A.channel).map(tokenOf)).toEqual([A.botToken]);
    expect(digestPosts.filter((call) => call.args.channel === B.channel).map(tokenOf)).toEqual([B.botToken]);
  });

  it('a revoked user token changes nothing (none is kept)', async () => {
    const response = await h.post(signed(eventCallback({ type: 'tokens_revoked', tokens: { oauth: ['U0SOMEONE'] } }, undefined, B.teamId), JSON_TYPE));
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(readFileSync(h.installations!.path, 'utf8')).toContain(`team:${B.teamId}`);
  });

  it('app_uninstalled deletes that workspace installation, subscriptions and delivery log; the other works on', async () => {
    const response = await h.post(signed(eventCallback({ type: 'app_uninstalled' }, undefined, A.teamId), JSON_TYPE));
    expect(response.status).toBe(200);
    await expect.poll(() => readFileSync(h.installations!.path, 'utf8').includes(`team:${A.teamId}`)).toBe(false);
    await expect.poll(() => Object.keys((JSON.parse(readFileSync(h.stateFile, 'utf8')) as { subscriptions: object }).subscriptions)).toEqual([B.channel]);
    const state = JSON.parse(readFileSync(h.stateFile, 'utf8')) as { channels: Record<string, unknown> };
    expect(Object.keys(state.channels)).toEqual([B.channel]);
    expect(readFileSync(h.installations!.path, 'utf8')).toContain(`team:${B.teamId}`);

    // A is no longer answered (Bolt finds no installation); B is, with its own token.
    const before = repliesIn(A.channel).length;
    await mention(A);
    await mention(B);
    await h.slack.waitFor(() => repliesIn(B.channel).length === 2);
    expect(repliesIn(A.channel)).toHaveLength(before);
    expect(repliesIn(B.channel).map(tokenOf)).toEqual([B.botToken, B.botToken]);

    // Next week's digest: B only.
    clock = new Date('2026-12-07T09:00:30Z');
    await h.digest!.scheduler.tick();
    expect(h.slack.digestsIn(A.channel)).toHaveLength(1);
    expect(h.slack.digestsIn(B.channel)).toHaveLength(2);
  });

  it('tokens_revoked for the bot forgets the workspace too', async () => {
    const response = await h.post(signed(eventCallback({ type: 'tokens_revoked', tokens: { bot: [B.botUserId] } }, undefined, B.teamId), JSON_TYPE));
    expect(response.status).toBe(200);
    await expect.poll(() => readFileSync(h.installations!.path, 'utf8').includes(`team:${B.teamId}`)).toBe(false);
    await expect.poll(() => Object.keys((JSON.parse(readFileSync(h.stateFile, 'utf8')) as { subscriptions: object }).subscriptions)).toEqual([]);
    await expect.poll(() => h.logs.some((line) => line.includes('"install":"uninstalled"') && line.includes('tokens_revoked'))).toBe(true);
  });
});

describe('OAuth: an Enterprise Grid org-wide install answers every workspace of the org with the org token', () => {
  const ORG: OAuthGrant & { enterpriseId: string } = { enterpriseId: 'E0ORGORGO', isEnterpriseInstall: true, botToken: 'xoxb-org0-3333-orgwidetoken', botUserId: 'U0BOTORG0', botId: 'B0BOTORG0', installerId: 'U0INSTALLO' };
  const TEAM = 'T0INORG01';
  const CHANNEL = 'C0ORGCHAN';
  const orgEvent = (inner: Record<string, unknown>) =>
    JSON.stringify({
      token: 'deprecated',
      team_id: TEAM,
      enterprise_id: ORG.enterpriseId,
      api_app_id: 'A0NOTECH',
      event: { event_ts: `${Date.now() / 1000}`, ...inner },
      type: 'event_callback',
      event_id: `Ev${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
      event_time: Math.floor(Date.now() / 1000),
      is_ext_shared_channel: false,
      authorizations: [{ enterprise_id: ORG.enterpriseId, team_id: null, user_id: 'U0BOTORG0', is_bot: true, is_enterprise_install: true }],
    });

  it('installs org-wide, keyed by enterprise_id', async () => {
    h.slack.grants.set('5555.6666.org-code', ORG);
    const start = await beginInstall(h.baseUrl);
    states.push(start.state);
    const done = await redirect(h.baseUrl, new URLSearchParams({ code: '5555.6666.org-code', state: start.state }).toString(), start.cookie);
    expect(done.status).toBe(200);
    expect(Object.keys((JSON.parse(readFileSync(h.installations!.path, 'utf8')) as { installations: object }).installations)).toContain(`enterprise:${ORG.enterpriseId}`);
  });

  it('a command and a mention in a workspace of the org act with the org token; the digest too', async () => {
    clock = new Date('2026-12-14T08:00:00Z');
    const body = slashCommand('digest subscribe', h.slack.responseUrl('sub-org'), { team_id: TEAM, enterprise_id: ORG.enterpriseId, is_enterprise_install: 'true', channel_id: CHANNEL });
    expect((await h.post(signed(body, FORM))).status).toBe(200);
    await h.slack.waitFor(() => h.slack.responsePosts.some((post) => post.id === 'sub-org'));
    expect(h.slack.callsTo('conversations.join').filter((call) => call.args.channel === CHANNEL).map(tokenOf)).toEqual([ORG.botToken]);
    const state = JSON.parse(readFileSync(h.stateFile, 'utf8')) as { subscriptions: Record<string, { teamId?: string; enterpriseId?: string }> };
    expect(state.subscriptions[CHANNEL]).toMatchObject({ teamId: TEAM, enterpriseId: ORG.enterpriseId });

    expect((await h.post(signed(orgEvent(mentionEvent('elbit', { channel: CHANNEL })), JSON_TYPE))).status).toBe(200);
    await h.slack.waitFor(() => repliesIn(CHANNEL).length === 1);
    expect(repliesIn(CHANNEL).map(tokenOf)).toEqual([ORG.botToken]);

    clock = new Date('2026-12-14T09:00:30Z');
    await h.digest!.scheduler.tick();
    expect(h.slack.digestsIn(CHANNEL)).toHaveLength(1);
    expect(repliesIn(CHANNEL).map(tokenOf)).toEqual([ORG.botToken, ORG.botToken]);
  });

  it('the org uninstalling deletes the org installation and its workspaces subscriptions', async () => {
    expect((await h.post(signed(orgEvent({ type: 'app_uninstalled' }), JSON_TYPE))).status).toBe(200);
    await expect.poll(() => readFileSync(h.installations!.path, 'utf8').includes(`enterprise:${ORG.enterpriseId}`)).toBe(false);
    await expect.poll(() => Object.keys((JSON.parse(readFileSync(h.stateFile, 'utf8')) as { subscriptions: object }).subscriptions)).toEqual([]);
  });
});
