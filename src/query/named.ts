/**
 * The entries a sentence names: "google and amazon", "compare nimbus with palantir",
 * "my manager asked about palantir". Built on the knowledge's public surface (every entry's
 * names, `namesOf`, and the index's `resolveTopic`), not on the search index's internals.
 *
 * A name counts when its words appear together in the sentence, longest name first (so
 * "google nimbus" is Project Nimbus, not Google). A word no name contains exactly may still be
 * a misspelt one-word name ("palentir"): the index decides, and only a certain match counts.
 */
import type { Knowledge } from '../knowledge/knowledge.js';
import { namesOf } from '../knowledge/names.js';
import type { Entry } from '../knowledge/schema.js';
import { topicWordsOf } from './parse.js';

interface NameScan {
  /** A name's topic words, joined → its entry; null where two entries share those words. */
  byWords: Map<string, Entry | null>;
  /** Every word used in a name, to tell "وأمازون" (and Amazon) from a word of its own. */
  nameWords: Set<string>;
  longest: number;
}

const scans = new WeakMap<Knowledge, NameScan>();

/** Names filtered exactly as sentences are (topicWordsOf), once per knowledge version. */
function scanOf(knowledge: Knowledge): NameScan {
  let scan = scans.get(knowledge);
  if (scan) return scan;
  scan = { byWords: new Map(), nameWords: new Set(), longest: 1 };
  for (const entry of knowledge.entries) {
    for (const name of namesOf(entry)) {
      const words = topicWordsOf(name);
      if (words.length === 0) continue;
      const key = words.join(' ');
      const known = scan.byWords.get(key);
      scan.byWords.set(key, known === undefined || known?.id === entry.id ? entry : null);
      scan.longest = Math.max(scan.longest, words.length);
      for (const word of words) scan.nameWords.add(word);
    }
  }
  scans.set(knowledge, scan);
  return scan;
}

/** Words short enough to be someone's everyday word ("note" is one edit from NOTA) are never fuzzy-matched here. */
const MIN_FUZZY_WORD = 5;
/** A sentence's unmatched words checked for a misspelt name, at most (each is an index lookup). */
const MAX_FUZZY_WORDS = 12;

/**
 * The entries named in `words` (a sentence's topic words, from topicWordsOf), in the order
 * they are named (misspelt ones last), each once. Empty when no name is there.
 */
export function namedEntries(words: readonly string[], knowledge: Knowledge): Entry[] {
  const scan = scanOf(knowledge);
  // Arabic writes "and" onto the next word ("جوجل وأمازون"): read it apart when that makes a name's word.
  const sentence = words.map((word) => (word.length >= 4 && word.startsWith('و') && !scan.nameWords.has(word) && scan.nameWords.has(word.slice(1)) ? word.slice(1) : word));
  const found = new Map<string, Entry>();
  const unmatched: string[] = [];
  for (let i = 0; i < sentence.length; ) {
    let length = Math.min(scan.longest, sentence.length - i);
    for (; length > 0; length -= 1) {
      const entry = scan.byWords.get(sentence.slice(i, i + length).join(' '));
      if (entry) {
        found.set(entry.id, entry);
        break;
      }
    }
    if (length === 0) unmatched.push(sentence[i]!);
    i += Math.max(1, length);
  }
  for (const word of unmatched.filter((candidate) => candidate.length >= MIN_FUZZY_WORD).slice(0, MAX_FUZZY_WORDS)) {
    const resolution = knowledge.index.resolveTopic(word);
    if (resolution.kind === 'match') found.set(resolution.entry.id, resolution.entry);
  }
  return [...found.values()];
}
