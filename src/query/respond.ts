/**
 * The one path every request takes: text → parse → answer → compose. Surfaces (slash command,
 * mention, console) differ only in the options they pass.
 */
import type { Knowledge } from '../knowledge/knowledge.js';
import type { Lang } from '../knowledge/normalize.js';
import { compose, type ComposeOptions } from '../messages/compose.js';
import { quickHelp } from '../messages/quick-help.js';
import type { SlackMessage } from '../messages/types.js';
import { answer, type Answer } from './answer.js';
import { FULL_WORD, MAX_INPUT_CHARS, parseQuery, stripMentions, type Query } from './parse.js';

export interface Reply {
  query: Query;
  answer: Answer;
  message: SlackMessage;
}

/**
 * Answers are a pure function of the text and the knowledge, and organizers ask about the same
 * few topics again and again: remember the last replies per knowledge version. A reload builds
 * a new Knowledge object, so its cache starts empty (WeakMap: the old one goes with it).
 * Replies are shared between requests and must not be mutated.
 */
const REPLY_CACHE_SIZE = 1000;
const replyCache = new WeakMap<Knowledge, Map<string, Reply>>();

function cached(kind: string, text: string, knowledge: Knowledge, build: () => Reply): Reply {
  // Oversized input is answered (with a "too long" reply) but not remembered.
  if (text.length > MAX_INPUT_CHARS) return build();
  let cache = replyCache.get(knowledge);
  if (!cache) replyCache.set(knowledge, (cache = new Map()));
  const key = `${kind}\u0000${text}`;
  const hit = cache.get(key);
  if (hit) {
    // Refresh its place, so the cache keeps what is asked most recently.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const reply = build();
  if (cache.size >= REPLY_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(key, reply);
  return reply;
}

/** `/notech <text>`: private first, with a Share button on anything worth sharing. */
export function replyToCommand(text: string, knowledge: Knowledge, fallbackLang: Lang = 'en'): Reply {
  return cached(`command:${fallbackLang}`, text, knowledge, () => composeCommandReply(text, knowledge, fallbackLang));
}

function composeCommandReply(text: string, knowledge: Knowledge, fallbackLang: Lang): Reply {
  const query = parseQuery(text, fallbackLang);
  const result = answer(query, knowledge);
  const shareable = result.kind === 'card' || result.kind === 'list' || result.kind === 'version' || result.kind === 'results';
  const options: ComposeOptions = shareable ? { shareQuery: shareQueryFor(result, text) } : {};
  return { query, answer: result, message: compose(result, knowledge, options) };
}

/**
 * `@NoTech what about palantir?`: answered in public (in the thread), so no Share button.
 * When the text names nothing the bot knows, a short help reply instead of "no match".
 */
export function replyToMention(text: string, knowledge: Knowledge): Reply {
  return cached('mention', text, knowledge, () => composeMentionReply(text, knowledge));
}

function composeMentionReply(text: string, knowledge: Knowledge): Reply {
  const query = parseQuery(stripMentions(text));
  const result = answer(query, knowledge);
  if (result.kind === 'did-you-mean' && result.suggestions.length === 0) {
    return { query, answer: result, message: quickHelp(result.lang) };
  }
  return { query, answer: result, message: compose(result, knowledge) };
}

/** The command text a Share button replays: the entry id for cards, so a share is exact. */
function shareQueryFor(result: Answer, text: string): string {
  if (result.kind === 'card') return `${result.entry.id}${result.full ? ` ${FULL_WORD}` : ''} lang:${result.lang}`;
  if (result.kind === 'results') return `search ${result.words} lang:${result.lang}`;
  if (result.kind === 'list' || result.kind === 'version') return `${result.kind} lang:${result.lang}`;
  return text;
}
