/**
 * Finding the entry a person means. Two MiniSearch indexes:
 * - names: one document per name or alias, so a whole alias can be matched, typos allowed;
 * - text:  one document per entry with its summary and facts, for `search` and suggestions.
 *
 * The bot answers with a card only when the query names one entry: exactly, or by a fuzzy match
 * that covers every word of the query and every word of one alias, with no other entry as close.
 * Anything less becomes "did you mean…": a wrong card costs organizers their credibility.
 */
import MiniSearch, { type SearchResult } from 'minisearch';
import { isStopword, normalize, tokens, topicTokens } from './normalize.js';
import type { Entry } from './schema.js';

export type TopicResolution =
  | { kind: 'match'; entry: Entry; how: 'exact' | 'fuzzy' }
  | { kind: 'suggest'; suggestions: Entry[] };

export interface SearchHit {
  entry: Entry;
  score: number;
}

interface NameDoc {
  id: number;
  entryId: string;
  text: string;
  wordCount: number;
}

const MAX_SUGGESTIONS = 5;
/** Queries are cut to this many characters before search: nobody names a topic in more. */
export const MAX_QUERY_CHARS = 300;

/** Edits allowed per word: none for short words (too many false friends), more for long ones. */
function editsAllowed(term: string): number {
  if (term.length <= 3) return 0;
  if (term.length <= 6) return 1;
  return 2;
}

/** Every name a person might use for an entry: its id, names and aliases in both languages. */
export function namesOf(entry: Entry): string[] {
  return [entry.id.replace(/-/g, ' '), entry.name.en, entry.name.ar, ...entry.aliases.en, ...entry.aliases.ar];
}

export class SearchIndex {
  private readonly exact = new Map<string, Entry>();
  private readonly names: MiniSearch<NameDoc>;
  private readonly text: TextIndex;
  private readonly byId: ReadonlyMap<string, Entry>;
  private readonly byIndex: readonly Entry[];

  constructor(entries: readonly Entry[]) {
    this.byId = new Map(entries.map((entry) => [entry.id, entry]));
    this.byIndex = entries;
    this.names = new MiniSearch<NameDoc>({
      fields: ['text'],
      storeFields: ['entryId', 'wordCount'],
      tokenize: (text) => topicTokens(text),
      processTerm: (term) => term,
    });
    let nextId = 0;
    const nameDocs: NameDoc[] = [];
    for (const entry of entries) {
      for (const name of namesOf(entry)) {
        const key = normalize(name);
        if (key === '') continue;
        this.exact.set(key, entry);
        const stripped = topicTokens(name);
        this.exact.set(stripped.join(' '), entry);
        nameDocs.push({ id: nextId++, entryId: entry.id, text: name, wordCount: new Set(stripped).size });
      }
    }
    this.names.addAll(nameDocs);
    this.text = new TextIndex(
      entries.map((entry) => ({
        name: namesOf(entry).join(' '),
        summary: `${entry.summary.en} ${entry.summary.ar}`,
        body: [
          ...entry.facts.map((fact) => `${fact.text.en} ${fact.text.ar}`),
          ...entry.figures.map((figure) => `${figure.label.en} ${figure.label.ar}`),
          ...(entry.parties ?? []).map((party) => `${party.en} ${party.ar}`),
        ].join(' '),
      })),
    );
  }

  /** The entry a topic query names, or suggestions when it names none for certain. */
  resolveTopic(rawQuery: string): TopicResolution {
    const query = rawQuery.slice(0, MAX_QUERY_CHARS);
    const exact = this.exact.get(normalize(query)) ?? this.exact.get(topicTokens(query).join(' '));
    if (exact) return { kind: 'match', entry: exact, how: 'exact' };

    const queryWords = new Set(topicTokens(query));
    if (queryWords.size === 0) return { kind: 'suggest', suggestions: [] };

    // Best alias per entry that the query covers completely (every alias word matched).
    const covered = new Map<string, { matchedQueryWords: number; score: number }>();
    const partial: string[] = [];
    for (const result of this.searchNames([...queryWords].join(' '))) {
      const entryId = result.entryId as string;
      const fullyCovered = result.terms.length >= (result.wordCount as number);
      if (!fullyCovered) {
        partial.push(entryId);
        continue;
      }
      const previous = covered.get(entryId);
      const candidate = { matchedQueryWords: result.queryTerms.length, score: result.score };
      if (!previous || candidate.matchedQueryWords > previous.matchedQueryWords) covered.set(entryId, candidate);
    }

    const ranked = [...covered.entries()].sort(
      ([, a], [, b]) => b.matchedQueryWords - a.matchedQueryWords || b.score - a.score,
    );
    const [best, runnerUp] = ranked;
    if (best && best[1].matchedQueryWords === queryWords.size && (!runnerUp || runnerUp[1].matchedQueryWords < queryWords.size)) {
      return { kind: 'match', entry: this.entry(best[0]), how: 'fuzzy' };
    }

    const suggestionIds = [
      ...ranked.map(([id]) => id),
      ...partial,
      ...this.search(query).map((hit) => hit.entry.id),
    ];
    if (suggestionIds.length === 0) {
      // Nothing even partly close: widen the net for suggestions only (transposed letters,
      // a dropped syllable). These are never answered as a card.
      const wide = this.names.search([...queryWords].join(' '), {
        fuzzy: (term) => (term.length >= 4 ? 2 : term.length === 3 ? 1 : 0),
        prefix: (term) => term.length >= 3,
        combineWith: 'OR',
      });
      suggestionIds.push(...wide.map((result) => result.entryId as string));
    }
    const unique = [...new Set(suggestionIds)].slice(0, MAX_SUGGESTIONS);
    return { kind: 'suggest', suggestions: unique.map((id) => this.entry(id)) };
  }

  /** Free-text search over names, summaries and facts; best first. */
  search(rawQuery: string, limit = 8): SearchHit[] {
    const query = rawQuery.slice(0, MAX_QUERY_CHARS);
    if (tokens(query).length === 0) return [];
    const results = this.text.search(tokens(query).filter((term) => !isStopword(term)));
    // An exact name outranks any amount of text that merely mentions it.
    const exact = this.exact.get(normalize(query));
    const hits = results.map((result) => ({ entry: this.byIndex[result.doc]!, score: result.score }));
    if (exact) {
      const rest = hits.filter((hit) => hit.entry.id !== exact.id);
      return [{ entry: exact, score: Number.POSITIVE_INFINITY }, ...rest].slice(0, limit);
    }
    return hits.slice(0, limit);
  }

  private searchNames(query: string): SearchResult[] {
    return this.names.search(query, { fuzzy: (term) => editsAllowed(term), combineWith: 'OR' });
  }

  private entry(id: string): Entry {
    const entry = this.byId.get(id);
    if (!entry) throw new Error(`search index refers to unknown entry ${id}`);
    return entry;
  }
}

const FIELD_BOOST = { name: 3, summary: 2, body: 1 } as const;
type TextField = keyof typeof FIELD_BOOST;

/**
 * Full-text search over summaries and facts. MiniSearch indexes the vocabulary (one document
 * per distinct word) and finds the words a query term means, typos and prefixes included; plain
 * postings lists then say which entries use those words. Indexing every occurrence in MiniSearch
 * itself took 1.0 s for 5,000 entries (docs/PERFORMANCE.md); this takes a fraction of that.
 */
class TextIndex {
  private readonly vocabulary: MiniSearch<{ id: number; term: string }>;
  /** For each word: the entries (by index) and the fields they use it in. */
  private readonly postings = new Map<string, Array<{ doc: number; field: TextField }>>();
  private readonly docCount: number;

  constructor(docs: ReadonlyArray<Record<TextField, string>>) {
    this.docCount = docs.length;
    docs.forEach((doc, index) => {
      for (const field of Object.keys(FIELD_BOOST) as TextField[]) {
        for (const term of new Set(tokens(doc[field]))) {
          if (isStopword(term)) continue;
          let list = this.postings.get(term);
          if (!list) this.postings.set(term, (list = []));
          list.push({ doc: index, field });
        }
      }
    });
    this.vocabulary = new MiniSearch({ fields: ['term'], storeFields: ['term'], tokenize: (text) => [text], processTerm: (term) => term });
    let id = 0;
    this.vocabulary.addAll([...this.postings.keys()].map((term) => ({ id: id++, term })));
  }

  /** Entries ranked by how many query words they use (typo-tolerant), weighted by field and rarity. */
  search(queryTerms: string[]): Array<{ doc: number; score: number }> {
    const scores = new Map<number, number>();
    const total = Math.max(1, this.docCount);
    for (const queryTerm of new Set(queryTerms)) {
      const matches = this.vocabulary.search(queryTerm, {
        fuzzy: (term) => editsAllowed(term),
        prefix: (term) => term.length >= 4,
      });
      const best = new Map<number, number>();
      for (const match of matches.slice(0, 50)) {
        const term = match.term as string;
        const list = this.postings.get(term) ?? [];
        // Closer spellings score higher (MiniSearch's score); rarer words say more.
        const weight = match.score * Math.log(1 + total / (1 + list.length));
        for (const { doc, field } of list) {
          const value = weight * FIELD_BOOST[field];
          if ((best.get(doc) ?? 0) < value) best.set(doc, value);
        }
      }
      for (const [doc, value] of best) scores.set(doc, (scores.get(doc) ?? 0) + value);
    }
    return [...scores.entries()].map(([doc, score]) => ({ doc, score })).sort((a, b) => b.score - a.score);
  }
}
