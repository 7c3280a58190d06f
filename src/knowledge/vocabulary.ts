/**
 * Typo-tolerant lookup of one word in a set of distinct words: the part of MiniSearch both
 * indexes use. Each index used to hold a whole MiniSearch with one document per distinct word;
 * at 5,000 entries that was about 15 MB per index in per-document bookkeeping (ids, field
 * lengths, stored fields) that a one-word document never needs. This keeps only MiniSearch's
 * radix tree (`SearchableMap`) and scores matches exactly as MiniSearch scores them
 * (`executeQuerySpec` in minisearch 7), so every ranking stays the same: an exact match weighs
 * 1, a prefix match 0.375 × len / (len + 0.3 × extra letters), a fuzzy match
 * 0.45 × len / (len + edits), each times the BM25 score of a one-word document.
 */
import SearchableMap from 'minisearch/SearchableMap';

export interface WordMatch {
  /** The id the word was added with. */
  id: number;
  word: string;
  score: number;
}

const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;

/** MiniSearch's BM25 (k 1.2, b 0.7, d 0.5) for a word found once, in a one-word document. */
function oneWordDocumentScore(documentCount: number): number {
  const k = 1.2;
  const b = 0.7;
  const d = 0.5;
  const invDocFreq = Math.log(1 + (documentCount - 1 + 0.5) / (1 + 0.5));
  return invDocFreq * (d + (1 * (k + 1)) / (1 + k * (1 - b + (b * 1) / 1)));
}

export class Vocabulary {
  private readonly tree = new SearchableMap<number>();
  private readonly words: string[] = [];

  /** Distinct words in id order: `words[i]` gets id i (callers pass a Map's keys). */
  constructor(words: Iterable<string>) {
    for (const word of words) {
      this.tree.set(word, this.words.length);
      this.words.push(word);
    }
  }

  get size(): number {
    return this.words.length;
  }

  word(id: number): string {
    return this.words[id]!;
  }

  id(word: string): number | undefined {
    return this.tree.get(word);
  }

  /**
   * Words matching `query` exactly, as a prefix (if `prefix`) or within `maxEdits` edits,
   * best first; ties keep MiniSearch's order (exact, then prefix, then fuzzy matches).
   */
  lookup(query: string, maxEdits: number, prefix: boolean): WordMatch[] {
    if (query === '') return [];
    const base = oneWordDocumentScore(this.words.length);
    const matches: WordMatch[] = [];
    const exact = this.tree.get(query);
    if (exact !== undefined) matches.push({ id: exact, word: query, score: 1 * base });
    const fuzzy = maxEdits > 0 ? this.tree.fuzzyGet(query, maxEdits) : undefined;
    if (prefix) {
      for (const [word, id] of this.tree.atPrefix(query)) {
        const extra = word.length - query.length;
        if (extra === 0) continue;
        fuzzy?.delete(word); // scored as a prefix match only, as MiniSearch does
        matches.push({ id, word, score: ((PREFIX_WEIGHT * word.length) / (word.length + 0.3 * extra)) * base });
      }
    }
    if (fuzzy) {
      for (const [word, [id, edits]] of fuzzy) {
        if (edits === 0) continue;
        matches.push({ id, word, score: ((FUZZY_WEIGHT * word.length) / (word.length + edits)) * base });
      }
    }
    return matches.sort((a, b) => b.score - a.score);
  }
}
