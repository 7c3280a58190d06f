/**
 * What the bot replies, on every surface: the one path every request takes, text (or a
 * button's value) → parse → answer → compose. Slash command, mention, the Share, Open and
 * All-facts buttons and the console differ only in the function they call here; listeners only
 * deliver the message. Sits above src/query (grammar, answer) and src/messages (what to say).
 */
import type { Knowledge } from '../knowledge/knowledge.js';
import type { Lang } from '../messages/strings/index.js';
import type { ButtonValue } from '../messages/buttons.js';
import { factCard } from '../messages/card.js';
import { compose, type ComposeOptions } from '../messages/compose.js';
import { t } from '../messages/strings/index.js';
import { quickHelp } from '../messages/quick-help.js';
import type { SlackMessage } from '../messages/types.js';
import { answer, type Answer } from '../query/answer.js';
import { FULL_WORD, parseQuery, stripMentions, type Query } from '../query/parse.js';

export interface Reply {
  query: Query;
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

function remembered(surface: string, result: Answer, knowledge: Knowledge, build: () => SlackMessage): SlackMessage {
  const what = result.kind === 'card' ? `card\u0000${result.entry.id}\u0000${result.full ? FULL_WORD : 'compact'}` : result.kind === 'list' || result.kind === 'help' || result.kind === 'version' ? result.kind : undefined;
  if (what === undefined) return build();
  let cache = messageCache.get(knowledge);
  if (!cache) messageCache.set(knowledge, (cache = new Map()));
  const key = `${surface}\u0000${what}\u0000${result.lang}`;
  let message = cache.get(key);
  if (!message) {
    if (cache.size >= MESSAGE_CACHE_SIZE) cache.clear();
    cache.set(key, (message = build()));
  }
  return message;
}

/** `/notech <text>`: private first, with a Share button on anything worth sharing. */
export function replyToCommand(text: string, knowledge: Knowledge, fallbackLang: Lang = 'en'): Reply {
  const query = parseQuery(text, fallbackLang);
  const result = answer(query, knowledge);
  const shareable = result.kind === 'card' || result.kind === 'list' || result.kind === 'version' || result.kind === 'results';
  const options: ComposeOptions = shareable ? { shareQuery: shareQueryFor(result, text) } : {};
  return { query, answer: result, message: remembered('command', result, knowledge, () => compose(result, knowledge, options)) };
}

/**
 * `@NoTech what about palantir?`: answered in public (in the thread), so no Share button.
 * When the text names nothing the bot knows, a short help reply instead of "no match".
 */
export function replyToMention(text: string, knowledge: Knowledge): Reply {
  const query = parseQuery(stripMentions(text));
  const result = answer(query, knowledge);
  if (result.kind === 'did-you-mean' && result.suggestions.length === 0) {
    return { query, answer: result, message: quickHelp(result.lang), quickHelp: true };
  }
  return { query, answer: result, message: remembered('mention', result, knowledge, () => compose(result, knowledge)) };
}

/** The command text a Share button replays: the entry id for cards, so a share is exact. */
function shareQueryFor(result: Answer, text: string): string {
  if (result.kind === 'card') return `${result.entry.id}${result.full ? ` ${FULL_WORD}` : ''} lang:${result.lang}`;
  if (result.kind === 'results') return `search ${result.words} lang:${result.lang}`;
  if (result.kind === 'list' || result.kind === 'version') return `${result.kind} lang:${result.lang}`;
  return text;
}

/** An Open button (a suggestion, a topic a sentence named): the card, as `/notech` would answer. */
export function replyToOpen(value: ButtonValue, knowledge: Knowledge): Reply {
  return replyToCommand(`${value.q} lang:${value.lang}`, knowledge);
}

/**
 * Share in channel: the answer the button's command gives, for everyone, headed "Shared by
 * <@sharer>" (the person chose to show it; the id is never logged). No buttons of its own but
 * the compact card's All-facts button.
 */
export function replyToShare(value: ButtonValue, sharerId: string, knowledge: Knowledge): Reply {
  const query = parseQuery(value.q, value.lang);
  const result = answer(query, knowledge);
  return { query, answer: result, message: compose(result, knowledge, { preface: t(value.lang).sharedBy(`<@${sharerId}>`) }) };
}

/**
 * The full card of the entry a button names (every fact and source): for a modal (All-facts,
 * Home tab), cut to a view's limits; or as a private message when Slack would not open the
 * modal, headed with why. A topic that no longer resolves (the knowledge changed since the
 * button was sent) gets the answer the command would give.
 */
export function replyWithFullCard(value: ButtonValue, knowledge: Knowledge, surface: 'modal' | 'message'): Reply {
  const query = parseQuery(`${value.q} lang:${value.lang}`);
  const result = answer(query, knowledge);
  if (surface === 'modal') {
    const message = result.kind === 'card' ? factCard(result.entry, value.lang, knowledge, { surface: 'modal' }) : compose(result, knowledge);
    return { query, answer: result, message };
  }
  const full = result.kind === 'card' ? { ...result, full: true } : result;
  return { query, answer: full, message: compose(full, knowledge, { preface: t(value.lang).modalFailed }) };
}
