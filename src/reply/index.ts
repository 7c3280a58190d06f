/**
 * What the bot replies, on every surface: the one path every request takes, text (or a
 * button's value) → parse → answer → compose. Slash command, mention, the Share, Open and
 * All-facts buttons and the console differ only in the function they call here; listeners only
 * deliver the message. Sits above src/query (grammar, answer) and src/messages (what to say).
 */
import { hash, randomBytes } from 'node:crypto';
import type { Knowledge } from '../knowledge/knowledge.js';
import type { Lang } from '../messages/strings/index.js';
import type { ButtonValue } from '../messages/buttons.js';
import { factCard } from '../messages/card.js';
import { compose, type ComposeOptions } from '../messages/compose.js';
import { actions } from '../messages/blocks.js';
import { REPORT_BLOCK_ID } from '../messages/buttons.js';
import { checkAnswer } from '../messages/check.js';
import { quickHelp, quickHelpInDm } from '../messages/quick-help.js';
import { reportButton } from '../messages/report.js';
import { bannerOption, reviewDay } from '../messages/review-dates.js';
import { t } from '../messages/strings/index.js';
import type { SlackMessage } from '../messages/types.js';
import { answer, type Answer } from '../query/answer.js';
import { checkText, type MessageCheck } from '../query/check.js';
import { FULL_WORD, parseQuery, stripMentions } from '../query/parse.js';

export interface Reply {
  /** The language the answer is in (the query's, or the fallback). */
  lang: Lang;
  answer: Answer;
  message: SlackMessage;
  /** A mention that named nothing the bot knows got the short help instead of an answer. */
  quickHelp?: true;
}

/**
 * Composing a card is most of the work of an answer, and organizers ask about the same few
 * topics again and again: messages that carry nothing the person typed (a card, the list, help,
 * the version) are remembered per knowledge version, keyed by what they are (entry id, language,
 * surface), never by the text asked. Answers that quote the text (did you mean, search results,
 * several topics) are composed each time, so no typed text stays in memory after a request.
 * A reload builds a new Knowledge object, so its cache starts empty (WeakMap: the old one goes
 * with it). Messages are shared between requests and must not be mutated.
 */
const MESSAGE_CACHE_SIZE = 1000;
const messageCache = new WeakMap<Knowledge, Map<string, SlackMessage>>();

/**
 * Reading a text (parse, then the search behind `answer`) costs 2 to 35 µs a request: a
 * misspelling runs MiniSearch's fuzzy search over every name, and an Arabic text is detected and
 * folded letter by letter. Answers that carry nothing the person typed (the same kinds the
 * message cache keeps) are remembered per knowledge version under a keyed hash of the surface,
 * fallback language and text, so a text asked again (organizers repeat the same few questions,
 * and the same misspellings) costs one hash and two lookups. The key is SHA-256 over a random
 * secret made at start and never written anywhere, then the text: the memory holds no typed
 * text, and without the secret a hash cannot be matched to a guessed one. A collision would give
 * a wrong card, so the full 256-bit digest is the key. Answers that quote the text (did you mean,
 * search results, several topics) are worked out each time, as before.
 */
const RESOLUTION_CACHE_SIZE = 1000;
const resolutionCache = new WeakMap<Knowledge, Map<string, Answer>>();
const RESOLUTION_SECRET = randomBytes(32).toString('base64');

/** Kinds of answer that carry no typed text (and so may be kept, in either cache). */
function quotesNothingTyped(result: Answer): boolean {
  return result.kind === 'card' || result.kind === 'list' || result.kind === 'help' || result.kind === 'version';
}

/** `read(text)` (parse and answer), or the remembered answer for the same surface, fallback and text. */
function resolve(surface: string, text: string, fallbackLang: Lang, knowledge: Knowledge, read: () => Answer): Answer {
  let cache = resolutionCache.get(knowledge);
  if (!cache) resolutionCache.set(knowledge, (cache = new Map()));
  // crypto.hash is a one-shot digest (0.5 µs here against 2.3 µs for createHmac); a secret
  // prefix is enough for a lookup key whose values are never shown to anyone.
  const key = hash('sha256', `${RESOLUTION_SECRET}\u0000${surface}\u0000${fallbackLang}\u0000${text}`, 'base64');
  const known = cache.get(key);
  if (known) return known;
  const result = read();
  if (quotesNothingTyped(result)) {
    if (cache.size >= RESOLUTION_CACHE_SIZE) cache.clear();
    cache.set(key, result);
  }
  return result;
}

/**
 * What the surface adds to every card (issue 15): whether cards carry "Report a problem", and
 * today's date from its clock (the stale banner, the list's marks).
 */
export type SurfaceOptions = Pick<ComposeOptions, 'reportable' | 'now'>;

function remembered(surface: string, result: Answer, knowledge: Knowledge, build: () => SlackMessage, view: SurfaceOptions = {}): SlackMessage {
  if (!quotesNothingTyped(result)) return build();
  const what = result.kind === 'card' ? `card\u0000${result.entry.id}\u0000${result.full ? FULL_WORD : 'compact'}` : result.kind;
  let cache = messageCache.get(knowledge);
  if (!cache) messageCache.set(knowledge, (cache = new Map()));
  // Staleness and "8 months ago" change with the UTC date, the Report button with the setting:
  // both are in the key, so a cached card never shows a banner (or a button) it should not.
  const key = `${surface}\u0000${what}\u0000${result.lang}\u0000${reviewDay(view.now)}\u0000${view.reportable === true ? 'report' : ''}`;
  let message = cache.get(key);
  if (!message) {
    if (cache.size >= MESSAGE_CACHE_SIZE) cache.clear();
    cache.set(key, (message = build()));
  }
  return message;
}

/** `/notech <text>`: private first, with a Share button on anything worth sharing. */
export function replyToCommand(text: string, knowledge: Knowledge, fallbackLang: Lang = 'en', view: SurfaceOptions = {}): Reply {
  const result = resolve('command', text, fallbackLang, knowledge, () => answer(parseQuery(text, fallbackLang), knowledge));
  const shareable = result.kind === 'card' || result.kind === 'list' || result.kind === 'version' || result.kind === 'results';
  const options: ComposeOptions = { ...view, ...(shareable ? { shareQuery: shareQueryFor(result, text) } : {}) };
  return { lang: result.lang, answer: result, message: remembered('command', result, knowledge, () => compose(result, knowledge, options), view) };
}

/**
 * `@NoTech what about palantir?`: answered in public (in the thread), so no Share button.
 * When the text names nothing the bot knows, a short help reply instead of "no match".
 */
export function replyToMention(text: string, knowledge: Knowledge, view: SurfaceOptions = {}): Reply {
  const result = resolve('mention', text, 'en', knowledge, () => answer(parseQuery(stripMentions(text)), knowledge));
  if (result.kind === 'did-you-mean' && result.suggestions.length === 0) {
    return { lang: result.lang, answer: result, message: quickHelp(result.lang), quickHelp: true };
  }
  return { lang: result.lang, answer: result, message: remembered('mention', result, knowledge, () => compose(result, knowledge, view), view) };
}

/**
 * A direct message to the bot: read exactly as a mention (same grammar, same free-text topic
 * finding); only the short help differs, since in a DM there is no `@NoTech` to type.
 */
export function replyToDirectMessage(text: string, knowledge: Knowledge, view: SurfaceOptions = {}): Reply {
  const reply = replyToMention(text, knowledge, view);
  const isHelp = reply.answer.kind === 'did-you-mean' && reply.answer.suggestions.length === 0;
  return isHelp ? { ...reply, message: quickHelpInDm(reply.answer.lang) } : reply;
}

/**
 * "Check with NoTech" on a message (`text` as typed, decoded): its topics and every figure's
 * verdict, composed privately for the person who ran it. Never cached: the answer quotes the
 * message's figures, and nothing of what a person wrote is kept past the request.
 */
export function replyToCheck(text: string, knowledge: Knowledge): { check: MessageCheck; message: SlackMessage } {
  const check = checkText(text, knowledge);
  return { check, message: checkAnswer(text, check.topics, check.result, knowledge) };
}

/** The command text a Share button replays: the entry id for cards, so a share is exact. */
function shareQueryFor(result: Answer, text: string): string {
  if (result.kind === 'card') return `${result.entry.id}${result.full ? ` ${FULL_WORD}` : ''} lang:${result.lang}`;
  if (result.kind === 'results') return `search ${result.words} lang:${result.lang}`;
  if (result.kind === 'list' || result.kind === 'version') return `${result.kind} lang:${result.lang}`;
  return text;
}

/** An Open button (a suggestion, a topic a sentence named): the card, as `/notech` would answer. */
export function replyToOpen(value: ButtonValue, knowledge: Knowledge, view: SurfaceOptions = {}): Reply {
  return replyToCommand(`${value.q} lang:${value.lang}`, knowledge, 'en', view);
}

/**
 * Share in channel: the answer the button's command gives, for everyone, headed "Shared by
 * <@sharer>" (the person chose to show it; the id is never logged). No buttons of its own but
 * the compact card's All-facts button.
 */
export function replyToShare(value: ButtonValue, sharerId: string, knowledge: Knowledge, view: SurfaceOptions = {}): Reply {
  const query = parseQuery(value.q, value.lang);
  const result = answer(query, knowledge);
  return { lang: result.lang, answer: result, message: compose(result, knowledge, { ...view, preface: t(value.lang).sharedBy(`<@${sharerId}>`) }) };
}

/**
 * The full card of the entry a button names (every fact and source): for a modal (All-facts,
 * Home tab), cut to a view's limits; or as a private message when Slack would not open the
 * modal, headed with why. A topic that no longer resolves (the knowledge changed since the
 * button was sent) gets the answer the command would give.
 */
export function replyWithFullCard(value: ButtonValue, knowledge: Knowledge, surface: 'modal' | 'message', view: SurfaceOptions = {}): Reply {
  const query = parseQuery(`${value.q} lang:${value.lang}`);
  const result = answer(query, knowledge);
  if (surface === 'modal') {
    // In a modal only "Report a problem" stays of a card's buttons (nothing to share from there).
    const tail = result.kind === 'card' && view.reportable ? [actions(REPORT_BLOCK_ID, [reportButton(result.entry.id, value.lang)])] : [];
    const message =
      result.kind === 'card'
        ? factCard(result.entry, value.lang, knowledge, { surface: 'modal', tail, ...bannerOption(result.entry, knowledge, value.lang, view.now) })
        : compose(result, knowledge, view);
    return { lang: result.lang, answer: result, message };
  }
  const full = result.kind === 'card' ? { ...result, full: true } : result;
  return { lang: full.lang, answer: full, message: compose(full, knowledge, { ...view, preface: t(value.lang).modalFailed }) };
}
