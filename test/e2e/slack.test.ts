import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Entry } from '../../src/knowledge/schema.js';
import { escapeMrkdwn } from '../../src/messages/escape.js';
import { checkMessage, checkView, type ModalLike } from '../../src/messages/limits.js';
import type { SlackMessage } from '../../src/messages/types.js';
import { SEED_TOPICS, realKnowledge } from '../helpers/knowledge.js';
import { startHarness, type Harness } from '../support/app-harness.js';
import { expectNoPrivateData } from '../support/privacy.js';
import { blockAction, eventCallback, FORM, JSON_TYPE, mentionEvent, signed, slashCommand } from '../support/slack-requests.js';

const knowledge = realKnowledge();

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
  // Every log line of this suite, at info and above: no tokens, secrets, text or people.
  const { checked } = expectNoPrivateData(h.logs);
  expect(checked).toBeGreaterThanOrEqual(5);
});
beforeEach(() => {
  h.slack.reset();
});

interface CommandAnswer extends SlackMessage {
  response_type: string;
}

async function command(text: string): Promise<CommandAnswer> {
  const response = await h.post(signed(slashCommand(text, h.slack.responseUrl('cmd')), FORM));
  expect(response.status).toBe(200);
  const answer = response.json() as CommandAnswer;
  expect(checkMessage(answer), text).toEqual([]);
  return answer;
}

const blocksText = (message: { blocks?: unknown }) => JSON.stringify(message.blocks);
const shareButton = (message: SlackMessage) =>
  message.blocks.flatMap((block) => (block.type === 'actions' ? block.elements : [])).find((element) => element.action_id === 'notech_share') as
    | { value: string }
    | undefined;

describe('/notech over signed HTTP', () => {
  it.each([
    ['', 'NoTech: sourced facts'],
    ['help', 'NoTech: sourced facts'],
    ['list', 'Topics'],
    ['version', `Knowledge version ${knowledge.version}`],
    ['search divestment', 'Search results'],
    ['palentir', 'Palantir Technologies'],
    ['project nimbus and google', 'names 2 topics. Which one?'],
    ['surveillance', 'Did you mean'],
    ['lang:ar list', 'المواضيع'],
  ])('%j answers privately with %s', async (text, expected) => {
    const answer = await command(text);
    expect(answer.response_type).toBe('ephemeral');
    expect(blocksText(answer)).toContain(expected);
  });

  it.each(SEED_TOPICS)('seed topic $id in English and Arabic, with a Share button', async ({ id, en, ar }) => {
    const entry = knowledge.entry(id)!;
    for (const [query, lang] of [[en, 'en'], [ar, 'ar']] as const) {
      const answer = await command(query);
      expect(answer.blocks[0]).toMatchObject({ type: 'header', text: { text: entry.name[lang] } });
      expect(blocksText(answer)).toMatch(/<https:\/\/[^|>]+\|/);
      expect(shareButton(answer)).toBeDefined();
    }
    // The answer is in the acknowledgement; nothing else reaches Slack.
    expect(h.slack.calls).toEqual([]);
    expect(h.slack.responsePosts).toEqual([]);
  });

  it('escapes whatever a user types, and pings nobody', async () => {
    // "@channel @boss" and a link, as Slack sends them; then the same characters typed literally.
    for (const [text, echoed] of [
      ['<!channel> <@U0BOSS> <https://evil.example|click>', '@\u2060channel @U0BOSS click'],
      ['&lt;!channel&gt; &lt;@U0BOSS&gt;', '&lt;!channel&gt; &lt;@U0BOSS&gt;'],
    ]) {
      const answer = await command(text!);
      const shown = JSON.stringify(answer, (key, value: unknown) => (key === 'value' ? undefined : value));
      expect(shown).not.toMatch(/<!channel>|<@U0BOSS>|<https:\/\/evil|@channel/);
      expect(JSON.parse(shown).blocks[0].text.text).toContain(echoed);
    }
  });

  it('answers within the 3-second limit under a burst of 20 commands', async () => {
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => command(i % 2 ? 'elbit' : 'مصلحة السجون')));
    expect(answers).toHaveLength(20);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('Share in channel', () => {
  it('posts the card publicly, attributed to the sharer, and replaces the preview', async () => {
    const preview = await command('onesim');
    const value = shareButton(preview)!.value;
    const response = await h.post(signed(blockAction({ action_id: 'notech_share', value }, { responseUrl: h.slack.responseUrl('share1') }), FORM));
    expect(response.status).toBe(200);
    await h.slack.waitFor(() => h.slack.responsePosts.length >= 2);
    const [shared, replaced] = h.slack.responsePosts;
    expect(shared!.body).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(blocksText(shared!.body)).toContain('Shared by <@U0MAYA>');
    expect(blocksText(shared!.body)).toContain(knowledge.entry('elbit-onesim-azure')!.name.en);
    expect(shareButton(shared!.body as unknown as SlackMessage)).toBeUndefined();
    expect(checkMessage(shared!.body as unknown as SlackMessage, 'message', { allow: ['<@U0MAYA>'] })).toEqual([]);
    expect(replaced!.body).toMatchObject({ replace_original: true, text: 'Shared in the channel.' });
  });

  it('shares in Arabic when the card was Arabic', async () => {
    const value = shareButton(await command('مصلحة السجون'))!.value;
    await h.post(signed(blockAction({ action_id: 'notech_share', value }, { responseUrl: h.slack.responseUrl('share2') }), FORM));
    await h.slack.waitFor(() => h.slack.responsePosts.length >= 2);
    expect(blocksText(h.slack.responsePosts[0]!.body)).toContain(knowledge.entry('ips-consulting')!.name.ar);
    expect(blocksText(h.slack.responsePosts[0]!.body)).toContain('شاركه <@U0MAYA>');
  });

  it.each(['not json', '{"v":1}', '{"v":2,"q":"elbit","lang":"en"}', '{"v":1,"q":"elbit","lang":"fr"}', '{"v":1,"q":"el'])('rejects a button value that is not ours: %s', async (value) => {
    const response = await h.post(signed(blockAction({ action_id: 'notech_share', value }, { responseUrl: h.slack.responseUrl('bad') }), FORM));
    expect(response.status).toBe(200);
    await h.slack.waitFor(() => h.slack.responsePosts.length >= 1);
    expect(h.slack.responsePosts).toHaveLength(1);
    expect(h.slack.responsePosts[0]!.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(blocksText(h.slack.responsePosts[0]!.body)).toContain('no longer works');
  });
});

const allFactsButton = (message: { blocks?: unknown }) =>
  ((message.blocks ?? []) as SlackMessage['blocks']).flatMap((block) => (block.type === 'actions' ? block.elements : [])).find((element) => element.action_id === 'notech_all_facts') as
    | { action_id: string; value: string; text: { text: string } }
    | undefined;

/** Every fact's text and every cited source's link: what "all facts and sources" promises. */
function expectWholeEntry(blocks: unknown, entry: Entry, lang: 'en' | 'ar') {
  const text = JSON.stringify(blocks);
  for (const fact of entry.facts) expect(text).toContain(JSON.stringify(escapeMrkdwn(fact.text[lang])).slice(1, -1));
  const cited = new Set([...entry.facts, ...entry.figures].flatMap((item) => item.sources));
  for (const id of cited) expect(text).toContain(`<${knowledge.source(id)!.url}|`);
}

/** A trigger_id as Slack writes them, unique per press. */
let presses = 0;
const triggerId = () => `1700000${String(++presses).padStart(3, '0')}.4242.9f8e7d6c5b4a39281706f5e4d3c2b1a0`;

describe('the compact card and the full card one click away', () => {
  const elbit = knowledge.entry('elbit-systems')!;

  async function pressAllFacts(value: string, options: { user?: { id: string; name: string }; container?: Record<string, unknown> } = {}) {
    const trigger = triggerId();
    const response = await h.post(signed(blockAction({ action_id: 'notech_all_facts', value }, { responseUrl: h.slack.responseUrl('press'), triggerId: trigger, ...options }), FORM));
    expect(response.status).toBe(200);
    await h.slack.waitFor(() => h.slack.callsTo('views.open').length >= 1);
    const [call] = h.slack.callsTo('views.open');
    return { trigger, args: call!.args as { trigger_id: string; view: ModalLike } };
  }

  it('/notech elbit answers with a compact card: few facts, one link each, All facts then Share', async () => {
    const answer = await command('elbit');
    expect(answer.blocks[0]).toMatchObject({ type: 'header', text: { text: elbit.name.en } });
    expect(Buffer.byteLength(JSON.stringify(answer))).toBeLessThan(2600);
    const buttons = answer.blocks.filter((block) => block.type === 'actions').flatMap((block) => block.elements.map((element) => (element as { action_id: string }).action_id));
    expect(buttons).toEqual(['notech_all_facts', 'notech_share']);
    expect(allFactsButton(answer)!.text.text).toBe(`All ${elbit.facts.length} facts and sources`);
    // Not the whole entry: some facts are left for the modal.
    const shown = elbit.facts.filter((fact) => blocksText(answer).includes(JSON.stringify(escapeMrkdwn(fact.text.en)).slice(1, -1)));
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThanOrEqual(3);
  });

  it('"All facts" opens every fact and source in a modal, with the press\'s trigger_id, within view limits', async () => {
    const answer = await command('elbit');
    const { trigger, args } = await pressAllFacts(allFactsButton(answer)!.value);
    expect(args.trigger_id).toBe(trigger);
    expect(checkView(args.view)).toEqual([]);
    expect(args.view.blocks.length).toBeLessThanOrEqual(100);
    expect(args.view.title.text.length).toBeLessThanOrEqual(24);
    expectWholeEntry(args.view.blocks, elbit, 'en');
    expect(JSON.stringify(args.view.blocks)).not.toMatch(/size limit/);
    // The modal is the only thing sent: nothing to the channel, nothing through the response_url.
    expect(h.slack.responsePosts).toEqual([]);
    expect(h.slack.callsTo('chat.postMessage')).toEqual([]);
  });

  it('on a shared card, someone else pressing "All facts" gets the modal (views.open is per trigger_id)', async () => {
    const preview = await command('elbit');
    await h.post(signed(blockAction({ action_id: 'notech_share', value: shareButton(preview)!.value }, { responseUrl: h.slack.responseUrl('share-all') }), FORM));
    await h.slack.waitFor(() => h.slack.responsePosts.length >= 2);
    const shared = h.slack.responsePosts[0]!.body;
    expect(shared).toMatchObject({ response_type: 'in_channel' });
    expect(checkMessage(shared as unknown as SlackMessage, 'message', { allow: ['<@U0MAYA>'] })).toEqual([]);
    expect(shareButton(shared as unknown as SlackMessage)).toBeUndefined();
    h.slack.reset();
    const { trigger, args } = await pressAllFacts(allFactsButton(shared)!.value, {
      user: { id: 'U0SAMIR', name: 'samir' },
      container: { type: 'message', message_ts: '1700000000.000200', channel_id: 'C0ORGANIZE', is_ephemeral: false },
    });
    expect(args.trigger_id).toBe(trigger);
    expect(checkView(args.view)).toEqual([]);
    expectWholeEntry(args.view.blocks, elbit, 'en');
    expect(h.slack.responsePosts).toEqual([]);
  });

  it('the Arabic card opens the Arabic full card', async () => {
    const answer = await command('إلبيت');
    expect(allFactsButton(answer)!.text.text).toContain('كل الحقائق');
    const { args } = await pressAllFacts(allFactsButton(answer)!.value);
    expect(checkView(args.view)).toEqual([]);
    expect(args.view.close).toMatchObject({ text: 'إغلاق' });
    expectWholeEntry(args.view.blocks, elbit, 'ar');
  });

  it('a mention reply is a compact card with "All facts" and no Share; pressing it opens the modal', async () => {
    await h.post(signed(eventCallback(mentionEvent('what about elbit?')), JSON_TYPE));
    await h.slack.waitFor(() => h.slack.callsTo('chat.postMessage').length >= 1);
    const post = h.slack.callsTo('chat.postMessage')[0]!.args;
    expect(shareButton(post as unknown as SlackMessage)).toBeUndefined();
    const { args } = await pressAllFacts(allFactsButton(post)!.value, { container: { type: 'message', message_ts: '1700000000.000300', channel_id: 'C0ORGANIZE', is_ephemeral: false } });
    expectWholeEntry(args.view.blocks, elbit, 'en');
  });

  it('when Slack refuses the modal (expired_trigger_id), the full card is sent privately instead', async () => {
    const answer = await command('elbit');
    h.slack.fail('views.open', { kind: 'error', error: 'expired_trigger_id' });
    await h.post(signed(blockAction({ action_id: 'notech_all_facts', value: allFactsButton(answer)!.value }, { responseUrl: h.slack.responseUrl('fallback') }), FORM));
    await h.slack.waitFor(() => h.slack.responsePosts.length >= 1);
    const [post] = h.slack.responsePosts;
    expect(post!.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(checkMessage(post!.body as unknown as SlackMessage)).toEqual([]);
    expect(blocksText(post!.body)).toContain('did not open the full card');
    expectWholeEntry((post!.body as { blocks: unknown }).blocks, elbit, 'en');
  });

  it.each(['elbit full', 'full elbit', 'إلبيت كامل', 'elbit FULL lang:ar'])('%j gives the full card inline, with Share', async (text) => {
    const answer = await command(text);
    const lang = /lang:ar|[\u0600-\u06FF]/.test(text) ? 'ar' : 'en';
    expectWholeEntry(answer.blocks, elbit, lang);
    expect(allFactsButton(answer)).toBeUndefined();
    const value = JSON.parse(shareButton(answer)!.value) as { q: string };
    expect(value.q).toBe(`elbit-systems full lang:${lang}`);
  });
});

describe('suggestion buttons', () => {
  it('open the chosen card in place of the private answer', async () => {
    const answer = await command('project nimbus and google');
    const actions = answer.blocks.find((block) => block.type === 'actions');
    const first = (actions as { elements: Array<{ action_id: string; value: string }> }).elements[0]!;
    await h.post(signed(blockAction(first, { responseUrl: h.slack.responseUrl('open') }), FORM));
    await h.slack.waitFor(() => h.slack.responsePosts.length >= 1);
    expect(h.slack.responsePosts[0]!.body).toMatchObject({ replace_original: true });
    expect(blocksText(h.slack.responsePosts[0]!.body)).toContain('notech_share');
  });
});

describe('mentions', () => {
  it('answers in a new thread under a channel mention', async () => {
    const event = mentionEvent('what about palantir?');
    const response = await h.post(signed(eventCallback(event), JSON_TYPE));
    expect(response.status).toBe(200);
    await h.slack.waitFor(() => h.slack.callsTo('chat.postMessage').length >= 1);
    const [post] = h.slack.callsTo('chat.postMessage');
    expect(post!.args).toMatchObject({ channel: 'C0ORGANIZE', thread_ts: event.ts });
    expect(post!.authorization).toMatch(/^Bearer xoxb-/);
    expect(blocksText(post!.args)).toContain('Palantir Technologies');
    expect(checkMessage(post!.args as unknown as SlackMessage)).toEqual([]);
  });

  it('answers inside the thread a mention was made in, in Arabic', async () => {
    const event = mentionEvent('إلبيت', { thread_ts: '1699999999.000001' });
    await h.post(signed(eventCallback(event), JSON_TYPE));
    await h.slack.waitFor(() => h.slack.callsTo('chat.postMessage').length >= 1);
    expect(h.slack.callsTo('chat.postMessage')[0]!.args).toMatchObject({ thread_ts: '1699999999.000001' });
    expect(blocksText(h.slack.callsTo('chat.postMessage')[0]!.args)).toContain('إلبيت سيستمز');
  });

  it('replies once to an event Slack delivers three times', async () => {
    const body = eventCallback(mentionEvent('nimbus'), 'Ev0RETRY01');
    for (const retryNum of [undefined, 1, 2]) {
      const response = await h.post(signed(body, JSON_TYPE, retryNum ? { retryNum } : {}));
      expect(response.status).toBe(200);
    }
    await h.slack.waitFor(() => h.slack.callsTo('chat.postMessage').length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('ignores mentions from bots', async () => {
    await h.post(signed(eventCallback(mentionEvent('elbit', { bot_id: 'B0OTHER', subtype: 'bot_message' })), JSON_TYPE));
    await h.post(signed(eventCallback(mentionEvent('palantir'), 'Ev0AFTERBOT'), JSON_TYPE));
    await h.slack.waitFor(() => h.slack.callsTo('chat.postMessage').length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const posts = h.slack.callsTo('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(blocksText(posts[0]!.args)).toContain('Palantir');
  });

  it('gives a short help reply, once per thread, when no topic is recognisable', async () => {
    const thread = { thread_ts: '1699999999.000777' };
    await h.post(signed(eventCallback(mentionEvent('hello there', thread)), JSON_TYPE));
    await h.slack.waitFor(() => h.slack.callsTo('chat.postMessage').length >= 1);
    await h.post(signed(eventCallback(mentionEvent('are you awake', thread)), JSON_TYPE));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const posts = h.slack.callsTo('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(blocksText(posts[0]!.args)).toContain("didn't recognise a topic");
  });
});

describe('App Home', () => {
  it('publishes topics by kind with open buttons, the version and its changelog', async () => {
    await h.post(signed(eventCallback({ type: 'app_home_opened', user: 'U0MAYA', channel: 'D0HOME', tab: 'home' }), JSON_TYPE));
    await h.slack.waitFor(() => h.slack.callsTo('views.publish').length >= 1);
    const { args } = h.slack.callsTo('views.publish')[0]!;
    expect(args.user_id).toBe('U0MAYA');
    const view = args.view as { type: string; blocks: SlackMessage['blocks'] };
    expect(view.type).toBe('home');
    expect(checkMessage({ text: 'home', blocks: view.blocks }, 'home')).toEqual([]);
    const text = JSON.stringify(view.blocks);
    for (const entry of knowledge.entries) expect(text).toContain(entry.name.en);
    expect(text).toContain(`v${knowledge.version}`);
    expect(text).toContain(knowledge.latestRelease.note.en.slice(0, 40));
    expect(text).toContain('Contracts · العقود');
  });

  it('does nothing for the Messages tab', async () => {
    await h.post(signed(eventCallback({ type: 'app_home_opened', user: 'U0MAYA', channel: 'D0HOME', tab: 'messages' }), JSON_TYPE));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.slack.callsTo('views.publish')).toHaveLength(0);
  });

  it('opens a card privately in a modal from a Home button', async () => {
    const value = JSON.stringify({ v: 1, q: 'anyvision-m12', lang: 'ar' });
    await h.post(signed(blockAction({ action_id: 'notech_open_1', value }, { container: { type: 'view', view_id: 'V0HOME' } }), FORM));
    await h.slack.waitFor(() => h.slack.callsTo('views.open').length >= 1);
    const view = h.slack.callsTo('views.open')[0]!.args.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe('modal');
    expect(JSON.stringify(view.blocks)).toContain(knowledge.entry('anyvision-m12')!.name.ar);
    expect(JSON.stringify(view.blocks)).not.toContain('notech_share');
  });
});

describe('the HTTP surface', () => {
  it('answers url_verification with the challenge', async () => {
    const response = await h.post(signed(JSON.stringify({ token: 'x', challenge: 'c-123', type: 'url_verification' }), JSON_TYPE));
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ challenge: 'c-123' });
  });

  it('serves /healthz with the knowledge version', async () => {
    const response = await fetch(`${h.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, knowledgeVersion: knowledge.version });
  });

  it('rejects a bad signature with 401 and sends nothing', async () => {
    const request = signed(slashCommand('elbit', h.slack.responseUrl('x')), FORM, { secret: 'ffffffffffffffffffffffffffffffff' });
    const response = await h.post(request);
    expect(response.status).toBe(401);
    const event = await h.post(signed(eventCallback(mentionEvent('elbit')), JSON_TYPE, { secret: '00000000000000000000000000000000' }));
    expect(event.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.slack.calls).toEqual([]);
    expect(h.slack.responsePosts).toEqual([]);
  });

  it('rejects a timestamp older than five minutes with 401', async () => {
    const old = Math.floor(Date.now() / 1000) - 6 * 60;
    const response = await h.post(signed(eventCallback(mentionEvent('elbit')), JSON_TYPE, { timestamp: old }));
    expect(response.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.slack.calls).toEqual([]);
  });
});
