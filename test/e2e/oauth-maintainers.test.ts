/**
 * Issue 17 with issue 15's reports: one NoTech installed by OAuth in two workspaces, the
 * maintainers' channel in workspace A (MAINTAINERS_TEAM_ID). A report sent from workspace B is
 * posted in A's channel with A's token, the reporter is thanked in B with B's token, and the
 * monthly review goes to A's channel with A's token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/app-harness.js';
import type { OAuthGrant } from '../support/fake-slack.js';
import { beginInstall, OAUTH_ENV, redirect } from '../support/oauth-browser.js';
import { blockAction, FORM, signed, slashCommand, viewSubmission } from '../support/slack-requests.js';

const MAINTAINERS = 'C0MAINTAIN';
const A: OAuthGrant & { teamId: string } = { teamId: 'T0MAINTAI', botToken: 'xoxb-main-1111-maintainerstoken', botUserId: 'U0BOTMAIN', botId: 'B0BOTMAIN' };
const B: OAuthGrant & { teamId: string } = { teamId: 'T0CAMPAIG', botToken: 'xoxb-camp-2222-campaigntoken', botUserId: 'U0BOTCAMP', botId: 'B0BOTCAMP' };

let clock = new Date('2026-12-01T08:00:00Z');
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { ...OAUTH_ENV, MAINTAINERS_CHANNEL: MAINTAINERS, MAINTAINERS_TEAM_ID: A.teamId }, digest: true, now: () => clock });
  for (const [code, grant] of [['1.1.code-a', A], ['2.2.code-b', B]] as const) {
    h.slack.grants.set(code, grant);
    const start = await beginInstall(h.baseUrl);
    expect((await redirect(h.baseUrl, new URLSearchParams({ code, state: start.state }).toString(), start.cookie)).status).toBe(200);
  }
});
afterAll(async () => {
  await h.close();
});

/** A Slack interaction payload as workspace `team` sends it (the helpers build them for T0TEST). */
function fromTeam(form: string, team: string): string {
  const payload = new URLSearchParams(form).get('payload')!;
  return new URLSearchParams({ payload: payload.replaceAll('T0TEST', team) }).toString();
}
const tokenOf = (call: { authorization: string | undefined }) => call.authorization?.replace(/^Bearer /, '');

describe('reports and the monthly review with OAuth', () => {
  it('a report from workspace B is posted in the maintainers channel (workspace A) with A token; B is thanked with B token', async () => {
    const answer = await h.post(signed(slashCommand('elbit', h.slack.responseUrl('cmd'), { team_id: B.teamId }), FORM));
    const blocks = (answer.json() as { blocks: Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }> }).blocks;
    const report = blocks.flatMap((block) => block.elements ?? []).find((element) => element.action_id === 'notech_report')!;
    await h.post(signed(fromTeam(blockAction({ action_id: 'notech_report', value: report.value }, { responseUrl: h.slack.responseUrl('r') }), B.teamId), FORM));
    await h.slack.waitFor(() => h.slack.callsTo('views.open').length === 1);
    expect(tokenOf(h.slack.callsTo('views.open')[0]!)).toBe(B.botToken);
    const modal = h.slack.callsTo('views.open')[0]!.args.view as { callback_id: string; private_metadata: string };
    const values = {
      report_fact: { value: { type: 'static_select', selected_option: { text: { type: 'plain_text' as const, text: 'x' }, value: '' } } },
      report_text: { value: { type: 'plain_text_input', value: 'a figure looks old' } },
      report_url: { value: { type: 'plain_text_input', value: null } },
      report_who: { value: { type: 'radio_buttons', selected_option: { text: { type: 'plain_text' as const, text: 'x' }, value: 'anonymous' } } },
    };
    expect((await h.post(signed(fromTeam(viewSubmission(modal, values), B.teamId), FORM))).status).toBe(200);
    await h.slack.waitFor(() => h.slack.callsTo('chat.postMessage').some((call) => call.args.channel === MAINTAINERS));
    expect(h.slack.callsTo('chat.postMessage').filter((call) => call.args.channel === MAINTAINERS).map(tokenOf)).toEqual([A.botToken]);
    await h.slack.waitFor(() => h.slack.callsTo('chat.postEphemeral').length + h.slack.callsTo('chat.postMessage').filter((call) => String(call.args.channel).startsWith('U')).length === 1);
    const thanks = [...h.slack.callsTo('chat.postEphemeral'), ...h.slack.callsTo('chat.postMessage').filter((call) => String(call.args.channel).startsWith('U'))];
    expect(thanks.map(tokenOf)).toEqual([B.botToken]);
  });

  it('the monthly review is posted in the maintainers channel with A token', async () => {
    clock = new Date('2026-12-01T09:00:30Z');
    await h.digest!.scheduler.tick();
    const reviews = h.slack.callsTo('chat.postMessage').filter((call) => call.args.channel === MAINTAINERS && (call.args.metadata as { event_type?: string } | undefined)?.event_type === 'notech_review');
    expect(reviews.map(tokenOf)).toEqual([A.botToken]);
  });
});
