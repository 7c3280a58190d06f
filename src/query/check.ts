/**
 * "Check with NoTech" (the message shortcut, issue #16): a message's text → the topics it names
 * and a verdict on every figure it states. Pure: no Slack, no I/O, no cache. The text is read,
 * used and dropped: the result keeps entries and spans (see check-claims.ts), never the text.
 */
import type { Knowledge } from '../knowledge/knowledge.js';
import type { Entry } from '../knowledge/schema.js';
import { checkClaims, type CheckResult } from '../knowledge/check-claims.js';
import { namedEntries } from './named.js';
import { MAX_FIGURE_TEXT } from '../knowledge/figures.js';
import { stripMentions, topicPhrasesOf } from './parse.js';

/** At most this many topics are offered from one message (each gets a line and a button). */
export const MAX_CHECKED_TOPICS = 5;

/**
 * The entries a message names, in the order named, each once, at most MAX_CHECKED_TOPICS: the
 * free-text topic finding mentions use (topicPhrasesOf, then namedEntries), over the whole
 * message, whatever words it starts with ("list", "search" are words here, not commands).
 * `text` is what the person typed (decodeSlackText first). Empty when no name is there.
 */
export function topicsNamed(text: string, knowledge: Knowledge): Entry[] {
  // Not cleanInput(): its 1,000-character cap is for queries; a message is read as far as its figures are.
  const phrases = topicPhrasesOf(stripMentions(text.slice(0, MAX_FIGURE_TEXT)).replace(/\s+/g, ' '));
  if (phrases.length === 0) return [];
  return namedEntries(phrases, knowledge).slice(0, MAX_CHECKED_TOPICS);
}

export interface MessageCheck {
  /** The named topics (see topicsNamed). */
  topics: Entry[];
  /** Every figure the message states, with its verdict; spans point into the text given. */
  result: CheckResult;
}

/**
 * The whole check of one message: its topics, then checkClaims over its figures against them.
 * `text` as typed (decoded); figures beyond MAX_FIGURE_TEXT characters are not read.
 */
export function checkText(text: string, knowledge: Knowledge): MessageCheck {
  const topics = topicsNamed(text, knowledge);
  return { topics, result: checkClaims(text, topics, knowledge) };
}
