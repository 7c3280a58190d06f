/**
 * Finding the entry a person means. Exact names are looked up in the table the cross-checks
 * built (names.ts). Two indexes, both typo-tolerant (see vocabulary.ts):
 * - names: one document per name or alias, so a whole alias can be matched; built at load,
 *   it is all a topic answer needs;
 * - text: summaries and facts, for `search` and suggestions (see TextIndex), built right
 *   after a load.
 *
 * The bot answers with a card only when the query names one entry: exactly, or by a fuzzy match
 * that covers every word of the query and every word of one alias, with no other entry as close.
 * Anything less becomes "did you mean…": a wrong card costs organizers their credibility.
 */
import { clearTokenCache, isStopword, normalize, tokens, topicTokens, topicWords, WORD_GAP } from './normalize.js';
import type { Names, NameTable } from './names.js';
import { type Postings, PostingsBuilder, WordIds } from './postings.js';
import type { Entry } from './schema.js';
import { Vocabulary } from './vocabulary.js';

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

export class SearchIndex {
  /** Names with their stopwords dropped ("the nimbus contract" → "nimbus"), where that differs. */
  private readonly topicExact = new Map<string, Entry>();
  private readonly names: NameIndex;
  /** Per name document: the index of its entry. */
  private readonly nameEntry: Int32Array;
  private fullText: TextIndex | undefined;
  private readonly byId: ReadonlyMap<string, Entry>;
  private readonly byIndex: readonly Entry[];

  private readonly nameTable: NameTable;
  /** Every name's words, kept until the full-text index has used them for its name field. */
  private nameWords: Names['words'] | undefined;

  /** `names`: every full name's key → its entry's index, and every name's words, as the cross-checks found them. */
  constructor(entries: readonly Entry[], names: Names) {
    this.nameTable = names.table;
    this.nameWords = names.words;
    this.byId = new Map(entries.map((entry) => [entry.id, entry]));
    this.byIndex = entries;
    const nameTexts: (readonly string[])[] = [];
    const nameEntry: number[] = [];
    const nameWordCounts: number[] = [];
    entries.forEach((entry, entryIndex) => {
      const indexed = new Set<string>();
      for (const words of names.words[entryIndex]!) {
        if (words.length === 0) continue;
        const stripped = topicWords(words);
        // Most names have no stopword to strip: their key is in the names table already.
        const topicKey = stripped.join(' ');
        if (stripped.length !== words.length && !this.nameTable.has(topicKey)) this.topicExact.set(topicKey, entry);
        // Names that differ only in case, punctuation or stopwords are one document.
        if (indexed.has(topicKey)) continue;
        indexed.add(topicKey);
        nameEntry.push(entryIndex);
        nameWordCounts.push(Math.min(255, new Set(stripped).size));
        nameTexts.push(stripped);
      }
    });
    this.nameEntry = Int32Array.from(nameEntry);
    this.names = new NameIndex(nameTexts, Uint8Array.from(nameWordCounts));
  }

  /**
   * The full-text index (summaries and facts), built on first use or by `buildFullText()`.
   * Naming a topic needs only the names index, so a (re)load is ready to answer at once and
   * the larger index follows (see KnowledgeStore).
   */
  private get text(): TextIndex {
    if (!this.fullText) {
      this.fullText = new TextIndex(this.byIndex, this.nameWords!);
      this.nameWords = undefined;
      clearTokenCache();
    }
    return this.fullText;
  }

  buildFullText(): void {
    void this.text;
  }

  /** The entry a topic query names, or suggestions when it names none for certain. */
  resolveTopic(rawQuery: string): TopicResolution {
    const query = rawQuery.slice(0, MAX_QUERY_CHARS);
    const topicWordsOfQuery = topicTokens(query);
    const exact = this.exactly(normalize(query)) ?? this.exactly(topicWordsOfQuery.join(' '));
    if (exact) return { kind: 'match', entry: exact, how: 'exact' };

    const queryWords = new Set(topicWordsOfQuery);
    if (queryWords.size === 0) return { kind: 'suggest', suggestions: [] };

    // Best alias per entry that the query covers completely (every alias word matched).
    const covered = new Map<string, { matchedQueryWords: number; score: number }>();
    const partial: string[] = [];
    for (const result of this.names.search([...queryWords], editsAllowed, () => false)) {
      const entryId = this.entryOfName(result.doc).id;
      const fullyCovered = result.terms.size >= this.names.wordCount(result.doc);
      if (!fullyCovered) {
        partial.push(entryId);
        continue;
      }
      const previous = covered.get(entryId);
      const candidate = { matchedQueryWords: result.queryTerms.size, score: result.score };
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
      const wide = this.names.search(
        [...queryWords],
        (term) => (term.length >= 4 ? 2 : term.length === 3 ? 1 : 0),
        (term) => term.length >= 3,
      );
      suggestionIds.push(...wide.map((result) => this.entryOfName(result.doc).id));
    }
    const unique = [...new Set(suggestionIds)].slice(0, MAX_SUGGESTIONS);
    return { kind: 'suggest', suggestions: unique.map((id) => this.entry(id)) };
  }

  /** Free-text search over names, summaries and facts; best first. */
  search(rawQuery: string, limit = 8): SearchHit[] {
    const query = rawQuery.slice(0, MAX_QUERY_CHARS);
    const words = tokens(query);
    if (words.length === 0) return [];
    const results = this.text.search(words.filter((term) => !isStopword(term)));
    // An exact name outranks any amount of text that merely mentions it.
    const exact = this.exactly(normalize(query));
    const hits = results.map((result) => ({ entry: this.byIndex[result.doc]!, score: result.score }));
    if (exact) {
      const rest = hits.filter((hit) => hit.entry.id !== exact.id);
      return [{ entry: exact, score: Number.POSITIVE_INFINITY }, ...rest].slice(0, limit);
    }
    return hits.slice(0, limit);
  }

  /** The entry a normalised name names: a full name first, else a name without its stopwords. */
  private exactly(key: string): Entry | undefined {
    const index = this.nameTable.get(key);
    return index === undefined ? this.topicExact.get(key) : this.byIndex[index];
  }

  /** The entry a document of the names index belongs to. */
  private entryOfName(doc: number): Entry {
    return this.byIndex[this.nameEntry[doc]!]!;
  }

  private entry(id: string): Entry {
    const entry = this.byId.get(id);
    if (!entry) throw new Error(`search index refers to unknown entry ${id}`);
    return entry;
  }
}

/** Fields of the full-text index, by index: names and aliases, the summary, everything else. */
const NAME_FIELD = 0;
const SUMMARY_FIELD = 1;
const BODY_FIELD = 2;
const FIELD_BOOST = [3, 2, 1];

/**
 * Full-text search over summaries and facts. A vocabulary of the distinct words finds the
 * words a query term means, typos and prefixes included; postings then say which entries use
 * them. Indexing every occurrence in MiniSearch itself took 1.0 s for 5,000 entries
 * (docs/PERFORMANCE.md); this takes a fraction of that.
 */
class TextIndex {
  private readonly vocabulary: Vocabulary;
  /** For each word: entry index × 4 + field index, once per entry and field. */
  private readonly postings: Postings;
  private readonly docCount: number;

  /**
   * One pass over about 1.4 million words at 5,000 entries, so the loop does as little as it
   * can per word: each distinct raw word (as split on whitespace) is normalised once, to one
   * word id, to none (a stopword, punctuation) or to several ("U.S.-Israeli"); after that a
   * raw word costs one Map lookup. Names come already split (`nameWords`, from the checks).
   */
  constructor(entries: readonly Entry[], nameWords: Names['words']) {
    this.docCount = entries.length;
    const wordIds = new WordIds();
    const postings = new PostingsBuilder();
    /** Raw word → word id (≥ 0), NO_WORD, or -2 - k for `several[k]`. */
    const codeOfRaw = new Map<string, number>();
    const several: number[][] = [];
    const NO_WORD = -1;
    const codeOf = (raw: string): number => {
      const ids = tokens(raw).filter((word) => !isStopword(word)).map((word) => wordIds.id(word));
      const code = ids.length === 0 ? NO_WORD : ids.length === 1 ? ids[0]! : -2 - (several.push(ids) - 1);
      codeOfRaw.set(raw, code);
      return code;
    };
    const addText = (text: string, posting: number) => {
      for (const raw of text.split(WORD_GAP)) {
        const code = codeOfRaw.get(raw) ?? codeOf(raw);
        if (code >= 0) postings.add(code, posting);
        else if (code !== NO_WORD) for (const id of several[-2 - code]!) postings.add(id, posting);
      }
    };
    // Postings must be added in increasing order: entry by entry, fields in order.
    entries.forEach((entry, index) => {
      const names = index * 4 + NAME_FIELD;
      for (const words of nameWords[index]!) {
        for (const word of words) if (!isStopword(word)) postings.add(wordIds.id(word), names);
      }
      const summary = index * 4 + SUMMARY_FIELD;
      addText(entry.summary.en, summary);
      addText(entry.summary.ar, summary);
      const body = index * 4 + BODY_FIELD;
      const bodyTexts = [...entry.facts.map((fact) => fact.text), ...entry.figures.map((figure) => figure.label), ...(entry.parties ?? [])];
      for (const text of bodyTexts) {
        addText(text.en, body);
        addText(text.ar, body);
      }
    });
    this.vocabulary = new Vocabulary(wordIds.words);
    this.postings = postings.build(wordIds.words.length);
  }

  /** Entries ranked by how many query words they use (typo-tolerant), weighted by field and rarity. */
  search(queryTerms: string[]): Array<{ doc: number; score: number }> {
    const scores = new Map<number, number>();
    const total = Math.max(1, this.docCount);
    for (const queryTerm of new Set(queryTerms)) {
      const matches = this.vocabulary.lookup(queryTerm, editsAllowed(queryTerm), queryTerm.length >= 4);
      const best = new Map<number, number>();
      for (const match of matches.slice(0, 50)) {
        const list = this.postings.of(match.id);
        // Closer spellings score higher (MiniSearch's score); rarer words say more.
        const weight = match.score * Math.log(1 + total / (1 + list.length));
        for (const posting of list) {
          const doc = Math.floor(posting / 4);
          const value = weight * FIELD_BOOST[posting % 4]!;
          if ((best.get(doc) ?? 0) < value) best.set(doc, value);
        }
      }
      for (const [doc, value] of best) scores.set(doc, (scores.get(doc) ?? 0) + value);
    }
    return [...scores.entries()].map(([doc, score]) => ({ doc, score })).sort((a, b) => b.score - a.score);
  }
}

/**
 * The names index: a vocabulary of the distinct words of all names (typo-tolerant lookup)
 * and postings saying which names use each word. One MiniSearch document per name cost about
 * 570 bytes each (33 MB for 59,000 names at 5,000 entries); this keeps the same answers in a
 * fraction of that (docs/PERFORMANCE.md).
 */
class NameIndex {
  private readonly vocabulary: Vocabulary;
  private readonly postings: Postings;

  constructor(
    names: ReadonlyArray<readonly string[]>,
    private readonly words: Uint8Array,
  ) {
    const wordIds = new WordIds();
    const postings = new PostingsBuilder();
    names.forEach((nameWords, doc) => {
      for (const word of nameWords) postings.add(wordIds.id(word), doc);
    });
    this.vocabulary = new Vocabulary(wordIds.words);
    this.postings = postings.build(wordIds.words.length);
  }

  wordCount(doc: number): number {
    return this.words[doc]!;
  }

  /**
   * Names sharing words with the query, with which of their words matched (`terms`), which
   * query words matched (`queryTerms`), and a score: closer spellings and shorter names first.
   */
  search(queryWords: string[], fuzzy: (term: string) => number, prefix: (term: string) => boolean): Array<{ doc: number; terms: Set<number>; queryTerms: Set<string>; score: number }> {
    const found = new Map<number, { doc: number; terms: Set<number>; queryTerms: Set<string>; score: number }>();
    for (const word of new Set(queryWords)) {
      for (const match of this.vocabulary.lookup(word, fuzzy(word), prefix(word))) {
        for (const doc of this.postings.of(match.id)) {
          let entry = found.get(doc);
          if (!entry) found.set(doc, (entry = { doc, terms: new Set(), queryTerms: new Set(), score: 0 }));
          entry.terms.add(match.id);
          entry.queryTerms.add(word);
          entry.score += match.score;
        }
      }
    }
    const results = [...found.values()];
    for (const result of results) result.score /= Math.sqrt(this.words[result.doc]!);
    return results.sort((a, b) => b.score - a.score);
  }
}
