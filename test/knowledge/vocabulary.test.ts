/**
 * The Vocabulary replaces a MiniSearch with one document per word (docs/PERFORMANCE.md). Search
 * rankings stay the same only if it finds the same words with the same scores in the same
 * order as MiniSearch itself, so it is checked against the real MiniSearch.
 */
import fc from 'fast-check';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { Vocabulary } from '../../src/knowledge/vocabulary.js';

function miniSearchOver(words: string[]) {
  const index = new MiniSearch<{ id: number; word: string }>({ fields: ['word'], tokenize: (text) => [text], processTerm: (term) => term });
  index.addAll(words.map((word, id) => ({ id, word })));
  return (query: string, maxEdits: number, prefix: boolean) =>
    index.search(query, { fuzzy: () => maxEdits, prefix: () => prefix }).map((result) => ({ id: result.id as number, score: result.score }));
}

// Small alphabets so that prefixes, typos and near-ties are common.
const word = fc.oneof(fc.stringMatching(/^[abcde]{1,8}$/), fc.stringMatching(/^[بتث]{1,6}$/));

describe('Vocabulary', () => {
  it('finds the same words as MiniSearch, with the same scores, in the same order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 60 }), word, fc.integer({ min: 0, max: 2 }), fc.boolean(), (words, query, maxEdits, prefix) => {
        const expected = miniSearchOver(words)(query, maxEdits, prefix);
        const actual = new Vocabulary(words).lookup(query, maxEdits, prefix).map(({ id, score }) => ({ id, score }));
        expect(actual).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('gives each word its position as id', () => {
    const vocabulary = new Vocabulary(['elbit', 'nimbus', 'نيمبوس']);
    expect(vocabulary.size).toBe(3);
    expect([0, 1, 2].map((id) => vocabulary.word(id))).toEqual(['elbit', 'nimbus', 'نيمبوس']);
    expect(vocabulary.id('نيمبوس')).toBe(2);
    expect(vocabulary.id('elbi')).toBeUndefined();
  });

  it('ranks the exact word first, then one typo (0.45 × 8/9) over one extra letter (0.375 × 9/9.3)', () => {
    const vocabulary = new Vocabulary(['palantir', 'palantirs', 'palentir', 'azure']);
    expect(vocabulary.lookup('palantir', 2, true).map((match) => match.word)).toEqual(['palantir', 'palentir', 'palantirs']);
    expect(vocabulary.lookup('palantir', 0, false).map((match) => match.word)).toEqual(['palantir']);
  });

  it('finds nothing for an empty query', () => {
    expect(new Vocabulary(['palantir']).lookup('', 2, true)).toEqual([]);
  });
});
