/**
 * What to say, as data: the input of `compose`. src/query decides it (query/answer.ts); it is
 * defined here, beside the composer, so that query imports messages and never the reverse.
 */
import type { Lang } from './strings/index.js';
import type { Entry } from '../knowledge/schema.js';
import type { SearchHit } from '../knowledge/search.js';

export type Answer =
  /** `full`: the whole card in the message (`/notech elbit full`) instead of the compact one. */
  | { kind: 'card'; entry: Entry; lang: Lang; full?: boolean }
  | { kind: 'list'; lang: Lang }
  | { kind: 'help'; lang: Lang }
  | { kind: 'version'; lang: Lang }
  | { kind: 'results'; words: string; hits: SearchHit[]; lang: Lang }
  | { kind: 'did-you-mean'; text: string; suggestions: Entry[]; lang: Lang }
  /** The text names two or more topics ("google and amazon"): offer each, answer none. */
  | { kind: 'topics'; text: string; entries: Entry[]; lang: Lang }
  | { kind: 'digest'; args: string[]; lang: Lang };
