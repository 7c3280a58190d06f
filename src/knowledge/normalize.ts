/**
 * Text normalisation shared by search, alias checks and language detection.
 *
 * Organizers type fast, on phones, in two scripts. Two spellings that a reader would call
 * "the same word" must normalise to the same string, or search misses an obvious answer.
 */

const ARABIC_LETTER = /\p{Script=Arabic}/u;
const ASCII = /^[\x20-\x7e]*$/;
const LATIN_LETTER = /\p{Script=Latin}/u;

/** Arabic-Indic (U+0660..) and Extended Arabic-Indic (U+06F0..) digits to ASCII. */
function asciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (digit) => {
    const code = digit.charCodeAt(0);
    return String((code >= 0x06f0 ? code - 0x06f0 : code - 0x0660));
  });
}

/**
 * Letters that Persian, Urdu, Kurdish and Pashto keyboards type where Arabic has another: an
 * organizer on such a keyboard types ی for ي, ک for ك, ھ/ە/ۃ for ه/ة. Folded to the Arabic letter
 * (the ta marbuta forms straight to ه, as ة itself is). After NFKD, so ۀ (ە + hamza) and ۓ
 * (ے + hamza) arrive here already split.
 */
const PERSO_ARABIC: Record<string, string> = {
  '\u06CC': '\u064A', // ی Farsi yeh
  '\u06D0': '\u064A', // ې Pashto/Uyghur e
  '\u06CD': '\u064A', // ۍ yeh with tail
  '\u06D2': '\u064A', // ے Urdu yeh barree
  '\u0620': '\u064A', // ؠ Kashmiri yeh
  '\u06A9': '\u0643', // ک keheh
  '\u06AA': '\u0643', // ڪ swash kaf
  '\u06AB': '\u0643', // ګ kaf with ring
  '\u06BE': '\u0647', // ھ heh doachashmee
  '\u06C1': '\u0647', // ہ heh goal
  '\u06D5': '\u0647', // ە ae
  '\u06C3': '\u0647', // ۃ teh marbuta goal
  '\u0671': '\u0627', // ٱ alef wasla
};
const PERSO_ARABIC_LETTER = new RegExp(`[${Object.keys(PERSO_ARABIC).join('')}]`, 'g');

/**
 * Lower-case, fold Latin diacritics and Arabic spelling variants, drop punctuation.
 * - NFKD splits "é" into "e" + accent and "أ/إ/آ" into "ا" + hamza/madda; marks are then dropped.
 *   It also maps Arabic presentation forms (pasted from PDFs) to plain letters.
 * - ة (ta marbuta) → ه and ى (alef maqsura) → ي, the two variants most often typed either way.
 * - Persian/Urdu letters fold to the Arabic ones (PERSO_ARABIC), and Persian and Arabic-Indic
 *   digits to ASCII, so keywords and filler words compare equal however they were typed.
 * - Tatweel (ـ) and invisible format characters (RTL marks, ZWJ) are removed, not turned into
 *   spaces, so they cannot split a word.
 */
export function normalize(text: string): string {
  // Fast path for plain ASCII (most English text): nothing to fold but case and punctuation.
  if (ASCII.test(text)) return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  return asciiDigits(text)
    .normalize('NFKD')
    .replace(/[\p{M}\p{Cf}\u0640]/gu, '')
    .replace(PERSO_ARABIC_LETTER, (letter) => PERSO_ARABIC[letter]!)
    .replace(/\u0629/g, '\u0647')
    .replace(/\u0649/g, '\u064A')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Normalised words of a text: `tokens(text).join(' ')` equals `normalize(text)` (a property
 * test holds it), so name keys can be built from words the cache already knows. Words repeat a
 * great deal across a knowledge file, so each raw word's normalisation is remembered (a bounded
 * cache): indexing 5,000 entries then costs a fraction of normalising every occurrence with
 * Unicode-aware regexes.
 */
const wordCache = new Map<string, string[]>();
const WORD_CACHE_MAX = 100_000;

/** Drop the cache once an index is built: it speeds indexing, and is dead weight afterwards. */
export function clearTokenCache(): void {
  wordCache.clear();
}

/**
 * Whitespace, except U+FEFF: JavaScript counts that invisible mark as a space, but normalize()
 * removes it so it cannot split a word, and tokens(text).join(' ') must equal normalize(text).
 */
export const WORD_GAP = /[^\S\uFEFF]+/;

export function tokens(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(WORD_GAP)) {
    if (raw === '') continue;
    let words = wordCache.get(raw);
    if (words === undefined) {
      const normalized = normalize(raw);
      words = normalized === '' ? [] : normalized.split(' ');
      if (wordCache.size >= WORD_CACHE_MAX) wordCache.clear();
      wordCache.set(raw, words);
    }
    for (const word of words) out.push(word);
  }
  return out;
}

export type Lang = 'en' | 'ar';

/**
 * Arabic if at least as many words are Arabic as Latin. Counted by word, not letter, so
 * "ماذا عن Palantir؟" (an Arabic question about a Latin-script name) is Arabic.
 */
export function detectLang(text: string): Lang | undefined {
  let arabic = 0;
  let latin = 0;
  for (const word of text.split(/\s+/)) {
    if (ARABIC_LETTER.test(word)) arabic += 1;
    else if (LATIN_LETTER.test(word)) latin += 1;
  }
  if (arabic === 0 && latin === 0) return undefined;
  return arabic >= latin ? 'ar' : 'en';
}

/**
 * Words that carry no topic in a question ("what about palantir?", "ماذا عن إلبيت؟").
 * Stored normalised, so they match normalised tokens.
 */
const STOPWORD_LIST = [
  // English
  'a', 'about', 'an', 'and', 'any', 'anything', 'are', 'can', 'contract', 'contracts', 'deal', 'deals', 'do', 'does',
  'for', 'give', 'how', 'i', 'in', 'info', 'is', 'it', 'know', 'me', 'more', 'of', 'on', 'please', 'pls', 'regarding',
  's', 'say', 'says', 'show', 'tell', 'the', 'there', 'to', 'us', 'was', 'we', 'what', 'whats', 'who', 'with', 'you',
  // Arabic (written as typed; normalised below)
  'ما', 'ماذا', 'عن', 'من', 'هل', 'في', 'على', 'و', 'هو', 'هي', 'أخبرني', 'اخبرني', 'حدثني', 'معلومات', 'عقد', 'عقود',
  'بخصوص', 'حول', 'لو', 'سمحت', 'تعرف', 'نعرف', 'شركة', 'صفقة',
];
const STOPWORDS = new Set(STOPWORD_LIST.map(normalize));

export function isStopword(token: string): boolean {
  return STOPWORDS.has(token);
}

/** Tokens that carry the topic; if every token is a stopword, all tokens are kept. */
export function topicTokens(text: string): readonly string[] {
  return topicWords(tokens(text));
}

/** topicTokens for words already split by tokens(). */
export function topicWords(all: readonly string[]): readonly string[] {
  const meaningful = all.filter((token) => !isStopword(token));
  return meaningful.length > 0 ? meaningful : all;
}
