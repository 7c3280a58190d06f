/**
 * Both search indexes read their postings from PostingsBuilder: a counting sort over one
 * growing array. Checked against the obvious model (a Set of documents per word).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PostingsBuilder, WordIds } from '../../src/knowledge/postings.js';

/** Documents in increasing order, each with the word ids it uses (repeats and any order). */
const documents = fc.array(fc.array(fc.nat({ max: 40 }), { maxLength: 12 }), { maxLength: 30 });

describe('PostingsBuilder', () => {
  it('lists, for each word, every document using it once, in document order', () => {
    fc.assert(
      fc.property(documents, fc.nat({ max: 3 }), fc.nat({ max: 3 }), (docs, pairs, words) => {
        // Tiny starting capacities, so growth happens in most runs.
        const builder = new PostingsBuilder(pairs, words);
        const model = new Map<number, Set<number>>();
        docs.forEach((wordIds, doc) => {
          for (const word of wordIds) {
            builder.add(word, doc);
            model.set(word, (model.get(word) ?? new Set()).add(doc));
          }
        });
        const wordCount = 45;
        const postings = builder.build(wordCount);
        for (let word = 0; word < wordCount; word += 1) {
          expect([...postings.of(word)]).toEqual([...(model.get(word) ?? [])]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives an empty list to a word never added, and to ids past the last one added', () => {
    const builder = new PostingsBuilder();
    builder.add(2, 0);
    builder.add(2, 7);
    const postings = builder.build(5);
    expect([...postings.of(0)]).toEqual([]);
    expect([...postings.of(2)]).toEqual([0, 7]);
    expect([...postings.of(4)]).toEqual([]);
  });
});

describe('WordIds', () => {
  it('numbers words in order of first use and keeps each id', () => {
    const ids = new WordIds();
    expect(['b', 'a', 'b', 'c', 'a'].map((word) => ids.id(word))).toEqual([0, 1, 0, 2, 1]);
    expect(ids.words).toEqual(['b', 'a', 'c']);
  });
});
