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
import { parseQuery, stripMentions, type Query } from './parse.js';

export interface Reply {
  query: Query;
  answer: Answer;
  message: SlackMessage;
}

/** `/notech <text>`: private first, with a Share button on anything worth sharing. */
export function replyToCommand(text: string, knowledge: Knowledge, fallbackLang: Lang = 'en'): Reply {
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
  const query = parseQuery(stripMentions(text));
  const result = answer(query, knowledge);
  if (result.kind === 'did-you-mean' && result.suggestions.length === 0) {
    return { query, answer: result, message: quickHelp(result.lang) };
  }
  return { query, answer: result, message: compose(result, knowledge) };
}

/** The command text a Share button replays: the entry id for cards, so a share is exact. */
function shareQueryFor(result: Answer, text: string): string {
  if (result.kind === 'card') return `${result.entry.id} lang:${result.lang}`;
  if (result.kind === 'results') return `search ${result.words} lang:${result.lang}`;
  if (result.kind === 'list' || result.kind === 'version') return `${result.kind} lang:${result.lang}`;
  return text;
}
