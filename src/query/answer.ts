/**
 * Query + knowledge → what to say, as data. Pure: no Slack, no I/O. The message builders in
 * src/messages turn an Answer into Block Kit.
 */
import type { Knowledge } from '../knowledge/knowledge.js';
import type { Lang } from '../knowledge/normalize.js';
import type { Entry } from '../knowledge/schema.js';
import type { SearchHit } from '../knowledge/search.js';
import type { Query } from './parse.js';

export type Answer =
  /** `full`: the whole card in the message (`/notech elbit full`) instead of the compact one. */
  | { kind: 'card'; entry: Entry; lang: Lang; full?: boolean }
  | { kind: 'list'; lang: Lang }
  | { kind: 'help'; lang: Lang }
  | { kind: 'version'; lang: Lang }
  | { kind: 'results'; words: string; hits: SearchHit[]; lang: Lang }
  | { kind: 'did-you-mean'; text: string; suggestions: Entry[]; lang: Lang }
  | { kind: 'digest'; args: string[]; lang: Lang };

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
      const resolution = knowledge.index.resolveTopic(query.text);
      if (resolution.kind === 'match') return { kind: 'card', entry: resolution.entry, lang, ...(query.full ? { full: true } : {}) };
      return { kind: 'did-you-mean', text: query.text, suggestions: resolution.suggestions, lang };
    }
  }
}
