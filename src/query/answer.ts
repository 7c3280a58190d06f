/**
 * Query + knowledge → what to say, as data (`Answer`, defined beside its composer in
 * src/messages/answer.ts). Pure: no Slack, no I/O.
 */
import type { Knowledge } from '../knowledge/knowledge.js';
import type { Entry } from '../knowledge/schema.js';
import type { Answer } from '../messages/answer.js';
import { MIN_FUZZY_WORD, namedEntries } from './named.js';
import type { Query } from './parse.js';

/** At most this many topics are offered when a sentence names several. */
export const MAX_NAMED_TOPICS = 5;

export type { Answer } from '../messages/answer.js';

export function answer(query: Query, knowledge: Knowledge): Answer {
  const { lang } = query;
  switch (query.kind) {
    case 'help':
    case 'list':
    case 'version':
      return { kind: query.kind, lang };
    case 'digest':
      return { kind: 'digest', args: query.args, lang };
    case 'search':
      return { kind: 'results', words: query.words, hits: knowledge.index.search(query.words), lang };
    case 'topic': {
      // One thing asked (or none): the whole text as a name first, as typed.
      let suggestions: Entry[] = [];
      if (query.phrases.length <= 1) {
        const resolution = knowledge.index.resolveTopic(query.text);
        if (resolution.kind === 'match') return card(resolution.entry, query);
        suggestions = resolution.suggestions;
      }
      return topicInSentence(query, knowledge, suggestions);
    }
  }
}

/** A topic's card, compact unless the whole card was asked for (`/notech elbit full`). */
function card(entry: Entry, query: Extract<Query, { kind: 'topic' }>): Answer {
  return { kind: 'card', entry, lang: query.lang, ...(query.full ? { full: true } : {}) };
}

/**
 * A topic text that is not a name as a whole: a sentence, or several things joined ("google
 * and nimbus" is Google and Nimbus, not the alias "Google Nimbus"). Without its filler ("hey",
 * "what about", "شكرا"), is it a name? Else which names does it contain? One → its card;
 * several → offer each; none → "did you mean". Never a guess: every step asks for a certain match.
 */
function topicInSentence(query: Extract<Query, { kind: 'topic' }>, knowledge: Knowledge, suggestions: Entry[]): Answer {
  const { text, phrases, lang } = query;
  // All filler ("thanks!", "مرحبا"): nothing was asked, so nothing is suggested either.
  if (phrases.length === 0) return { kind: 'did-you-mean', text, suggestions: [], lang };
  const words = phrases.flat();
  const withoutFiller = knowledge.index.resolveTopic(words.join(' '));
  // Exact, or a misspelling of words long enough not to be everyday words ("quick note" is not NOTA).
  const certain = withoutFiller.kind === 'match' && (withoutFiller.how === 'exact' || words.every((word) => word.length >= MIN_FUZZY_WORD));
  if (phrases.length === 1 && certain) return card(withoutFiller.entry, query);
  const named = namedEntries(phrases, knowledge);
  if (named.length === 1) return card(named[0]!, query);
  if (named.length > 1) return { kind: 'topics', text, entries: named.slice(0, MAX_NAMED_TOPICS), lang };
  const close = withoutFiller.kind === 'match' ? [withoutFiller.entry] : withoutFiller.suggestions;
  return { kind: 'did-you-mean', text, suggestions: close.length > 0 ? close : suggestions, lang };
}
