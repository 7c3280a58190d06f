/**
 * Issue 15, the trust loop, over signed HTTP against the fake Slack: "Report a problem" on every
 * card (button → views.open → view_submission → one message in the maintainers' channel and a
 * private confirmation), its refusals (a URL that is not https, the sixth report in an hour),
 * hostile text, and no button at all without MAINTAINERS_CHANNEL. Review dates with an injected
 * clock: the stale banner on every card in English and Arabic, and the marks in `/notech list`.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { readStateFile } from '../../src/digest/state.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { escapeMrkdwn, unsafeSequences } from '../../src/messages/escape.js';
import { checkMessage, checkView, type ModalLike } from '../../src/messages/limits.js';
import type { SlackMessage } from '../../src/messages/types.js';
import { realKnowledge } from '../helpers/knowledge.js';
import { startHarness, type Harness } from '../support/app-harness.js';
import { FORBIDDEN_IN_MESSAGES, hostileText, shown } from '../support/hostile.js';
import { expectNoPrivateData } from '../support/privacy.js';
import { blockAction, eventCallback, FORM, JSON_TYPE, mentionEvent, signed, slashCommand, viewSubmission, type ViewStateValue } from '../support/slack-requests.js';

const knowledge = realKnowledge();
const MAINTAINERS = 'C0MAINTAIN';
const elbitIndex = knowledge.entries.findIndex((entry) => entry.id === 'elbit-systems');
const elbit = knowledge.entries[elbitIndex]!;

/** The injected clock: every entry was verified on 2026-11-30; the file's interval is 180 days. */
let today = new Date('2027-01-10T12:00:00Z');
const FRESH = new Date('2027-01-10T12:00:00Z');
/** 244 days after 2026-11-30: 64 days overdue, "8 months ago". */
const STALE = new Date('2027-08-01T09:00:00Z');

let h: Harness;
let off: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { MAINTAINERS_CHANNEL: MAINTAINERS }, now: () => today });
  off = await startHarness({ now: () => today });
});
afterAll(async () => {
  await h.close();
  await off.close();
  // Reporters' ids and what they typed never reach a log line at info or above.
  const { checked } = expectNoPrivateData([...h.logs, ...off.logs], ['U0RATE', 'U0NAMED', 'U0HOSTILE', 'U0OTHER', 'U0FUZZ', 'U123', 'wrong figure', 'الرقم قديم', 'example.org/proof']);
  expect(checked).toBeGreaterThanOrEqual(3);
});
beforeEach(() => {
  today = FRESH;
  h.slack.reset();
  off.slack.reset();
});

type Element = { action_id: string; value: string; text: { text: string } };
const buttonsOf = (message: { blocks?: unknown }) =>
  ((message.blocks ?? []) as SlackMessage['blocks']).flatMap((block) => (block.type === 'actions' ? (block.elements as Element[]) : []));
const reportButton = (message: { blocks?: unknown }) => buttonsOf(message).find((element) => element.action_id === 'notech_report');
const blocksText = (message: { blocks?: unknown }) => JSON.stringify(message.blocks);

async function command(harness: Harness, text: string, user = 'U0MAYA'): Promise<SlackMessage & { response_type: string }> {
  const response = await harness.post(signed(slashCommand(text, harness.slack.responseUrl('cmd'), { user_id: user }), FORM));
  expect(response.status).toBe(200);
  const answer = response.json() as SlackMessage & { response_type: string };
  expect(checkMessage(answer), text).toEqual([]);
  return answer;
}

interface OpenedModal {
  callback_id: string;
  private_metadata: string;
  title: { type: string; text: string };
  blocks: Array<{ type: string; block_id?: string; optional?: boolean; element?: Record<string, unknown> }>;
}

/** Press "Report a problem" and return the modal views.open was given. */
async function pressReport(value: string, user = { id: 'U0MAYA', name: 'maya' }): Promise<OpenedModal> {
  const before = h.slack.callsTo('views.open').length;
  const trigger = `1700000${Math.floor(Math.random() * 1e6)}.4242.abcdef`;
  const response = await h.post(signed(blockAction({ action_id: 'notech_report', value }, { responseUrl: h.slack.responseUrl('report'), triggerId: trigger, user }), FORM));
  expect(response.status).toBe(200);
  await h.slack.waitFor(() => h.slack.callsTo('views.open').length > before);
  const call = h.slack.callsTo('views.open')[before]!;
  expect(call.args.trigger_id).toBe(trigger);
  return call.args.view as OpenedModal;
}

const selected = (value: string): ViewStateValue => ({ type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'x' }, value } });

function values(input: { path: string; text: string; url?: string | null; named?: boolean }): Record<string, Record<string, ViewStateValue>> {
  return {
    report_fact: { value: selected(input.path) },
    report_text: { value: { type: 'plain_text_input', value: input.text } },
    report_url: { value: { type: 'plain_text_input', value: input.url ?? null } },
    report_who: { value: { type: 'radio_buttons', selected_option: { text: { type: 'plain_text', text: 'x' }, value: input.named ? 'named' : 'anonymous' } } },
  };
}

async function submit(modal: OpenedModal, input: Parameters<typeof values>[0], user = { id: 'U0MAYA', name: 'maya' }, harness = h) {
  const response = await harness.post(signed(viewSubmission(modal, values(input), { user }), FORM));
  expect(response.status).toBe(200);
  return response;
}

const postsTo = (harness: Harness, channel: string) => harness.slack.callsTo('chat.postMessage').filter((call) => call.args.channel === channel);
/** Confirmations sent so far: ephemeral messages and DMs (a user id as the channel). */
const confirmations = () => h.slack.callsTo('chat.postEphemeral').length + h.slack.callsTo('chat.postMessage').filter((call) => String(call.args.channel).startsWith('U')).length;

describe('Report a problem, with MAINTAINERS_CHANNEL set', () => {
  it('is the last button on the compact card, the full card, the All-facts modal, a shared card and a mention reply', async () => {
    const compact = await command(h, 'elbit');
    expect(buttonsOf(compact).map((b) => b.action_id)).toEqual(['notech_all_facts', 'notech_share', 'notech_report']);
    expect(reportButton(compact)!.text.text).toBe('Report a problem');
    const full = await command(h, 'elbit full');
    expect(buttonsOf(full).map((b) => b.action_id)).toEqual(['notech_share', 'notech_report']);
    expect(reportButton(await command(h, 'إلبيت'))!.text.text).toBe('أبلغ عن خطأ');

    const allFacts = buttonsOf(compact).find((b) => b.action_id === 'notech_all_facts')!;
    await h.post(signed(blockAction({ action_id: 'notech_all_facts', value: allFacts.value }, { responseUrl: h.slack.responseUrl('all') }), FORM));
    await h.slack.waitFor(() => h.slack.callsTo('views.open').length >= 1);
    const modal = h.slack.callsTo('views.open')[0]!.args.view as ModalLike;
    expect(checkView(modal)).toEqual([]);
    expect(buttonsOf(modal).map((b) => b.action_id)).toEqual(['notech_report']);

    const share = buttonsOf(compact).find((b) => b.action_id === 'notech_share')!;
    await h.post(signed(blockAction({ action_id: 'notech_share', value: share.value }, { responseUrl: h.slack.responseUrl('share') }), FORM));
    await h.slack.waitFor(() => h.slack.responsePosts.length >= 1);
    expect(reportButton(h.slack.responsePosts[0]!.body)).toBeDefined();

    await h.post(signed(eventCallback(mentionEvent('what about elbit?')), JSON_TYPE));
    await h.slack.waitFor(() => h.slack.callsTo('chat.postMessage').length >= 1);
    expect(reportButton(h.slack.callsTo('chat.postMessage')[0]!.args)).toBeDefined();
  });

  it('opens a modal listing the card\'s facts and figures by JSON path, carrying only the entry id and language', async () => {
    const modal = await pressReport(reportButton(await command(h, 'elbit'))!.value);
    expect(checkView(modal as unknown as ModalLike)).toEqual([]);
    expect(modal.callback_id).toBe('notech_report_submit');
    expect(JSON.parse(modal.private_metadata)).toEqual({ id: 'elbit-systems', lang: 'en' });
    const select = modal.blocks.find((block) => block.block_id === 'report_fact')!.element as { type: string; options: Array<{ text: { text: string }; value: string }> };
    expect(select.type).toBe('static_select');
    expect(select.options).toHaveLength(elbit.facts.length + elbit.figures.length + 1);
    for (const option of select.options) {
      expect(option.text.text.length).toBeLessThanOrEqual(75);
      expect(option.value).toMatch(new RegExp(`^entries\\[${elbitIndex}\\](\\.(facts|figures)\\[\\d+\\])?$`));
    }
    expect(select.options.at(-1)).toMatchObject({ text: { text: 'Something else' }, value: `entries[${elbitIndex}]` });
    const text = modal.blocks.find((block) => block.block_id === 'report_text')!.element!;
    expect(text).toMatchObject({ type: 'plain_text_input', multiline: true, max_length: 2000 });
    expect(modal.blocks.find((block) => block.block_id === 'report_url')).toMatchObject({ optional: true });
    const who = modal.blocks.find((block) => block.block_id === 'report_who')!.element as { initial_option: { value: string } };
    expect(who.initial_option.value).toBe('anonymous');
  });

  it('sends an anonymous report to the maintainers\' channel: entry id, JSON path, the fact as it stands, no user id; the reporter is thanked privately', async () => {
    const modal = await pressReport(reportButton(await command(h, 'elbit'))!.value);
    const response = await submit(modal, { path: `entries[${elbitIndex}].facts[1]`, text: 'The wrong figure: it was 2019.', url: 'https://example.org/proof' });
    expect(response.text).toBe('');
    await h.slack.waitFor(() => h.slack.callsTo('chat.postEphemeral').length >= 1);
    const posts = postsTo(h, MAINTAINERS);
    expect(posts).toHaveLength(1);
    const report = posts[0]!.args as unknown as SlackMessage;
    expect(checkMessage(report)).toEqual([]);
    const shown = blocksText(report);
    expect(shown).toContain('elbit-systems');
    expect(shown).toContain(`entries[${elbitIndex}].facts[1]`);
    expect(shown).toContain(JSON.stringify(escapeMrkdwn(elbit.facts[1]!.text.en)).slice(1, -1));
    expect(shown).toContain('The wrong figure: it was 2019.');
    expect(shown).toContain('<https://example.org/proof|');
    expect(JSON.stringify(report)).not.toContain('U0MAYA');
    expect(shown).toContain('Reported anonymously');
    const [thanks] = h.slack.callsTo('chat.postEphemeral');
    expect(thanks!.args).toMatchObject({ channel: 'C0ORGANIZE', user: 'U0MAYA' });
    expect(blocksText(thanks!.args)).toContain('went to the maintainers');
  });

  it('counts each report sent in the state file for the monthly review: a number for the month, nothing about the reporter', async () => {
    const counting = await startHarness({ env: { MAINTAINERS_CHANNEL: MAINTAINERS }, digest: true, now: () => today });
    try {
      const user = { id: 'U0COUNTED', name: 'counted' };
      const button = reportButton(await command(counting, 'elbit', user.id))!;
      await counting.post(signed(blockAction({ action_id: 'notech_report', value: button.value }, { responseUrl: counting.slack.responseUrl('report'), user }), FORM));
      await counting.slack.waitFor(() => counting.slack.callsTo('views.open').length === 1);
      const modal = counting.slack.callsTo('views.open')[0]!.args.view as OpenedModal;
      for (const text of ['Counted, not named.', 'A second one.']) {
        // The thanks: ephemeral the first time, a DM once the modal's conversation was taken.
        const thanks = () => counting.slack.callsTo('chat.postEphemeral').length + postsTo(counting, user.id).length;
        const before = thanks();
        await submit(modal, { path: `entries[${elbitIndex}].facts[0]`, text, named: true }, user, counting);
        await counting.slack.waitFor(() => thanks() > before);
      }
      await vi.waitFor(() => expect(readStateFile(counting.stateFile).reportsByMonth).toEqual({ [today.toISOString().slice(0, 7)]: 2 }));
      const onDisk = readFileSync(counting.stateFile, 'utf8');
      expect(onDisk).not.toContain('U0COUNTED');
      expect(onDisk).not.toContain('Counted, not named');
    } finally {
      await counting.close();
    }
  });

  it('names the reporter only when they chose "with my name"; the Arabic card\'s report quotes the Arabic fact and thanks in Arabic', async () => {
    const user = { id: 'U0NAMED', name: 'named' };
    const modal = await pressReport(reportButton(await command(h, 'إلبيت', user.id))!.value, user);
    expect(JSON.parse(modal.private_metadata)).toEqual({ id: 'elbit-systems', lang: 'ar' });
    await submit(modal, { path: `entries[${elbitIndex}].figures[0]`, text: 'الرقم قديم', named: true }, user);
    await h.slack.waitFor(() => h.slack.callsTo('chat.postEphemeral').length >= 1);
    const report = postsTo(h, MAINTAINERS)[0]!.args as unknown as SlackMessage;
    expect(checkMessage(report, 'message', { allow: ['<@U0NAMED>'] })).toEqual([]);
    expect(blocksText(report)).toContain('Reported by <@U0NAMED>');
    expect(blocksText(report)).toContain(`entries[${elbitIndex}].figures[0]`);
    expect(blocksText(report)).toContain('From the Arabic card');
    expect(blocksText(h.slack.callsTo('chat.postEphemeral')[0]!.args)).toContain('شكرًا لك');
  });

  it('with no conversation known (the confirmation cannot be ephemeral), the reporter is thanked in a DM', async () => {
    const modal = await pressReport(reportButton(await command(h, 'palantir'))!.value);
    // Another view id than the one opened: its conversation is unknown.
    const response = await h.post(signed(viewSubmission(modal, values({ path: `entries[${knowledge.entries.findIndex((e) => e.id === 'palantir')}]`, text: 'something' }), { viewId: 'V0OTHER' }), FORM));
    expect(response.status).toBe(200);
    await h.slack.waitFor(() => postsTo(h, 'U0MAYA').length >= 1);
    expect(blocksText(postsTo(h, 'U0MAYA')[0]!.args)).toContain('went to the maintainers');
    expect(postsTo(h, MAINTAINERS)).toHaveLength(1);
  });

  it('escapes hostile text: <!channel>, <@U123>, @here and 2,000 characters of Arabic reach the channel inert and whole', async () => {
    const user = { id: 'U0HOSTILE', name: 'hostile' };
    const hostile = '<!channel> <@U123> @here <https://evil.example|click> & ';
    const text = (hostile + 'الرقم خاطئ تمامًا '.repeat(200)).slice(0, 2000);
    expect(text).toHaveLength(2000);
    const modal = await pressReport(reportButton(await command(h, 'nimbus', user.id))!.value, user);
    await submit(modal, { path: `entries[${knowledge.entries.findIndex((e) => e.id === 'project-nimbus')}].facts[0]`, text }, user);
    await h.slack.waitFor(() => postsTo(h, MAINTAINERS).length >= 1);
    const report = postsTo(h, MAINTAINERS)[0]!.args as unknown as SlackMessage;
    expect(checkMessage(report)).toEqual([]);
    const texts = report.blocks.flatMap((block) => (block.type === 'section' && block.text ? [block.text.text] : block.type === 'context' ? block.elements.map((e) => (e as { text: string }).text) : []));
    for (const mrkdwn of [...texts, report.text]) expect(unsafeSequences(mrkdwn)).toEqual([]);
    expect(JSON.stringify(report)).not.toMatch(/<!channel>|<@U123>|@here|<https:\/\/evil/);
    // Every character arrived: the escaped pieces put together are the escaped text.
    expect(texts.join('')).toContain(escapeMrkdwn(text).slice(0, 1000));
    expect(texts.join('')).toContain(escapeMrkdwn(text).slice(-1000));
  });

  it.each([
    ['http://example.org/page', 'en'],
    ['javascript:alert(1)', 'en'],
    ['example.org', 'en'],
    ['https://', 'en'],
    ['https://exa mple.org', 'en'],
    ['ftp://example.org', 'ar'],
  ] as const)('refuses the source URL %j with a field error in the card\'s language, and sends nothing', async (url, lang) => {
    const modal = await pressReport(reportButton(await command(h, lang === 'ar' ? 'إلبيت' : 'elbit'))!.value);
    const response = await submit(modal, { path: `entries[${elbitIndex}]`, text: 'wrong', url });
    const body = response.json() as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(Object.keys(body.errors)).toEqual(['report_url']);
    expect(body.errors.report_url).toContain(lang === 'ar' ? 'https://' : 'starts with https://');
    if (lang === 'ar') expect(body.errors.report_url).toMatch(/[\u0600-\u06FF]/);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(postsTo(h, MAINTAINERS)).toEqual([]);
  });

  it.each([['', 'en'], ['   \n  ', 'ar']] as const)('refuses an empty report (%j) with a field error, sending nothing', async (text, lang) => {
    const modal = await pressReport(reportButton(await command(h, lang === 'ar' ? 'إلبيت' : 'elbit'))!.value);
    const body = (await submit(modal, { path: `entries[${elbitIndex}]`, text })).json() as { response_action: string; errors: Record<string, string> };
    expect(body).toEqual({ response_action: 'errors', errors: { report_text: lang === 'ar' ? 'اكتب في كلمات قليلة ما الخطأ.' : 'Say in a few words what is wrong.' } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(postsTo(h, MAINTAINERS)).toEqual([]);
  });

  it('a card opened from the Home tab carries the button too', async () => {
    const value = JSON.stringify({ v: 1, q: 'anyvision-m12', lang: 'ar' });
    await h.post(signed(blockAction({ action_id: 'notech_open_1', value }, { container: { type: 'view', view_id: 'V0HOME' } }), FORM));
    await h.slack.waitFor(() => h.slack.callsTo('views.open').length >= 1);
    const view = h.slack.callsTo('views.open')[0]!.args.view as ModalLike;
    expect(checkView(view)).toEqual([]);
    expect(buttonsOf(view).map((b) => [b.action_id, b.text.text])).toEqual([['notech_report', 'أبلغ عن خطأ']]);
  });

  it('takes five reports a person an hour; the sixth is refused politely in the modal, and an hour later one is taken again', async () => {
    const user = { id: 'U0RATE', name: 'rate' };
    const modal = await pressReport(reportButton(await command(h, 'google', user.id))!.value, user);
    const path = `entries[${knowledge.entries.findIndex((e) => e.id === 'google')}]`;
    for (let i = 0; i < 5; i += 1) expect((await submit(modal, { path, text: `report ${i}` }, user)).text).toBe('');
    const sixth = (await submit(modal, { path, text: 'report 6' }, user)).json() as { response_action: string; errors: Record<string, string> };
    expect(sixth).toEqual({ response_action: 'errors', errors: { report_text: expect.stringContaining('5 reports in the last hour') } });
    // Another person is not held back by it.
    expect((await submit(modal, { path, text: 'from someone else' }, { id: 'U0OTHER', name: 'other' })).text).toBe('');
    await h.slack.waitFor(() => postsTo(h, MAINTAINERS).length >= 6);
    today = new Date(FRESH.getTime() + 61 * 60 * 1000);
    expect((await submit(modal, { path, text: 'an hour later' }, user)).text).toBe('');
    // Every report confirmed (the first in the conversation, the rest by DM: a view is submitted once).
    await h.slack.waitFor(() => postsTo(h, MAINTAINERS).length >= 7 && confirmations() >= 7);
    expect(postsTo(h, MAINTAINERS)).toHaveLength(7);
  });

  it('from the All-facts modal, stacks the report window on it (views.push with the press\'s trigger_id)', async () => {
    const value = reportButton(await command(h, 'elbit'))!.value;
    const modalView = { id: 'V0CARD', type: 'modal', callback_id: '', private_metadata: '', blocks: [] };
    await h.post(signed(blockAction({ action_id: 'notech_report', value }, { container: { type: 'view', view_id: 'V0CARD' }, view: modalView, triggerId: 'trig.push.1' }), FORM));
    await h.slack.waitFor(() => h.slack.callsTo('views.push').length >= 1);
    const pushed = h.slack.callsTo('views.push')[0]!.args as { trigger_id: string; view: OpenedModal };
    expect(pushed.trigger_id).toBe('trig.push.1');
    expect(pushed.view.callback_id).toBe('notech_report_submit');
    expect(h.slack.callsTo('views.open')).toEqual([]);
  });

  it('when Slack does not open the window (expired_trigger_id), says so privately in the card\'s language', async () => {
    const value = reportButton(await command(h, 'إلبيت'))!.value;
    h.slack.fail('views.open', { kind: 'error', error: 'expired_trigger_id' });
    await h.post(signed(blockAction({ action_id: 'notech_report', value }, { responseUrl: h.slack.responseUrl('expired') }), FORM));
    await h.slack.waitFor(() => h.slack.responsePosts.length >= 1);
    expect(h.slack.responsePosts[0]!.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(blocksText(h.slack.responsePosts[0]!.body)).toContain('لم يفتح Slack نافذة البلاغ');
  });

  it.each(['not json', '{"v":1,"q":"no-such-entry","lang":"en"}', '{"v":1,"q":"elbit-systems","lang":"fr"}'])('answers a report button value that is not ours (%s) as expired, opening nothing', async (value) => {
    await h.post(signed(blockAction({ action_id: 'notech_report', value }, { responseUrl: h.slack.responseUrl('bad') }), FORM));
    await h.slack.waitFor(() => h.slack.responsePosts.length >= 1);
    expect(blocksText(h.slack.responsePosts[0]!.body)).toContain('no longer works');
    expect(h.slack.callsTo('views.open')).toEqual([]);
  });

  it('joins the maintainers\' channel when the bot is not in it, then posts', async () => {
    h.slack.fail('chat.postMessage', { kind: 'error', error: 'not_in_channel' });
    const modal = await pressReport(reportButton(await command(h, 'amazon'))!.value);
    await submit(modal, { path: `entries[${knowledge.entries.findIndex((e) => e.id === 'amazon')}]`, text: 'wrong' });
    await h.slack.waitFor(() => postsTo(h, MAINTAINERS).length >= 2 && h.slack.callsTo('chat.postEphemeral').length >= 1);
    expect(h.slack.callsTo('conversations.join')[0]!.args).toMatchObject({ channel: MAINTAINERS });
    expect(blocksText(h.slack.callsTo('chat.postEphemeral')[0]!.args)).toContain('went to the maintainers');
  });

  it('tells the reporter, and logs a clear error, when the channel cannot be reached', async () => {
    h.slack.fail('chat.postMessage', { kind: 'error', error: 'not_in_channel' });
    h.slack.fail('conversations.join', { kind: 'error', error: 'method_not_supported_for_channel_type' });
    const modal = await pressReport(reportButton(await command(h, 'microsoft'))!.value);
    await submit(modal, { path: `entries[${knowledge.entries.findIndex((e) => e.id === 'microsoft')}]`, text: 'wrong' });
    await h.slack.waitFor(() => h.slack.callsTo('chat.postEphemeral').length >= 1);
    expect(blocksText(h.slack.callsTo('chat.postEphemeral')[0]!.args)).toContain('could not reach the maintainers');
    expect(h.logs.some((line) => line.includes('MAINTAINERS_CHANNEL') && line.includes('/invite'))).toBe(true);
  });
});

describe('generated hostile submissions over signed HTTP', () => {
  it('every one is answered 200 (closing the window or a field error) and what reaches the channel is safe', async () => {
    const modal = await pressReport(reportButton(await command(h, 'elbit'))!.value);
    let people = 0;
    const path = fc.oneof(fc.constantFrom(`entries[${elbitIndex}]`, `entries[${elbitIndex}].facts[0]`, `entries[${elbitIndex}].figures[9]`, 'entries[99999]', '__proto__', ''), fc.string({ maxLength: 40 }));
    const metadata = fc.oneof(fc.constant(modal.private_metadata), fc.constant(JSON.stringify({ id: 'palantir', lang: 'ar' })), fc.string({ maxLength: 60 }));
    const url = fc.oneof(fc.constant(null), fc.webUrl(), hostileText, fc.constant('https://example.org/<!channel>'));
    await fc.assert(
      fc.asyncProperty(hostileText, path, metadata, url, fc.boolean(), async (text, chosen, private_metadata, source, named) => {
        h.slack.reset();
        const user = { id: `U0FUZZ${(people += 1)}`, name: 'fuzz' };
        const response = await h.post(signed(viewSubmission({ ...modal, private_metadata }, values({ path: chosen, text: text.slice(0, 2000), url: source, named }), { user }), FORM));
        expect(response.status).toBe(200);
        if (response.text !== '') expect((response.json() as { response_action: string }).response_action).toBe('errors');
        await new Promise((resolve) => setTimeout(resolve, 5));
        for (const post of postsTo(h, MAINTAINERS)) {
          const message = post.args as unknown as SlackMessage;
          // A report of an earlier run may land late: every generated reporter's mention is allowed.
          expect(checkMessage(message, 'message', { allow: Array.from({ length: people }, (_, i) => `<@U0FUZZ${i + 1}>`) })).toEqual([]);
          expect(shown(message)).not.toMatch(FORBIDDEN_IN_MESSAGES);
        }
      }),
      { numRuns: 100 },
    );
  }, 120_000);
});

describe('without MAINTAINERS_CHANNEL', () => {
  it('no card carries "Report a problem", and a forged submission sends nothing', async () => {
    for (const text of ['elbit', 'elbit full', 'إلبيت', 'list', 'palantir']) expect(reportButton(await command(off, text))).toBeUndefined();
    const compact = await command(off, 'elbit');
    const allFacts = buttonsOf(compact).find((b) => b.action_id === 'notech_all_facts')!;
    await off.post(signed(blockAction({ action_id: 'notech_all_facts', value: allFacts.value }, { responseUrl: off.slack.responseUrl('all') }), FORM));
    await off.post(signed(eventCallback(mentionEvent('what about elbit?')), JSON_TYPE));
    await off.slack.waitFor(() => off.slack.callsTo('views.open').length >= 1 && off.slack.callsTo('chat.postMessage').length >= 1);
    expect(buttonsOf(off.slack.callsTo('views.open')[0]!.args.view as ModalLike)).toEqual([]);
    expect(reportButton(off.slack.callsTo('chat.postMessage')[0]!.args)).toBeUndefined();

    off.slack.reset();
    const forged = { callback_id: 'notech_report_submit', private_metadata: JSON.stringify({ id: 'elbit-systems', lang: 'en' }) };
    const response = await submit(forged as OpenedModal, { path: `entries[${elbitIndex}]`, text: 'wrong' }, undefined, off);
    expect(response.text).toBe('');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(off.slack.calls).toEqual([]);
  });
});

describe('review dates, with the injected clock', () => {
  const bannerOf = (message: { blocks?: unknown }) => blocksText(message).match(/⏳ \*[^*]+\*[^"]*/)?.[0];

  it('a stale entry\'s compact, full and modal cards say so at the top, in English and Arabic; a fresh one does not', async () => {
    expect(bannerOf(await command(h, 'elbit'))).toBeUndefined();
    today = STALE;
    const compact = await command(h, 'elbit');
    expect(compact.blocks[0]).toMatchObject({ type: 'context', elements: [{ text: '⏳ *Last checked 8 months ago:* check the sources before repeating' }] });
    expect(compact.blocks[1]).toMatchObject({ type: 'header' });
    expect(bannerOf(await command(h, 'elbit full'))).toContain('Last checked 8 months ago');
    const arabic = await command(h, 'إلبيت');
    expect(arabic.blocks[0]).toMatchObject({ type: 'context', elements: [{ text: '⏳ *آخر تحقق قبل 8 أشهر:* راجع المصادر قبل أن تكرر ما هنا' }] });

    const allFacts = buttonsOf(compact).find((b) => b.action_id === 'notech_all_facts')!;
    await h.post(signed(blockAction({ action_id: 'notech_all_facts', value: allFacts.value }, { responseUrl: h.slack.responseUrl('all') }), FORM));
    await h.slack.waitFor(() => h.slack.callsTo('views.open').length >= 1);
    expect(bannerOf(h.slack.callsTo('views.open')[0]!.args.view as ModalLike)).toContain('Last checked 8 months ago');

    // The same card, cached, goes back to no banner when the clock says the entry is fresh.
    today = FRESH;
    expect(bannerOf(await command(h, 'elbit'))).toBeUndefined();
  });

  it('/notech list marks stale entries and explains the mark; the Home tab too', async () => {
    const fresh = await command(h, 'list');
    expect(blocksText(fresh)).not.toContain('⏳');
    today = STALE;
    const stale = blocksText(await command(h, 'list'));
    expect(stale).toContain(`*${escapeMrkdwn(elbit.name.en)}* ⏳`);
    expect(stale).toContain('not checked against its sources for a while');
    expect(blocksText(await command(h, 'lang:ar list'))).toContain('لم يُراجَع مع مصادره');
    await h.post(signed(eventCallback({ type: 'app_home_opened', user: 'U0MAYA', channel: 'D0HOME', tab: 'home' }), JSON_TYPE));
    await h.slack.waitFor(() => h.slack.callsTo('views.publish').length >= 1);
    const home = h.slack.callsTo('views.publish')[0]!.args.view as { blocks: SlackMessage['blocks'] };
    expect(checkMessage({ text: 'home', blocks: home.blocks }, 'home')).toEqual([]);
    expect(blocksText(home)).toContain('⏳');
  });
});
