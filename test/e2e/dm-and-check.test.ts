/**
 * Issue #16 end to end, over signed HTTP through the real app against the fake Slack: DMs to the
 * bot (`message.im` events shaped as Slack sends them) and the message shortcut "Check with
 * NoTech" (`message_action` payloads, form-encoded). Each case says what must reach Slack: which
 * answer, where (the DM, its thread, an ephemeral message, a DM from the bot), in which
 * language, how many posts, and for the shortcut which topics and which verdict per figure.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Figure } from '../../src/knowledge/schema.js';
import { formatFigureValue } from '../../src/messages/format.js';
import { STRINGS } from '../../src/messages/i18n.js';
import { checkMessage } from '../../src/messages/limits.js';
import type { SlackMessage } from '../../src/messages/types.js';
import { realKnowledge } from '../helpers/knowledge.js';
import { startHarness, type Harness } from '../support/app-harness.js';
import { FORBIDDEN_IN_MESSAGES, shown } from '../support/hostile.js';
import { expectNoPrivateData } from '../support/privacy.js';
import { escapeAsSlack } from '../support/slack-encode.js';
import { blockAction, directMessageEvent, eventCallback, FORM, JSON_TYPE, messageShortcut, signed } from '../support/slack-requests.js';

const knowledge = realKnowledge();
const BOT = 'U0NOTECH';
const ARABIC = /\p{Script=Arabic}/u;

/** Words of the messages sent in this suite: none may reach a log line at info or above. */
const SENT_WORDS = ['prison contract', 'Palestinians', 'نيمبوس ١٫٢', 'Nimbus is a', 'revenue', 'بالانتير', 'D0MAYANOTECH', 'D0MAYABOSS', 'U0BOSS', '$211k', '99.9%', 'petabytes'];

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
  const { checked } = expectNoPrivateData(h.logs, SENT_WORDS);
  expect(checked).toBeGreaterThan(0);
});
beforeEach(() => h.slack.reset());

const settle = (ms = 200) => new Promise((resolve) => setTimeout(resolve, ms));
type Posted = SlackMessage & { channel: string; thread_ts?: string; user?: string };
const postMessages = () => h.slack.callsTo('chat.postMessage').map((call) => call.args as unknown as Posted);
const ephemerals = () => h.slack.callsTo('chat.postEphemeral').map((call) => call.args as unknown as Posted);
const posts = () => postMessages().length + ephemerals().length + h.slack.responsePosts.length;

function expectSafe(message: SlackMessage): void {
  expect(checkMessage(message)).toEqual([]);
  expect(shown(message)).not.toMatch(FORBIDDEN_IN_MESSAGES);
}

/** The language an answer is in: its first block's text is Arabic script or not. */
function langOf(message: SlackMessage): 'en' | 'ar' {
  const first = message.blocks[0] as { text?: { text: string } };
  return ARABIC.test(first.text?.text ?? message.text) ? 'ar' : 'en';
}

// ---------------------------------------------------------------------------------------------

describe('DMs to the bot (message.im)', () => {
  async function dm(sentText: string, extra: Record<string, unknown> = {}, eventId?: string): Promise<Record<string, unknown>> {
    const event = directMessageEvent(sentText, extra);
    const response = await h.post(signed(eventCallback(event, eventId), JSON_TYPE));
    expect(response.status).toBe(200);
    return event;
  }

  it.each<[string, string, 'en' | 'ar', RegExp]>([
    ['a question in English', 'what about palantir?', 'en', /Palantir/],
    ['a question in Arabic', 'ماذا عن بالانتير؟', 'ar', /بالانتير/],
    ['encoded & and an emoji', 'Google &amp; Amazon :fire:', 'en', /names 2 topics/],
    ['a keyword, as a command would have it', 'list', 'en', /^Topics$/],
    ['Arabic keyword', 'قائمة', 'ar', /^المواضيع$/],
  ])('%s is answered in the DM, not in a thread', async (_label, sentText, lang, first) => {
    const event = await dm(sentText);
    await h.slack.waitFor(() => postMessages().length >= 1);
    await settle();
    expect(posts()).toBe(1);
    const [answer] = postMessages();
    expect(answer!.channel).toBe(event.channel);
    expect(answer!.thread_ts).toBeUndefined();
    expectSafe(answer!);
    expect(langOf(answer!)).toBe(lang);
    expect((answer!.blocks[0] as { text: { text: string } }).text.text).toMatch(first);
  });

  it('a DM in a thread is answered in that thread', async () => {
    const parent = '1764000000.000100';
    const event = await dm('what about elbit?', { thread_ts: parent });
    await h.slack.waitFor(() => postMessages().length >= 1);
    await settle();
    expect(postMessages()).toHaveLength(1);
    expect(postMessages()[0]).toMatchObject({ channel: event.channel, thread_ts: parent });
    expect((postMessages()[0]!.blocks[0] as { text: { text: string } }).text.text).toBe(knowledge.entry('elbit-systems')!.name.en);
  });

  it.each<[string, 'en' | 'ar', RegExp]>([
    ['thanks!', 'en', /Ask me like `what about elbit\?`/],
    ['مرحبا', 'ar', /اسألني مثلًا/],
  ])('a DM that names nothing (%j) gets the short help, in its language', async (sentText, lang, help) => {
    await dm(sentText);
    await h.slack.waitFor(() => postMessages().length >= 1);
    await settle();
    expect(postMessages()).toHaveLength(1);
    expect(langOf(postMessages()[0]!)).toBe(lang);
    expect(JSON.stringify(postMessages()[0]!.blocks)).toMatch(help);
    expect(JSON.stringify(postMessages()[0]!.blocks)).not.toContain('@NoTech');
  });

  it('an empty DM gets the full help, as an empty /notech does', async () => {
    await dm('');
    await h.slack.waitFor(() => postMessages().length >= 1);
    expect((postMessages()[0]!.blocks[0] as { text: { text: string } }).text.text).toBe(STRINGS.en.helpTitle);
    expect(JSON.stringify(postMessages()[0]!.blocks)).toContain(STRINGS.en.dmAndShortcutHelpLines[0]!.slice(0, 30));
  });

  it('a DM addressing the bot by name reads the rest', async () => {
    await dm(`<@${BOT}> what about nimbus?`);
    await h.slack.waitFor(() => postMessages().length >= 1);
    expect((postMessages()[0]!.blocks[0] as { text: { text: string } }).text.text).toBe(knowledge.entry('project-nimbus')!.name.en);
  });

  it.each<[string, Record<string, unknown>]>([
    ["the bot's own DM", { user: BOT, bot_id: 'B0NOTECH', app_id: 'A0NOTECH' }],
    ['another bot (bot_message)', { subtype: 'bot_message', bot_id: 'B0OTHER', username: 'otherbot', user: undefined }],
    ['another bot posting as its bot user', { user: 'U0OTHERBOT', bot_id: 'B0OTHER', app_id: 'A0OTHER' }],
    ['an edit (message_changed)', { subtype: 'message_changed', hidden: true, user: undefined, text: undefined, message: { type: 'message', user: 'U0MAYA', text: 'what about palantir?', ts: '1764000000.000200', edited: { user: 'U0MAYA', ts: '1764000100.000000' } }, previous_message: { type: 'message', user: 'U0MAYA', text: 'what about elbit?', ts: '1764000000.000200' } }],
    ['a deletion (message_deleted)', { subtype: 'message_deleted', hidden: true, user: undefined, text: undefined, deleted_ts: '1764000000.000300', previous_message: { type: 'message', user: 'U0MAYA', text: 'what about elbit?', ts: '1764000000.000300' } }],
    ['a file share', { subtype: 'file_share', files: [{ id: 'F0FILE', name: 'scan.png' }] }],
    ['a /me message', { subtype: 'me_message' }],
    ['a thread broadcast', { subtype: 'thread_broadcast', thread_ts: '1764000000.000400' }],
    ['a message in a channel (not a DM)', { channel: 'C0ORGANIZE', channel_type: 'channel' }],
  ])('%s gets no answer', async (_label, extra) => {
    await dm('what about palantir?', extra);
    await settle(400);
    expect(posts()).toBe(0);
  });

  it('a re-delivery under a new event_id, and a retry, are answered once', async () => {
    const event = directMessageEvent('what about anyvision?');
    await h.post(signed(eventCallback(event, 'Ev0FIRST'), JSON_TYPE));
    await h.post(signed(eventCallback(event, 'Ev0SECOND'), JSON_TYPE));
    await h.post(signed(eventCallback(event, 'Ev0FIRST'), JSON_TYPE, { retryNum: 1 }));
    await h.slack.waitFor(() => postMessages().length >= 1);
    await settle(400);
    expect(postMessages()).toHaveLength(1);
  });

  it('hostile DMs: <!channel>, huge text, control characters — no ping, no crash, an answer', async () => {
    for (const sentText of ['<!channel> <!here> what about elbit?', `${'nimbus '.repeat(6000)}`, '\u0000\u202e &lt;!channel&gt;', escapeAsSlack('<@U0BOSS> & <script>')]) {
      h.slack.reset();
      await dm(sentText);
      await h.slack.waitFor(() => postMessages().length >= 1);
      expectSafe(postMessages()[0]!);
    }
  });
});

// ---------------------------------------------------------------------------------------------

type Verdict = 'matches' | 'differs' | 'not-in-knowledge';
/** [as written in the message, its verdict, the knowledge figure(s) the answer must show: entry, unit, value]. */
type Expected = [written: string, verdict: Verdict, ...shown: Array<[entryId: string, unit: Figure['unit'], value: number]>];

interface CheckCase {
  /** The message as the person typed it (Slack-encoded before sending). */
  typed: string;
  topics: string[];
  lang: 'en' | 'ar';
  figures: Expected[];
}

function knowledgeFigure(entryId: string, unit: Figure['unit'], value: number): Figure {
  const figure = knowledge.entry(entryId)?.figures.find((candidate) => candidate.unit === unit && candidate.value === value);
  if (!figure) throw new Error(`data/knowledge.json: ${entryId} has no ${unit} figure ${value}`);
  return figure;
}

/** A figure line of the answer, read as a person reads it: the quoted figure, the verdict, and its sub-lines. */
interface ShownClaim {
  written: string;
  verdict: string;
  detail: string;
}

function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function claimsShown(message: SlackMessage): ShownClaim[] {
  const text = message.blocks.map((block) => (block.type === 'section' ? (block.text?.text ?? '') : '')).join('\n');
  const out: ShownClaim[] = [];
  for (const line of text.split('\n')) {
    const head = /^• [“«](.*)[”»]: \*([^*]+)\*/.exec(line);
    if (head) out.push({ written: decodeEntities(head[1]!), verdict: head[2]!, detail: '' });
    else if (out.length > 0 && line.startsWith(' ')) out[out.length - 1]!.detail += `${line}\n`;
  }
  return out;
}

/** The text a person sees: sections, contexts and buttons' labels. */
function visibleText(message: SlackMessage): string {
  return message.blocks
    .flatMap((block) => {
      if (block.type === 'section') return [block.text?.text ?? ''];
      if (block.type === 'context') return block.elements.map((element) => ('text' in element ? element.text : ''));
      if (block.type === 'actions') return block.elements.map((element) => ((element as { text?: { text: string } }).text?.text ?? ''));
      return [];
    })
    .join('\n');
}

function topicsOffered(message: SlackMessage): string[] {
  return message.blocks
    .flatMap((block) => (block.type === 'actions' ? block.elements : []))
    .map((element) => (JSON.parse((element as { value: string }).value) as { q: string }).q);
}

const CASES: CheckCase[] = [
  {
    typed: "Microsoft's prison contract was $211k and 99.9% of Palestinians are convicted",
    topics: ['microsoft', 'ips-consulting'],
    lang: 'en',
    figures: [
      ['$211k', 'matches', ['ips-consulting', 'USD', 211_000]],
      ['99.9%', 'differs', ['ips-consulting', 'percent', 99.74], ['ips-consulting', 'percent', 96]],
    ],
  },
  { typed: 'Nimbus is a $1.2bn contract', topics: ['project-nimbus'], lang: 'en', figures: [['$1.2bn', 'matches', ['project-nimbus', 'USD', 1.2e9]]] },
  { typed: 'Nimbus is a $1 billion contract', topics: ['project-nimbus'], lang: 'en', figures: [['$1 billion', 'differs', ['project-nimbus', 'USD', 1.2e9]]] },
  { typed: 'Palantir made $2.9bn in revenue', topics: ['palantir'], lang: 'en', figures: [['$2.9bn', 'not-in-knowledge']] },
  {
    typed: "Google & Amazon's deal, Nimbus, is worth $2 billion and was signed in 2021",
    topics: ['google', 'amazon', 'project-nimbus'],
    lang: 'en',
    figures: [
      ['$2 billion', 'differs', ['project-nimbus', 'USD', 1.2e9]],
      ['2021', 'matches'],
    ],
  },
  {
    typed: 'Microsoft stored 13.6 petabytes of IDF data',
    topics: ['microsoft', 'idf-azure-support'],
    lang: 'en',
    figures: [['13.6 petabytes', 'matches', ['idf-azure-support', 'petabytes', 13.6]]],
  },
  {
    typed: "Norway's pension fund sold its NOK 35.8 million Elbit stake in 2009",
    topics: ['elbit-systems'],
    lang: 'en',
    figures: [
      ['NOK 35.8 million', 'matches', ['elbit-systems', 'NOK', 35.8e6]],
      ['2009', 'matches', ['elbit-systems', 'NOK', 35.8e6]],
    ],
  },
  { typed: 'Unit 8200 kept 11.5 PB of calls', topics: ['unit-8200-azure'], lang: 'en', figures: [['11.5 PB', 'matches', ['unit-8200-azure', 'terabytes', 11_500]]] },
  { typed: 'قيمة عقد نيمبوس ١٫٢ مليار دولار', topics: ['project-nimbus'], lang: 'ar', figures: [['١٫٢ مليار دولار', 'matches', ['project-nimbus', 'USD', 1.2e9]]] },
  {
    typed: 'عقد مايكروسوفت مع مصلحة السجون بقيمة ٢١١ ألف دولار، و٩٩٫٩٪ من الفلسطينيين يُدانون',
    topics: ['microsoft', 'ips-consulting'],
    lang: 'ar',
    figures: [
      ['٢١١ ألف دولار', 'matches', ['ips-consulting', 'USD', 211_000]],
      ['٩٩٫٩٪', 'differs', ['ips-consulting', 'percent', 99.74], ['ips-consulting', 'percent', 96]],
    ],
  },
  { typed: 'حققت بالانتير إيرادات بقيمة ٢٫٩ مليار دولار', topics: ['palantir'], lang: 'ar', figures: [['٢٫٩ مليار دولار', 'not-in-knowledge']] },
  {
    typed: 'صفقة جوجل وأمازون في مشروع نيمبوس قيمتها ملياري دولار',
    topics: ['google', 'amazon', 'project-nimbus'],
    lang: 'ar',
    figures: [['ملياري دولار', 'differs', ['project-nimbus', 'USD', 1.2e9]]],
  },
  {
    typed: 'بلغت قيمة صفقة ون سيم مع إلبيت ١٠٧ ملايين دولار',
    topics: ['elbit-onesim-azure', 'elbit-systems'],
    lang: 'ar',
    figures: [['١٠٧ ملايين دولار', 'matches', ['elbit-onesim-azure', 'USD', 107e6]]],
  },
];

describe('the message shortcut "Check with NoTech" (message_action)', () => {
  async function check(message: Record<string, unknown>, options: { channel?: { id: string; name: string } } = {}): Promise<void> {
    const response = await h.post(signed(messageShortcut(message, { responseUrl: h.slack.responseUrl('check'), ...options }), FORM));
    expect(response.status).toBe(200);
    expect(response.text).toBe(''); // acknowledged at once, with nothing shown in the conversation
  }

  async function privateAnswer(): Promise<Posted> {
    await h.slack.waitFor(() => ephemerals().length + postMessages().length >= 1);
    await settle(100);
    expect(posts()).toBe(1);
    const answer = ephemerals()[0] ?? postMessages()[0]!;
    expectSafe(answer);
    return answer;
  }

  it.each(CASES)('$typed', async ({ typed, topics, lang, figures }) => {
    await check({ text: escapeAsSlack(typed) });
    const answer = await privateAnswer();
    // Ephemeral, to the person who ran it, in that conversation.
    expect(ephemerals()).toHaveLength(1);
    expect(answer).toMatchObject({ channel: 'C0ORGANIZE', user: 'U0MAYA' });
    expect(langOf(answer)).toBe(lang);
    expect([...topicsOffered(answer)].sort()).toEqual([...topics].sort());

    const shownClaims = claimsShown(answer);
    expect(shownClaims.map((claim) => claim.written)).toEqual(figures.map(([written]) => written));
    const words = STRINGS[lang].verdicts;
    figures.forEach(([written, verdict, ...expectedShown], i) => {
      const claim = shownClaims[i]!;
      expect(claim.verdict, written).toBe(words[verdict]);
      for (const [entryId, unit, value] of expectedShown) {
        const figure = knowledgeFigure(entryId, unit, value);
        expect(claim.detail, `${written} shows ${entryId} ${value}`).toContain(formatFigureValue(figure, lang));
        expect(claim.detail).toContain(STRINGS[lang].levels[figure.level].words);
      }
      if (verdict === 'not-in-knowledge') expect(claim.detail).not.toContain(STRINGS[lang].levels.reported.words);
    });
    const all = visibleText(answer);
    expect(all).not.toMatch(/\b(true|false|wrong|incorrect)\b/i);
    if (lang === 'ar') expect(all).toContain('،'); // Arabic punctuation
  });

  it('a differing figure shows every knowledge value with its period and source link', async () => {
    await check({ text: '99.9% of Palestinians are convicted in the IPS contract courts' });
    const answer = await privateAnswer();
    const [claim] = claimsShown(answer);
    expect(claim!.verdict).toBe('differs');
    expect(claim!.detail).toMatch(/99\.74%.*2010/);
    expect(claim!.detail).toMatch(/96%.*2018/);
    expect(claim!.detail).toMatch(/<https:\/\/[^|>]+\|[^>]+>/);
    expect(claim!.detail).toContain(STRINGS.en.levels.corrected.words);
  });

  it('works on a message in a thread and on a DM the bot is in (ephemeral there)', async () => {
    await check({ text: 'Nimbus is a $1.2bn contract', thread_ts: '1764000000.000900' });
    expect((await privateAnswer()).channel).toBe('C0ORGANIZE');
    h.slack.reset();
    await check({ text: 'Nimbus is a $1.2bn contract' }, { channel: { id: 'D0MAYANOTECH', name: 'directmessage' } });
    expect(await privateAnswer()).toMatchObject({ channel: 'D0MAYANOTECH', user: 'U0MAYA' });
  });

  it("a topic's button in the answer opens its card privately, beside the answer (the verdicts stay)", async () => {
    await check({ text: 'Nimbus is a $1.2bn contract' });
    const answer = await privateAnswer();
    const actions = answer.blocks.find((block) => block.type === 'actions') as { block_id: string; elements: Array<{ action_id: string; value: string }> };
    const button = actions.elements[0]!;
    h.slack.reset();
    const response = await h.post(
      signed(blockAction({ action_id: button.action_id, value: button.value, block_id: actions.block_id }, { responseUrl: h.slack.responseUrl('open') }), FORM),
    );
    expect(response.status).toBe(200);
    await h.slack.waitFor(() => h.slack.responsePosts.length >= 1);
    const card = h.slack.responsePosts[0]!.body as unknown as SlackMessage & { replace_original: boolean; response_type: string };
    expect(card).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect((card.blocks[0] as { text: { text: string } }).text.text).toBe(knowledge.entry('project-nimbus')!.name.en);
  });

  it.each(['channel_not_found', 'not_in_channel'])('in a DM between two people (postEphemeral: %s), the answer comes as a DM from the bot', async (error) => {
    h.slack.fail('chat.postEphemeral', { kind: 'error', error });
    await check({ text: 'Nimbus is a $1.2bn contract' }, { channel: { id: 'D0MAYABOSS', name: 'directmessage' } });
    await h.slack.waitFor(() => postMessages().length >= 1);
    await settle(100);
    expect(ephemerals()).toHaveLength(1); // tried first
    expect(postMessages()).toHaveLength(1);
    expect(postMessages()[0]!.channel).toBe('U0MAYA'); // the person's DM with the bot, nobody else's
    expect(claimsShown(postMessages()[0]!)[0]).toMatchObject({ written: '$1.2bn', verdict: 'matches' });
  });

  it('when neither reaches the person, the response_url does', async () => {
    h.slack.fail('chat.postEphemeral', { kind: 'error', error: 'channel_not_found' });
    h.slack.fail('chat.postMessage', { kind: 'error', error: 'cannot_dm_bot' });
    await check({ text: 'Nimbus is a $1.2bn contract' }, { channel: { id: 'D0MAYABOSS', name: 'directmessage' } });
    await h.slack.waitFor(() => h.slack.responsePosts.length >= 1);
    expect(h.slack.responsePosts[0]!.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['<!channel> with a figure and a topic', { text: '<!channel> Nimbus is a $1.2bn contract' }, /matches/],
    ['<!channel> alone', { text: '<!channel> <!here> <@U0BOSS> read this' }, /names no topic NoTech knows and states no figure/],
    ['empty text', { text: '' }, /names no topic NoTech knows and states no figure/],
    ['an image only (no text)', { files: [{ id: 'F0IMG', mimetype: 'image/png', name: 'photo.png' }], upload: true }, /names no topic NoTech knows and states no figure/],
    ['huge text', { text: `Nimbus is a $1.2bn contract. ${'And 99.9% of them, 4 workers, $5 million. '.repeat(900)}` }, /and \d+ more figures/],
    ['figures but no topic', { text: 'a $1.2bn deal and 45% of workers' }, /names no topic NoTech knows, so its figures were not compared/],
    ['Arabic with no topic and no figure', { text: 'مرحبا بالجميع' }, /لا تذكر الرسالة موضوعًا يعرفه NoTech ولا رقمًا/],
  ])('hostile or empty: %s — no ping, no crash, a sensible answer', async (_label, message, expected) => {
    await check(message);
    const answer = await privateAnswer();
    expect(JSON.stringify(answer.blocks)).toMatch(expected);
    expect(JSON.stringify(answer)).not.toMatch(/<!channel>|<!here>|<@U0BOSS>/);
  });

  it('an unknown callback id is not answered', async () => {
    const response = await h.post(signed(messageShortcut({ text: 'Nimbus is a $1.2bn contract' }, { responseUrl: h.slack.responseUrl('x'), callbackId: 'someone_else' }), FORM));
    await settle(300);
    expect(posts()).toBe(0);
    expect(response.status).not.toBe(500);
  });
});
