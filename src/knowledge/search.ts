/**
 * Finding the entry a person means. Exact names are looked up in a table (the cross-checks
 * made sure each leads to one entry). Two MiniSearch indexes, both typo-tolerant:
 * - names: one document per name or alias (its words without filler words), so a query can be
 *   checked to cover a whole alias;
 * - text: one document per entry (names, summary, facts, figure labels, parties), for `search`
 *   and suggestions.
 *
 * The bot answers with a card only when the query names one entry: exactly, or by a fuzzy match
 * that covers every word of the query and every word of one alias, with no other entry as close.
 * Anything less becomes "did you mean…": a wrong card costs organizers their credibility.
 */
import MiniSearch, { type SearchOptions } from 'minisearch';
import { clearTokenCache, isStopword, normalize, tokens, topicTokens, topicWords } from './normalize.js';
import { namesOf } from './names.js';
import type { Entry } from './schema.js';
import { inSteps } from './steps.js';

export type TopicResolution =
  | { kind: 'match'; entry: Entry; how: 'exact' | 'fuzzy' }
  | { kind: 'suggest'; suggestions: Entry[] };

export interface SearchHit {
  entry: Entry;
  score: number;
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

/** Entries indexed per step of a build in steps: each step stays well under 10 ms. */
const ENTRIES_PER_NAME_STEP = 40;
const ENTRIES_PER_TEXT_STEP = 10;

/** A name document's words are normalised already: split them, keep them as they are. */
const splitWords = (text: string) => text.split(' ');
const asIs = (term: string) => term;

/**
 * Full-text search: names weigh most, then the summary, then facts, figures and parties. Rarer
 * words weigh more (BM25's inverse document frequency), but a long entry is not ranked below a
 * short one for using the same words (no length normalisation, `b: 0`): entries differ in
 * length by how much is known about them, not by how much they are about a word.
 */
const TEXT_SEARCH: SearchOptions = {
  boost: { names: 3, summary: 2, body: 1 },
  bm25: { k: 1.2, b: 0, d: 0.5 },
  fuzzy: editsAllowed,
  prefix: (term) => term.length >= 4,
  combineWith: 'OR',
};

interface TextDocument {
  id: number;
  names: string;
  summary: string;
  body: string;
}

function textDocument(entry: Entry, id: number): TextDocument {
  const body = [...entry.facts.map((fact) => fact.text), ...entry.figures.map((figure) => figure.label), ...(entry.parties ?? [])];
  return {
    id,
    names: namesOf(entry).join('\n'),
    summary: `${entry.summary.en}\n${entry.summary.ar}`,
    body: body.map((text) => `${text.en}\n${text.ar}`).join('\n'),
  };
}

export class SearchIndex {
  /** Every name, normalised (`nameKey`) → its entry. */
  private readonly exactNames = new Map<string, Entry>();
  /** Names with their filler words dropped ("the nimbus contract" → "nimbus"), where that differs. */
  private readonly topicExact = new Map<string, Entry>();
  /** One document per distinct name of an entry; its id is its position in the arrays below. */
  private readonly names = new MiniSearch<{ id: number; words: string }>({ fields: ['words'], tokenize: splitWords, processTerm: asIs });
  /** Per name document: the index of its entry, and how many distinct words it has. */
  private readonly nameEntry: number[] = [];
  private readonly nameWordCount: number[] = [];
  private readonly text = new MiniSearch<TextDocument>({
    fields: ['names', 'summary', 'body'],
    // Each word once per field: a document is scored by which words it uses, in which field,
    // not how often (a fact repeating a word is no more about it), and indexing is faster.
    tokenize: (text) => [...new Set(tokens(text))],
    processTerm: (term) => (isStopword(term) ? null : term),
    searchOptions: TEXT_SEARCH,
  });

  /** Empty until `build` or `buildInSteps` adds the entries. */
  private constructor(private readonly entries: readonly Entry[]) {}

  /** Adds the names of `entries[start…]` (`slice`) to the names index. */
  private addNames(slice: readonly Entry[], start: number): void {
    const documents: Array<{ id: number; words: string }> = [];
    slice.forEach((entry, offset) => {
      const indexed = new Set<string>();
      for (const name of namesOf(entry)) {
        const words = tokens(name);
        if (words.length === 0) continue;
        this.exactNames.set(words.join(' '), entry);
        const stripped = topicWords(words);
        const topicKey = stripped.join(' ');
        if (stripped.length !== words.length) this.topicExact.set(topicKey, entry);
        // Names that differ only in case, punctuation or filler words are one document.
        if (indexed.has(topicKey)) continue;
        indexed.add(topicKey);
        documents.push({ id: this.nameEntry.length, words: topicKey });
        this.nameEntry.push(start + offset);
        this.nameWordCount.push(new Set(stripped).size);
      }
    });
    this.names.addAll(documents);
  }

  /** Adds the summaries, facts, figures and parties of `entries[start…]` to the text index. */
  private addText(slice: readonly Entry[], start: number): void {
    this.text.addAll(slice.map((entry, offset) => textDocument(entry, start + offset)));
  }

  /**
   * Both indexes at once, blocking (about 3 s at 5,000 entries on the project machine, see
   * docs/PERFORMANCE.md). For tools and tests; a running bot uses `buildInSteps`.
   */
  static build(entries: readonly Entry[]): SearchIndex {
    const index = new SearchIndex(entries);
    index.addNames(entries, 0);
    index.addText(entries, 0);
    clearTokenCache(); // it sped up indexing; afterwards it is dead weight
    return index;
  }

  /**
   * The same index, built a few entries at a time, letting the event loop run between steps,
   * so requests keep being answered while a reloaded file is indexed.
   */
  static async buildInSteps(entries: readonly Entry[]): Promise<SearchIndex> {
    const index = new SearchIndex(entries);
    await inSteps(entries, ENTRIES_PER_NAME_STEP, (slice, start) => index.addNames(slice, start));
    await inSteps(entries, ENTRIES_PER_TEXT_STEP, (slice, start) => index.addText(slice, start));
    clearTokenCache();
    return index;
  }

  /** The entry a topic query names, or suggestions when it names none for certain. */
  resolveTopic(rawQuery: string): TopicResolution {
    const query = rawQuery.slice(0, MAX_QUERY_CHARS);
    const topicWordsOfQuery = topicTokens(query);
    const exact = this.exactly(normalize(query)) ?? this.exactly(topicWordsOfQuery.join(' '));
    if (exact) return { kind: 'match', entry: exact, how: 'exact' };

    const queryWords = [...new Set(topicWordsOfQuery)];
    if (queryWords.length === 0) return { kind: 'suggest', suggestions: [] };

    // Best alias per entry that the query covers completely (every alias word matched).
    const covered = new Map<Entry, { matchedQueryWords: number; score: number }>();
    const partial: Entry[] = [];
    for (const result of this.names.search(queryWords.join(' '), { fuzzy: editsAllowed })) {
      const entry = this.entryOfName(result.id as number);
      if (result.terms.length < this.nameWordCount[result.id as number]!) {
        partial.push(entry);
        continue;
      }
      const previous = covered.get(entry);
      const candidate = { matchedQueryWords: result.queryTerms.length, score: result.score };
      if (!previous || candidate.matchedQueryWords > previous.matchedQueryWords) covered.set(entry, candidate);
    }

    const ranked = [...covered.entries()].sort(
      ([, a], [, b]) => b.matchedQueryWords - a.matchedQueryWords || b.score - a.score,
    );
    const [best, runnerUp] = ranked;
    if (best && best[1].matchedQueryWords === queryWords.length && (!runnerUp || runnerUp[1].matchedQueryWords < queryWords.length)) {
      return { kind: 'match', entry: best[0], how: 'fuzzy' };
    }

    const suggestions = [...ranked.map(([entry]) => entry), ...partial, ...this.search(query).map((hit) => hit.entry)];
    if (suggestions.length === 0) {
      // Nothing even partly close: widen the net for suggestions only (transposed letters,
      // a dropped syllable). These are never answered as a card.
      const wide = this.names.search(queryWords.join(' '), {
        fuzzy: (term) => (term.length >= 4 ? 2 : term.length === 3 ? 1 : 0),
        prefix: (term) => term.length >= 3,
      });
      suggestions.push(...wide.map((result) => this.entryOfName(result.id as number)));
    }
    return { kind: 'suggest', suggestions: [...new Set(suggestions)].slice(0, MAX_SUGGESTIONS) };
  }

  /** Free-text search over names, summaries and facts; best first. */
  search(rawQuery: string, limit = 8): SearchHit[] {
    const query = rawQuery.slice(0, MAX_QUERY_CHARS);
    const all = tokens(query);
    if (all.length === 0) return [];
    const words = all.filter((term) => !isStopword(term));
    const results = words.length === 0 ? [] : this.text.search(words.join(' '), { tokenize: splitWords, processTerm: asIs });
    // An exact name outranks any amount of text that merely mentions it.
    const exact = this.exactly(normalize(query));
    const hits = results.map((result) => ({ entry: this.entries[result.id as number]!, score: result.score }));
    if (exact) {
      const rest = hits.filter((hit) => hit.entry.id !== exact.id);
      return [{ entry: exact, score: Number.POSITIVE_INFINITY }, ...rest].slice(0, limit);
    }
    return hits.slice(0, limit);
  }

  /** The entry a normalised name names: a full name first, else a name without its filler words. */
  private exactly(key: string): Entry | undefined {
    return this.exactNames.get(key) ?? this.topicExact.get(key);
  }

  /** The entry a document of the names index belongs to. */
  private entryOfName(doc: number): Entry {
    return this.entries[this.nameEntry[doc]!]!;
  }
}
