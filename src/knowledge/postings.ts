/**
 * Postings: for each word id, the documents that use it, packed for search and built without
 * an array per word. Used by both search indexes (search.ts).
 */

/**
 * Word → documents lists packed into two typed arrays: the documents using word `i` are
 * `docs[offsets[i] .. offsets[i + 1])`. A number[] per word costs its own object and spare
 * capacity; at 5,000 entries the packed form is a few MB where arrays were several times that.
 */
export class Postings {
  constructor(
    private readonly offsets: Int32Array,
    private readonly docs: Int32Array,
  ) {}

  of(word: number): Int32Array {
    return this.docs.subarray(this.offsets[word]!, this.offsets[word + 1]!);
  }
}

/**
 * Collects (word, document) pairs in one growing typed array, then sorts them by word in two
 * linear passes (a counting sort) into Postings. Documents must be added in increasing order;
 * a word added twice for the same document in a row is kept once. Growing one array per word
 * instead (25,000 of them for the full text at 5,000 entries) cost a third more time, most of
 * it garbage collection.
 */
export class PostingsBuilder {
  private pairs: Int32Array<ArrayBuffer>;
  private length = 0;
  /** Per word id: the last document added for it, so repeats are skipped. */
  private lastDoc: Int32Array<ArrayBuffer>;
  private wordCount = 0;

  /** Initial capacities (they grow by doubling); tests pass small ones to exercise growth. */
  constructor(pairs = 1 << 16, words = 1 << 12) {
    this.pairs = new Int32Array(Math.max(2, pairs * 2));
    this.lastDoc = new Int32Array(Math.max(1, words)).fill(-1);
  }

  add(word: number, doc: number): void {
    if (word >= this.lastDoc.length) this.lastDoc = grow(this.lastDoc, word + 1, -1);
    if (this.lastDoc[word] === doc) return;
    this.lastDoc[word] = doc;
    if (word >= this.wordCount) this.wordCount = word + 1;
    if (this.length + 2 > this.pairs.length) this.pairs = grow(this.pairs, this.length + 2, 0);
    this.pairs[this.length] = word;
    this.pairs[this.length + 1] = doc;
    this.length += 2;
  }

  /** `wordCount`: the vocabulary's size (words never added get an empty list). */
  build(wordCount: number): Postings {
    const pairs = this.pairs;
    const offsets = new Int32Array(Math.max(wordCount, this.wordCount) + 1);
    for (let i = 0; i < this.length; i += 2) offsets[pairs[i]! + 1]! += 1;
    for (let word = 1; word < offsets.length; word += 1) offsets[word]! += offsets[word - 1]!;
    const next = offsets.slice(0, -1);
    const docs = new Int32Array(this.length / 2);
    for (let i = 0; i < this.length; i += 2) docs[next[pairs[i]!]!++] = pairs[i + 1]!;
    return new Postings(offsets, docs);
  }
}

/** A copy of `array` at least `minimum` long (doubling), new slots set to `fill`. */
function grow(array: Int32Array, minimum: number, fill: number): Int32Array<ArrayBuffer> {
  let size = array.length * 2;
  while (size < minimum) size *= 2;
  const grown = new Int32Array(size);
  if (fill !== 0) grown.fill(fill, array.length);
  grown.set(array);
  return grown;
}

/** Word ids in order of first use: the ids a Vocabulary built from `words` will give. */
export class WordIds {
  readonly words: string[] = [];
  private readonly ids = new Map<string, number>();

  id(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.words.push(word) - 1;
      this.ids.set(word, id);
    }
    return id;
  }
}
