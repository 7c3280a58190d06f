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
import { topicPhrasesOf } from './parse.js';

interface NameScan {
  /** A name's topic words, joined → its entry; null where two entries share those words. */
  byWords: Map<string, Entry | null>;
  /** The same for names that join two things ("AnyVision and Microsoft's M12"), phrase by phrase. */
  byPhrases: Map<string, Entry | null>;
  /** Every word used in a name, to tell "وأمازون" (and Amazon) from a word of its own. */
  nameWords: Set<string>;
  /** Most words in a name, and most phrases in a name that joins things. */
  longest: number;
  longestPhrases: number;
}

const scans = new WeakMap<Knowledge, NameScan>();

/** Names filtered exactly as sentences are (topicPhrasesOf, as one phrase), once per knowledge version. */
function scanOf(knowledge: Knowledge): NameScan {
  let scan = scans.get(knowledge);
  if (scan) return scan;
  scan = { byWords: new Map(), byPhrases: new Map(), nameWords: new Set(), longest: 1, longestPhrases: 1 };
  const add = (map: Map<string, Entry | null>, key: string, entry: Entry) => {
    const known = map.get(key);
    map.set(key, known === undefined || known?.id === entry.id ? entry : null);
  };
  for (const entry of knowledge.entries) {
    for (const name of namesOf(entry)) {
      const phrases = topicPhrasesOf(name);
      const words = phrases.flat();
      if (words.length === 0) continue;
      add(scan.byWords, words.join(' '), entry);
      if (phrases.length > 1) add(scan.byPhrases, phrasesKey(phrases), entry);
      scan.longestPhrases = Math.max(scan.longestPhrases, phrases.length);
      scan.longest = Math.max(scan.longest, words.length);
      for (const word of words) scan.nameWords.add(word);
    }
  }
  scans.set(knowledge, scan);
  return scan;
}

function phrasesKey(phrases: readonly (readonly string[])[]): string {
  return phrases.map((phrase) => phrase.join(' ')).join(' | ');
}

/**
 * In a sentence, a word shorter than this is never taken for a misspelt name: short words are
 * everyday words one typo away from an alias ("note" is one edit from NOTA, "card" from Karp).
 */
export const MIN_FUZZY_WORD = 5;
/** A sentence's unmatched words checked for a misspelt name, at most (each is an index lookup). */
const MAX_FUZZY_WORDS = 12;

/**
 * The entries named in `phrases` (a sentence's topic words, from topicPhrasesOf), in the order
 * they are named (misspelt ones last), each once. A name spans two phrases only if it joins
 * two things itself. Empty when no name is there.
 */
export function namedEntries(phrases: readonly (readonly string[])[], knowledge: Knowledge): Entry[] {
  const scan = scanOf(knowledge);
  const found = new Map<string, Entry>();
  const unmatched: string[] = [];
  const sentence = splitArabicAnd(phrases, scan);
  for (let p = 0; p < sentence.length; ) {
    // A name that itself joins things ("Microsoft Azure and AI for the Israeli military") first.
    let joined = Math.min(scan.longestPhrases, sentence.length - p);
    for (; joined > 1; joined -= 1) {
      const entry = scan.byPhrases.get(phrasesKey(sentence.slice(p, p + joined)));
      if (entry) {
        found.set(entry.id, entry);
        break;
      }
    }
    if (joined > 1) {
      p += joined;
      continue;
    }
    const phrase = sentence[p]!;
    for (let i = 0; i < phrase.length; ) {
      let length = Math.min(scan.longest, phrase.length - i);
      for (; length > 0; length -= 1) {
        const entry = scan.byWords.get(phrase.slice(i, i + length).join(' '));
        if (entry) {
          found.set(entry.id, entry);
          break;
        }
      }
      if (length === 0) unmatched.push(phrase[i]!);
      i += Math.max(1, length);
    }
    p += 1;
  }
  for (const word of unmatched.filter((candidate) => candidate.length >= MIN_FUZZY_WORD).slice(0, MAX_FUZZY_WORDS)) {
    const resolution = knowledge.index.resolveTopic(word);
    if (resolution.kind === 'match') found.set(resolution.entry.id, resolution.entry);
  }
  return [...found.values()];
}

/**
 * Arabic writes "and" onto the next word ("جوجل وأمازون"): where a word is no name's word but
 * is one without its leading و, read it as "and" + that word, which starts a new phrase.
 */
function splitArabicAnd(phrases: readonly (readonly string[])[], scan: NameScan): string[][] {
  const out: string[][] = [];
  for (const phrase of phrases) {
    let current: string[] = [];
    for (const word of phrase) {
      if (word.length >= 4 && word.startsWith('و') && !scan.nameWords.has(word) && scan.nameWords.has(word.slice(1))) {
        if (current.length > 0) out.push(current);
        current = [word.slice(1)];
      } else {
        current.push(word);
      }
    }
    if (current.length > 0) out.push(current);
  }
  return out;
}
