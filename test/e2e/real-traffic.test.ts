/**
 * Real Slack traffic, replayed over signed HTTP through the real app against the fake Slack:
 * payloads written exactly as Slack sends them (form-encoded commands with entity-encoded text
 * and shortcodes, event JSON with event_id, event_time, `edited`, retry headers, re-deliveries
 * under new event ids, Slack's own protocol requests, failing deliveries). One table per kind
 * of fault from issue #11; each case says what must come out: which card (or answer), in which
 * language, how many posts reached Slack, which HTTP status.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkMessage } from '../../src/messages/limits.js';
import type { SlackMessage } from '../../src/messages/types.js';
import { realKnowledge } from '../helpers/knowledge.js';
import { startHarness, type Harness } from '../support/app-harness.js';
import type { Failure } from '../support/fake-slack.js';
import { FORBIDDEN_IN_MESSAGES, shown } from '../support/hostile.js';
import { expectNoPrivateData } from '../support/privacy.js';
import { blockAction, eventCallback, FORM, JSON_TYPE, sign, signed, slashCommand } from '../support/slack-requests.js';

const knowledge = realKnowledge();
const BOT = 'U0NOTECH';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
  // Nothing typed in this suite reaches a log line at info or above.
  const { checked } = expectNoPrivateData(h.logs, ['Google & Amazon', 'Google &amp; Amazon', 'partyparrot', 'بالانتیر', 'compare nimbus', 'ماذا عن', 'شكرا', 'token=', 'ssl_check', 'challenge-']);
  expect(checked).toBeGreaterThan(0);
});
beforeEach(() => h.slack.reset());

/** What an answer is, read from the message the way a person reads it. */
type Outcome =
  | { card: string; lang: 'en' | 'ar' }
  | { topics: string[]; lang: 'en' | 'ar' }
  | { list: true; lang: 'en' | 'ar' }
  | { help: true; lang: 'en' | 'ar' }
  | { results: true; lang: 'en' | 'ar' }
  | { didYouMean: true; lang: 'en' | 'ar'; echo?: string };

const ARABIC = /\p{Script=Arabic}/u;

function expectOutcome(message: SlackMessage, outcome: Outcome): void {
  expect(checkMessage(message, 'message', { allow: ['<@U0MAYA>'] })).toEqual([]);
  expect(shown(message)).not.toMatch(FORBIDDEN_IN_MESSAGES);
  const first = message.blocks[0] as { type: string; text?: { text: string } };
  const text = JSON.stringify(message.blocks);
  // The language: every answer opens with text in that language (Arabic script or not).
  expect(ARABIC.test(first.text?.text ?? message.text), `language of ${first.text?.text}`).toBe(outcome.lang === 'ar');
  if ('card' in outcome) {
    expect(first).toMatchObject({ type: 'header', text: { text: knowledge.entry(outcome.card)!.name[outcome.lang] } });
  } else if ('topics' in outcome) {
    const buttons = message.blocks.flatMap((block) => (block.type === 'actions' ? block.elements : [])) as Array<{ action_id: string; value: string }>;
    expect(buttons.map((button) => (JSON.parse(button.value) as { q: string }).q)).toEqual(outcome.topics);
    for (const id of outcome.topics) expect(text).toContain(`/notech ${id}`);
    expect(first.text?.text).toMatch(outcome.lang === 'ar' ? /موضوعين|مواضيع/ : /names \d topics/);
  } else if ('list' in outcome) {
    expect(first.text?.text).toBe(outcome.lang === 'ar' ? 'المواضيع' : 'Topics');
  } else if ('help' in outcome) {
    expect(text).toMatch(outcome.lang === 'ar' ? /لم أتعرّف على موضوع|NoTech: حقائق/ : /didn't recognise a topic|NoTech: sourced facts/);
  } else if ('results' in outcome) {
    expect(first.text?.text).toMatch(outcome.lang === 'ar' ? /نتائج البحث|لا توجد حقيقة/ : /Search results|No fact mentions/);
  } else {
    expect(first.text?.text).toMatch(outcome.lang === 'ar' ? /لا يوجد موضوع باسم/ : /No topic is called/);
    if (outcome.echo !== undefined) expect(first.text?.text).toContain(outcome.echo);
  }
}

/** A shared card opens with "Shared by <@U…>"; the card itself follows. */
function withoutSharedBy(message: SlackMessage): SlackMessage {
  expect(JSON.stringify(message.blocks[0])).toMatch(/Shared by <@U0MAYA>|شاركه <@U0MAYA>/);
  return { ...message, blocks: message.blocks.slice(1) };
}

/** Everything that reached Slack: Web API posts and response_url posts. */
const posts = () => h.slack.callsTo('chat.postMessage').length + h.slack.callsTo('chat.postEphemeral').length + h.slack.responsePosts.length;
const settle = (ms = 250) => new Promise((resolve) => setTimeout(resolve, ms));

/** `/notech <text>`, `text` exactly as Slack puts it in the form body. */
async function command(sentText: string): Promise<{ status: number; message: SlackMessage }> {
  const response = await h.post(signed(slashCommand(sentText, h.slack.responseUrl('cmd')), FORM));
  return { status: response.status, message: response.json() as SlackMessage };
}

let tsCounter = 0;
const nextTs = () => `${1_764_000_000 + (tsCounter += 1)}.000${100 + tsCounter}`;

interface Delivery {
  eventId?: string;
  retry?: { num: number; reason: string };
  edited?: boolean;
}

/** An app_mention event as Slack sends it; `sentText` is the whole event text (with `<@BOT>`). */
function mentionPayload(sentText: string, message: { channel?: string; ts?: string; thread_ts?: string } = {}, delivery: Delivery = {}): { body: string; headers: Record<string, string> } {
  const ts = message.ts ?? nextTs();
  const event = {
    type: 'app_mention',
    user: 'U0MAYA',
    text: sentText,
    ts,
    client_msg_id: `cm-${ts}`,
    team: 'T0TEST',
    channel: message.channel ?? 'C0ORGANIZE',
    event_ts: delivery.edited ? `${Number(ts) + 30}` : ts,
    ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
    ...(delivery.edited ? { edited: { user: 'U0MAYA', ts: `${Number(ts) + 30}` } } : {}),
  };
  const request = signed(eventCallback(event, delivery.eventId), JSON_TYPE);
  if (delivery.retry) {
    request.headers['x-slack-retry-num'] = String(delivery.retry.num);
    request.headers['x-slack-retry-reason'] = delivery.retry.reason;
  }
  return request;
}

async function mention(sentText: string, message: { channel?: string; ts?: string; thread_ts?: string } = {}, delivery: Delivery = {}): Promise<number> {
  return (await h.post(mentionPayload(sentText, message, delivery))).status;
}

/** The answers posted in threads, in order. */
const threadAnswers = () => h.slack.callsTo('chat.postMessage').map((call) => call.args as unknown as SlackMessage & { thread_ts: string; channel: string });

describe('1. Slack text encoding: commands and mentions read what the person typed', () => {
  it.each<[string, string, Outcome]>([
    ['& arrives as &amp; (two topics named)', 'Google &amp; Amazon', { topics: ['google', 'amazon'], lang: 'en' }],
    ['an emoji picked in the client', 'elbit :fire:', { card: 'elbit-systems', lang: 'en' }],
    ['an emoji with a skin tone', ':wave::skin-tone-3: palantir', { card: 'palantir', lang: 'en' }],
    ['a custom emoji (no character)', 'nimbus :partyparrot:', { card: 'project-nimbus', lang: 'en' }],
    ['Arabic with an emoji', 'إلبيت :fire::fire:', { card: 'elbit-systems', lang: 'ar' }],
    ['Arabic with & and a custom emoji', 'مصلحة السجون &amp; :partyparrot:', { card: 'ips-consulting', lang: 'ar' }],
    ['@here as Slack sends it, then the topic', '<!here> what about anyvision?', { card: 'anyvision-m12', lang: 'en' }],
    ['a person and a channel reference', '<@U0MAYA|maya> asked in <#C0ORGANIZE|organizing> about palantir', { card: 'palantir', lang: 'en' }],
    ['a link with a label', '<https://example.org/report?a=1&amp;b=2|this report> on project nimbus', { card: 'project-nimbus', lang: 'en' }],
    ['Arabic with a user group and a date', '<!subteam^S0ORG|@organizers> <!date^1764000000^{date}|28 Nov> ماذا عن بالانتير؟', { card: 'palantir', lang: 'ar' }],
  ])('/notech: %s', async (_label, sentText, outcome) => {
    const { status, message } = await command(sentText);
    expect(status).toBe(200);
    expectOutcome(message, outcome);
    await settle(50);
    expect(posts()).toBe(0); // the answer is the acknowledgement itself
  });

  it.each<[string, string, string, 'en' | 'ar']>([
    ['& is quoted once', 'xyzzy &amp; plugh', 'xyzzy &amp; plugh', 'en'],
    ['typed < > & come back as typed, escaped once', 'xyzzy &lt;b&gt; &amp;amp;', 'xyzzy &lt;b&gt; &amp;amp;', 'en'],
    ['a typed <!channel> is shown, not acted on', 'xyzzy &lt;!channel&gt;', 'xyzzy &lt;!channel&gt;', 'en'],
    ['a decoded @channel pings nobody', 'xyzzy <!channel> <!here>', 'xyzzy @\u2060channel @\u2060here', 'en'],
    ['times are not shortcodes; :100: is', 'xyzzy 10:30:45 :100:', 'xyzzy 10:30:45 💯', 'en'],
    ['Arabic echo with & and an emoji', 'مرحبا &amp; :wave:', 'مرحبا &amp; 👋', 'ar'],
  ])('the echo: %s', async (_label, sentText, echo, lang) => {
    const { status, message } = await command(sentText);
    expect(status).toBe(200);
    expectOutcome(message, { didYouMean: true, lang, echo });
    expect(JSON.stringify(message)).not.toMatch(/&amp;amp;amp;|&amp;lt;!|<!channel>|<!here>/);
  });

  it('a mention with encoded text is answered in its thread', async () => {
    expect(await mention(`<@${BOT}> nimbus &amp; :fire:`)).toBe(200);
    await h.slack.waitFor(() => threadAnswers().length >= 1);
    await settle();
    expect(threadAnswers()).toHaveLength(1);
    expectOutcome(threadAnswers()[0]!, { card: 'project-nimbus', lang: 'en' });
  });
});

describe('2. Topics in free text: greetings, thanks, question words around the mention', () => {
  it.each<[string, string, Outcome]>([
    ['greeting before the mention', `hey <@${BOT}> what about palantir?`, { card: 'palantir', lang: 'en' }],
    ['please and thanks around it', `<@${BOT}> hi! can you tell me about elbit, please? thanks`, { card: 'elbit-systems', lang: 'en' }],
    ['a question with filler', `<@${BOT}> what do we know about the IPS contract?`, { card: 'ips-consulting', lang: 'en' }],
    ['other words around one clear name', `<@${BOT}> my manager asked about anyvision, anything?`, { card: 'anyvision-m12', lang: 'en' }],
    ['two topics: offer both', `<@${BOT}> google and amazon`, { topics: ['google', 'amazon'], lang: 'en' }],
    ['compare two topics', `<@${BOT}> compare nimbus with palantir`, { topics: ['project-nimbus', 'palantir'], lang: 'en' }],
    ['a longer name wins over its parts', `<@${BOT}> what about google nimbus?`, { card: 'project-nimbus', lang: 'en' }],
    ['Arabic greeting, question and thanks', `مرحبا <@${BOT}> ماذا عن بالانتير؟ شكرا`, { card: 'palantir', lang: 'ar' }],
    ['Arabic please', `<@${BOT}> من فضلك أخبرني عن مصلحة السجون`, { card: 'ips-consulting', lang: 'ar' }],
    ['Arabic "what is"', `<@${BOT}> ما هو مشروع نيمبوس؟`, { card: 'project-nimbus', lang: 'ar' }],
    ['Arabic two topics joined by و', `<@${BOT}> جوجل وأمازون`, { topics: ['google', 'amazon'], lang: 'ar' }],
    ['only thanks: the short help, no guess', `<@${BOT}> thanks!`, { help: true, lang: 'en' }],
    ['only an Arabic greeting: the short help', `<@${BOT}> مرحبا`, { help: true, lang: 'ar' }],
  ])('mention: %s', async (_label, sentText, outcome) => {
    expect(await mention(sentText, { thread_ts: nextTs() })).toBe(200);
    await h.slack.waitFor(() => threadAnswers().length >= 1);
    await settle(100);
    expect(threadAnswers()).toHaveLength(1);
    expectOutcome(threadAnswers()[0]!, outcome);
  });

  it.each<[string, string, Outcome]>([
    ['command with greeting and thanks', 'hi, what about palantir? thanks', { card: 'palantir', lang: 'en' }],
    ['command with two topics', 'compare nimbus with palantir', { topics: ['project-nimbus', 'palantir'], lang: 'en' }],
    ['keyword after a greeting', 'hi, list please', { list: true, lang: 'en' }],
    ['Arabic keyword after a greeting', 'مرحبا قائمة', { list: true, lang: 'ar' }],
    ['nothing named: did you mean', 'what about surveillance?', { didYouMean: true, lang: 'en' }],
  ])('/notech: %s', async (_label, sentText, outcome) => {
    const { status, message } = await command(sentText);
    expect(status).toBe(200);
    expectOutcome(message, outcome);
  });

  it('the buttons offered for two topics open each card', async () => {
    const { message } = await command('google &amp; amazon');
    const buttons = message.blocks.flatMap((block) => (block.type === 'actions' ? block.elements : [])) as Array<{ action_id: string; value: string }>;
    await h.post(signed(blockAction(buttons[1]!, { responseUrl: h.slack.responseUrl('open-two') }), FORM));
    await h.slack.waitFor(() => h.slack.responsePosts.length >= 1);
    expectOutcome(h.slack.responsePosts[0]!.body as unknown as SlackMessage, { card: 'amazon', lang: 'en' });
  });
});

describe('3. One answer per message, whatever the delivery', () => {
  it.each<[string, Array<{ sent: string; delivery: Delivery; channel?: string; sameTs?: boolean }>, number, Outcome]>([
    ['an edit of an answered mention (same ts, `edited`, new event id)', [{ sent: `<@${BOT}> what about palantir?`, delivery: {} }, { sent: `<@${BOT}> what about palantir technologies?`, delivery: { edited: true }, sameTs: true }], 1, { card: 'palantir', lang: 'en' }],
    ['a re-delivery under a new event id, no retry header', [{ sent: `<@${BOT}> nimbus`, delivery: {} }, { sent: `<@${BOT}> nimbus`, delivery: {}, sameTs: true }], 1, { card: 'project-nimbus', lang: 'en' }],
    ['documented retries (X-Slack-Retry-Num 1, 2, 3) of one event id', [{ sent: `<@${BOT}> elbit`, delivery: { eventId: 'Ev0SAME00001' } }, { sent: `<@${BOT}> elbit`, delivery: { eventId: 'Ev0SAME00001', retry: { num: 1, reason: 'http_timeout' } }, sameTs: true }, { sent: `<@${BOT}> elbit`, delivery: { eventId: 'Ev0SAME00001', retry: { num: 2, reason: 'http_error' } }, sameTs: true }, { sent: `<@${BOT}> elbit`, delivery: { eventId: 'Ev0SAME00001', retry: { num: 3, reason: 'connection_failed' } }, sameTs: true }], 1, { card: 'elbit-systems', lang: 'en' }],
    ['an Arabic mention retried under a new event id', [{ sent: `<@${BOT}> ماذا عن إلبيت؟`, delivery: {} }, { sent: `<@${BOT}> ماذا عن إلبيت؟`, delivery: { retry: { num: 1, reason: 'http_timeout' } }, sameTs: true }], 1, { card: 'elbit-systems', lang: 'ar' }],
    ['an Arabic mention edited twice', [{ sent: `<@${BOT}> بالانتير`, delivery: {} }, { sent: `<@${BOT}> بالانتير؟`, delivery: { edited: true }, sameTs: true }, { sent: `<@${BOT}> ماذا عن بالانتير؟`, delivery: { edited: true }, sameTs: true }], 1, { card: 'palantir', lang: 'ar' }],
    ['an edit whose first delivery never came is answered once', [{ sent: `<@${BOT}> amazon`, delivery: { edited: true } }, { sent: `<@${BOT}> amazon`, delivery: { edited: true }, sameTs: true }], 1, { card: 'amazon', lang: 'en' }],
    ['two messages (different ts) are two answers', [{ sent: `<@${BOT}> google`, delivery: {} }, { sent: `<@${BOT}> google`, delivery: {} }], 2, { card: 'google', lang: 'en' }],
    ['the same ts in another channel is another message', [{ sent: `<@${BOT}> microsoft`, delivery: {} }, { sent: `<@${BOT}> microsoft`, delivery: {}, sameTs: true, channel: 'C0OTHER' }], 2, { card: 'microsoft', lang: 'en' }],
  ])('%s', async (_label, deliveries, answers, outcome) => {
    let ts = '';
    for (const { sent, delivery, channel, sameTs } of deliveries) {
      if (!sameTs) ts = nextTs();
      expect(await mention(sent, { ts, ...(channel ? { channel } : {}) }, delivery)).toBe(200);
    }
    await h.slack.waitFor(() => threadAnswers().length >= 1);
    await settle(300);
    expect(threadAnswers()).toHaveLength(answers);
    for (const answer of threadAnswers()) expectOutcome(answer, outcome);
  });

  it('three deliveries of one message at once (new event ids) get one answer', async () => {
    const ts = nextTs();
    const statuses = await Promise.all([0, 1, 2].map(() => mention(`<@${BOT}> stop the wall`, { ts })));
    expect(statuses).toEqual([200, 200, 200]);
    await h.slack.waitFor(() => threadAnswers().length >= 1);
    await settle(300);
    expect(threadAnswers()).toHaveLength(1);
    expectOutcome(threadAnswers()[0]!, { card: 'stop-the-wall', lang: 'en' });
  });
});

describe('4. Arabic as Persian and Urdu keyboards type it', () => {
  it.each<[string, string, Outcome]>([
    ['ی (Farsi yeh) in a name', 'ماذا عن بالانتیر', { card: 'palantir', lang: 'ar' }],
    ['ی in a filler word and a name', 'أخبرنی عن إلبیت', { card: 'elbit-systems', lang: 'ar' }],
    ['ۃ (teh marbuta goal)', 'مصلحۃ السجون', { card: 'ips-consulting', lang: 'ar' }],
    ['ہ (heh goal) in a keyword', 'قائمہ', { list: true, lang: 'ar' }],
    ['ھ and ک in a search keyword and words', 'ابحث مایکروسوفت', { results: true, lang: 'ar' }],
    ['ە (ae) ending a keyword', 'مساعدە', { help: true, lang: 'ar' }],
    ['Persian digits', 'وحدۃ ۸۲۰۰', { card: 'unit-8200-azure', lang: 'ar' }],
    ['Arabic-Indic digits', 'الوحدة ٨٢٠٠', { card: 'unit-8200-azure', lang: 'ar' }],
    ['ک and ی in filler and thanks', 'لطفا ماذا عن نیمبوس؟ شکرا', { card: 'project-nimbus', lang: 'ar' }],
  ])('/notech: %s', async (_label, sentText, outcome) => {
    const { status, message } = await command(sentText);
    expect(status).toBe(200);
    expectOutcome(message, outcome);
  });

  it('a mention typed on a Persian keyboard', async () => {
    expect(await mention(`<@${BOT}> سلام، ماذا عن جوجل؟ مرسی`)).toBe(200);
    await h.slack.waitFor(() => threadAnswers().length >= 1);
    expectOutcome(threadAnswers()[0]!, { card: 'google', lang: 'ar' });
  });
});

/** A raw request: headers as given (nothing added), the body as bytes. */
async function rawPost(body: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  const response = await fetch(`${h.baseUrl}/slack/events`, { method: 'POST', headers, body });
  return { status: response.status, text: await response.text() };
}

describe("5. Slack's own protocol requests", () => {
  const now = () => Math.floor(Date.now() / 1000);
  it.each<[string, () => { body: string; headers: Record<string, string> }, number, string | undefined]>([
    ["ssl_check, unsigned, as Slack sends it: 200", () => ({ body: 'token=verificationtoken123&ssl_check=1', headers: { 'content-type': FORM } }), 200, ''],
    ['ssl_check with a smuggled command: 200, and nothing runs', () => ({ body: `ssl_check=1&command=%2Fnotech&text=elbit&response_url=${encodeURIComponent(h.slack.responseUrl('smuggled'))}`, headers: { 'content-type': FORM } }), 200, ''],
    ['an unsigned command without ssl_check: 401', () => ({ body: slashCommand('elbit', h.slack.responseUrl('unsigned')), headers: { 'content-type': FORM } }), 401, undefined],
    ['ssl_check as JSON, unsigned: 401', () => ({ body: '{"ssl_check":"1"}', headers: { 'content-type': JSON_TYPE } }), 401, undefined],
    ['ssl_check padded past 512 bytes, unsigned: 401', () => ({ body: `ssl_check=1&pad=${'x'.repeat(600)}`, headers: { 'content-type': FORM } }), 401, undefined],
    ['ssl_check with a signature header but no timestamp: 401', () => ({ body: 'ssl_check=1', headers: { 'content-type': FORM, 'x-slack-signature': sign('ssl_check=1', now()) } }), 401, undefined],
    ['url_verification, signed: the challenge', () => signed(JSON.stringify({ token: 'x', challenge: 'challenge-3eZbrw1aBm2r', type: 'url_verification' }), JSON_TYPE), 200, '{"challenge":"challenge-3eZbrw1aBm2r"}'],
    ['url_verification, unsigned: 401', () => ({ body: JSON.stringify({ token: 'x', challenge: 'challenge-x', type: 'url_verification' }), headers: { 'content-type': JSON_TYPE } }), 401, undefined],
  ])('%s', async (_label, build, status, body) => {
    const request = build();
    const response = await rawPost(request.body, request.headers);
    expect(response.status).toBe(status);
    if (body !== undefined) expect(response.text).toBe(body);
    await settle(150);
    expect(posts()).toBe(0);
  });

  it('app_rate_limited, signed: acknowledged at once', async () => {
    const started = Date.now();
    const response = await h.post(signed(JSON.stringify({ token: 'x', type: 'app_rate_limited', team_id: 'T0TEST', minute_rate_limited: 1764000000, api_app_id: 'A0NOTECH' }), JSON_TYPE));
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(h.logs.some((line) => line.includes('"event":"app_rate_limited"') && line.includes('"minuteRateLimited":1764000000'))).toBe(true);
    await settle(100);
    expect(posts()).toBe(0);
  });

  it('the app still answers after all of them', async () => {
    const { status, message } = await command('elbit');
    expect(status).toBe(200);
    expectOutcome(message, { card: 'elbit-systems', lang: 'en' });
  });
});

describe('6. When a share cannot be delivered, the person is told', () => {
  const value = (q: string, lang: 'en' | 'ar') => JSON.stringify({ v: 1, q: `${q} lang:${lang}`, lang });
  /** A share pressed in a DM between two people (D…), where the bot is not a member. */
  async function shareInDm(q: string, lang: 'en' | 'ar', failures: Record<string, Failure[]>) {
    for (const [method, list] of Object.entries(failures)) h.slack.fail(method, ...list);
    const status = (await h.post(signed(blockAction({ action_id: 'notech_share', value: value(q, lang) }, { responseUrl: h.slack.responseUrl('dm-share'), container: { type: 'message', message_ts: nextTs(), channel_id: 'D0TWOPEOPLE', is_ephemeral: true } }).replace(/C0ORGANIZE/g, 'D0TWOPEOPLE'), FORM))).status;
    await settle(400);
    return status;
  }
  const expired: Failure = { kind: 'status', status: 404 };
  const nothingWorks = {
    response_url: [expired, expired],
    'chat.postMessage': [{ kind: 'error', error: 'channel_not_found' } as Failure],
    'conversations.join': [{ kind: 'error', error: 'method_not_supported_for_channel_type' } as Failure],
    'chat.postEphemeral': [{ kind: 'error', error: 'channel_not_found' } as Failure],
  };
  const dms = () => h.slack.callsTo('chat.postMessage').filter((call) => call.args.channel === 'U0MAYA');

  it.each<[string, string, 'en' | 'ar', RegExp]>([
    ['English: a DM says what failed and what to do', 'elbit-systems', 'en', /couldn't share that card.*not a member.*expired.*\/notech elbit-systems lang:en.*\/invite @NoTech/s],
    ['Arabic: the same DM in Arabic', 'palantir', 'ar', /لم أتمكن من مشاركة البطاقة.*انتهت صلاحية الزر.*\/notech palantir lang:ar/s],
  ])('%s', async (_label, q, lang, expected) => {
    expect(await shareInDm(q, lang, structuredClone(nothingWorks))).toBe(200);
    await h.slack.waitFor(() => dms().length >= 1);
    expect(dms()).toHaveLength(1);
    const dm = dms()[0]!.args as unknown as SlackMessage;
    expect(dm.text).toMatch(expected);
    expect(ARABIC.test(dm.text)).toBe(lang === 'ar');
    expect(checkMessage(dm)).toEqual([]);
    // Tried, in order: the channel (failed), joining it (impossible in a DM), an ephemeral note there, then the DM.
    expect(h.slack.calls.map((call) => call.method).filter((method) => method !== 'auth.test')).toEqual(['chat.postMessage', 'conversations.join', 'chat.postEphemeral', 'chat.postMessage']);
  });

  it.each<[string, Record<string, Failure[]>, number, number]>([
    ['the response_url works: shared, no DM', {}, 2, 0],
    ['the response_url expired but the bot can post there: shared, no DM', { response_url: [expired, expired] }, 1, 0],
    ['posting fails but the ephemeral note reaches them: no DM', { response_url: [expired, expired], 'chat.postMessage': [{ kind: 'error', error: 'channel_not_found' }], 'conversations.join': [{ kind: 'error', error: 'method_not_supported_for_channel_type' }] }, 1, 0],
  ])('%s', async (_label, failures, deliveredToSlack, dmCount) => {
    expect(await shareInDm('google', 'en', failures)).toBe(200);
    expect(dms()).toHaveLength(dmCount);
    expect(posts() - dms().length).toBeGreaterThanOrEqual(deliveredToSlack);
  });

  it.each<[string, 'en' | 'ar', Record<string, Failure[]>, string, boolean]>([
    ['a topic button pressed after its response_url expired: the card comes as an ephemeral message', 'en', { response_url: [expired] }, 'chat.postEphemeral', true],
    ['the same in a DM where the bot is not a member: the card comes as a DM from the bot', 'ar', { response_url: [expired], 'chat.postEphemeral': [{ kind: 'error', error: 'channel_not_found' }] }, 'chat.postMessage', false],
  ])('%s', async (_label, lang, failures, method, inChannel) => {
    for (const [failing, list] of Object.entries(failures)) h.slack.fail(failing, ...list);
    const button = { action_id: 'notech_open_1', value: JSON.stringify({ v: 1, q: 'amazon', lang }) };
    const status = (await h.post(signed(blockAction(button, { responseUrl: h.slack.responseUrl('old') }), FORM))).status;
    expect(status).toBe(200);
    await h.slack.waitFor(() => h.slack.callsTo(method).length >= 1);
    await settle();
    const delivered = h.slack.callsTo(method).at(-1)!.args;
    expect(delivered).toMatchObject(inChannel ? { channel: 'C0ORGANIZE', user: 'U0MAYA' } : { channel: 'U0MAYA' });
    expectOutcome(delivered as unknown as SlackMessage, { card: 'amazon', lang });
    expect(h.slack.callsTo('chat.postMessage').length + h.slack.callsTo('chat.postEphemeral').length).toBe(inChannel ? 1 : 2);
  });

  it('a topic button under a reply in a thread opens the card privately and leaves the reply', async () => {
    const button = { action_id: 'notech_open_0', value: JSON.stringify({ v: 1, q: 'google', lang: 'en' }) };
    const container = { type: 'message', message_ts: '1764000000.000300', channel_id: 'C0ORGANIZE', is_ephemeral: false };
    await h.post(signed(blockAction(button, { responseUrl: h.slack.responseUrl('thread'), container }), FORM));
    await h.slack.waitFor(() => h.slack.responsePosts.length >= 1);
    expect(h.slack.responsePosts[0]!.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expectOutcome(h.slack.responsePosts[0]!.body as unknown as SlackMessage, { card: 'google', lang: 'en' });
  });

  it.each<[string, string, 'en' | 'ar', Failure[], string]>([
    ['a mention whose thread reply is refused: the answer comes as an ephemeral message', `<@${BOT}> what about nimbus?`, 'en', [{ kind: 'error', error: 'restricted_action' }], 'chat.postEphemeral'],
    ['the same, when the bot was removed from the channel: a DM', `<@${BOT}> ماذا عن نيمبوس؟`, 'ar', [{ kind: 'error', error: 'not_in_channel' }], 'chat.postMessage'],
  ])('%s', async (_label, sent, lang, failures, method) => {
    h.slack.fail('chat.postMessage', ...failures);
    if (method === 'chat.postMessage') h.slack.fail('chat.postEphemeral', { kind: 'error', error: 'channel_not_found' });
    expect(await mention(sent)).toBe(200);
    await h.slack.waitFor(() => h.slack.callsTo(method).length >= (method === 'chat.postMessage' ? 2 : 1));
    await settle();
    const delivered = h.slack.callsTo(method).at(-1)!.args;
    expect(delivered).toMatchObject(method === 'chat.postMessage' ? { channel: 'U0MAYA' } : { channel: 'C0ORGANIZE', user: 'U0MAYA' });
    expectOutcome(delivered as unknown as SlackMessage, { card: 'project-nimbus', lang });
  });

  it.each<[string, 'en' | 'ar', Record<string, Failure[]>, number]>([
    ['a double click on Share posts the card once', 'en', {}, 1],
    ['a double click in Arabic, first through the fallback post: once', 'ar', { response_url: [expired] }, 1],
  ])('%s', async (_label, lang, failures, cards) => {
    for (const [failing, list] of Object.entries(failures)) h.slack.fail(failing, ...list);
    const container = { type: 'message', message_ts: nextTs(), channel_id: 'C0ORGANIZE', is_ephemeral: true };
    const click = () => h.post(signed(blockAction({ action_id: 'notech_share', value: value('nimbus', lang) }, { responseUrl: h.slack.responseUrl(`dbl-${lang}`), container }), FORM));
    const statuses = await Promise.all([click(), click()]);
    expect(statuses.map((response) => response.status)).toEqual([200, 200]);
    await settle(400);
    const publicCards = [...h.slack.callsTo('chat.postMessage').map((call) => call.args), ...h.slack.responsePosts.map((post) => post.body)].filter((message) => message.response_type === 'in_channel' || message.channel === 'C0ORGANIZE');
    expect(publicCards).toHaveLength(cards);
    expectOutcome(withoutSharedBy(publicCards[0] as unknown as SlackMessage), { card: 'project-nimbus', lang });
  });

  it('a share that failed can be pressed again once the bot is invited', async () => {
    const container = { type: 'message', message_ts: nextTs(), channel_id: 'C0ORGANIZE', is_ephemeral: true };
    const press = () => h.post(signed(blockAction({ action_id: 'notech_share', value: value('google', 'en') }, { responseUrl: h.slack.responseUrl('again'), container }), FORM));
    h.slack.fail('response_url', expired);
    h.slack.fail('chat.postMessage', { kind: 'error', error: 'not_in_channel' }, { kind: 'error', error: 'not_in_channel' });
    h.slack.fail('conversations.join', { kind: 'error', error: 'method_not_supported_for_channel_type' });
    await press();
    await settle(300);
    expect(h.slack.channelMessages.get('C0ORGANIZE') ?? []).toHaveLength(0);
    await press();
    // The card, then the preview replaced by "Shared in the channel.".
    await h.slack.waitFor(() => h.slack.responsePosts.some((post) => post.body.replace_original === true));
    expectOutcome(withoutSharedBy(h.slack.responsePosts.find((post) => post.body.response_type === 'in_channel')!.body as unknown as SlackMessage), { card: 'google', lang: 'en' });
  });

  it('when even the DM fails, the request is still answered and logged without text', async () => {
    expect(await shareInDm('amazon', 'ar', { ...structuredClone(nothingWorks), 'chat.postMessage': [{ kind: 'error', error: 'channel_not_found' }, { kind: 'error', error: 'cannot_dm_bot' }] })).toBe(200);
    expect(dms()).toHaveLength(1);
    expect(h.logs.some((line) => line.includes('could not tell the sharer'))).toBe(true);
  });
});
