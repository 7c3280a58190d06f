/**
 * The command grammar every surface shares (slash command, mention, console):
 *
 *   (empty) | help            → help
 *   list | topics             → the list of topics
 *   search <words>            → search results
 *   version | changelog       → the knowledge version and its changelog
 *   digest <subcommand …>     → digest controls (subscribe, unsubscribe, status, preview)
 *   anything else             → a topic ("elbit", "what about palantir?", "مصلحة السجون")
 *   <topic> full | full <topic> → the topic's full card in the message, not the compact one
 *                                 (Arabic: كامل, كاملة, بالكامل)
 *
 * `lang:en` / `lang:ar` anywhere overrides the language, which is otherwise Arabic when the
 * text is mostly Arabic. Keywords are accepted in both languages.
 *
 * Mentions (and DMs) are sentences: "hey @NoTech, can you tell me about palantir? thanks".
 * Greetings, thanks and "please" before a keyword are skipped ("hi, list please"), and a topic
 * carries its `phrases`: the text's normalised words without filler (POLITE, QUESTION and the
 * knowledge's stopwords), custom emoji, @/# references or links, cut where the text joins two
 * things ("and", "or", "with", "و", "&", a comma), so "google and nimbus" is two phrases, not
 * the alias "Google Nimbus". All lists are compared after normalize(), so a filler word typed
 * on a Persian keyboard (ی, ک) is still filler.
 */
import { detectLang, isStopword, normalize, type Lang } from '../knowledge/normalize.js';

/** Longest text parsed; the rest is ignored. Slack allows far more than any topic needs. */
export const MAX_INPUT_CHARS = 1000;

export type Command =
  | { kind: 'help' }
  | { kind: 'list' }
  | { kind: 'version' }
  | { kind: 'search'; words: string }
  /** `text` as typed (for echoes), `phrases` the words that can name a topic (see topicPhrasesOf), `full` the whole card asked for. */
  | { kind: 'topic'; text: string; phrases: string[][]; full?: boolean }
  | { kind: 'digest'; args: string[] };

export type Query = Command & { lang: Lang; langExplicit: boolean };

const KEYWORDS: Record<string, 'help' | 'list' | 'version' | 'search' | 'digest'> = {
  help: 'help',
  '?': 'help',
  مساعده: 'help',
  مساعدة: 'help',
  list: 'list',
  topics: 'list',
  قائمه: 'list',
  قائمة: 'list',
  المواضيع: 'list',
  version: 'version',
  changelog: 'version',
  الاصدار: 'version',
  الإصدار: 'version',
  search: 'search',
  find: 'search',
  ابحث: 'search',
  بحث: 'search',
  digest: 'digest',
  الملخص: 'digest',
};
const KEYWORD_LOOKUP = new Map(Object.entries(KEYWORDS).map(([word, kind]) => [normalize(word) || word, kind]));

/** Greetings, thanks, "please", in English and Arabic: skipped before a keyword, never a topic. */
const POLITE = [
  'hey', 'hi', 'hello', 'hiya', 'yo', 'dear', 'good', 'morning', 'afternoon', 'evening', 'thanks', 'thank', 'thx', 'ty', 'cheers',
  'please', 'pls', 'plz', 'kindly', 'bot', 'ok', 'okay', 'so', 'um', 'hmm',
  'مرحبا', 'مرحبًا', 'اهلا', 'أهلا', 'أهلًا', 'هلا', 'سلام', 'السلام', 'عليكم', 'صباح', 'مساء', 'الخير', 'النور', 'يا',
  'شكرا', 'شكرًا', 'شكراً', 'جزيلا', 'جزيلًا', 'مشكور', 'فضلك', 'فضلكم', 'لو', 'سمحت', 'سمحتم', 'رجاء', 'الرجاء', 'رجاءً',
  'تسلم', 'يعطيك', 'العافية', 'مرسي',
];
/** Question words and filler around a topic ("can you tell me", "what do we know about", "ماذا عن"). */
const QUESTION = [
  'what', 'whats', 'which', 'who', 'whos', 'how', 'why', 'when', 'where', 'can', 'could', 'would', 'will', 'should', 'you',
  'tell', 'me', 'us', 'about', 'do', 'does', 'did', 'we', 'i', 'know', 'known', 'have', 'has', 'got', 'anything', 'something',
  'info', 'information', 'more', 'details', 'facts', 'regarding', 're', 'comparing', 'also', 'both', 'let', 'lets', 'explain',
  'show', 'give', 'need', 'want', 'like', 'to', 'the', 'is', 'are', 'was', 'were', 'be', 'there', 'any', 'some', 'on', 'of',
  'a', 'an', 'it', 'its', 's', 'again', 'quick', 'question',
  'ماذا', 'ما', 'من', 'هو', 'هي', 'هل', 'عن', 'أخبرني', 'اخبرني', 'اخبرنا', 'أخبرنا', 'حدثني', 'حدثنا', 'يمكنك', 'ممكن',
  'تخبرني', 'تقول', 'قل', 'لي', 'لنا', 'نعرف', 'نعلم', 'تعرف', 'أعرف', 'اعرف', 'أريد', 'اريد', 'معرفة', 'معلومات', 'المزيد',
  'كل', 'شيء', 'أي', 'اي', 'في', 'على', 'بخصوص', 'حول', 'وماذا', 'وما',
  // Spoken forms of "what" and "I want" (Levantine, Gulf, Egyptian, Iraqi)
  'شو', 'ايش', 'إيش', 'وش', 'شنو', 'بدي', 'عايز', 'عاوز', 'أبغى', 'ابغى',
];
const POLITE_WORDS = new Set(POLITE.map(normalize));
const FILLER_WORDS = new Set([...POLITE, ...QUESTION].map(normalize));
/** Words that are references or pictures, not topics: @someone, #channel, :custom_emoji:, links. */
const NOT_A_WORD = /^(?:[@#]\S+|:[a-z0-9_+'-]+:(?::skin-tone-[2-6]:)?|(?:https?:\/\/|mailto:)\S+)$/i;
/** Words that join two things: never a topic, and a phrase ends there. */
const JOINERS = new Set(['and', 'or', 'with', 'vs', 'versus', 'plus', 'between', 'compare', 'و', 'أو', 'او', 'مع', 'بين', 'قارن'].map(normalize));
/** A raw word that is only a joining sign ("&", "+", "/"), or ends a clause (a comma, a semicolon). */
const JOINING_SIGN = /^[&+/|]+$/;
const CLAUSE_END = /[,;،؛]$/;

/**
 * The words of a topic text that can name a topic, in phrases: normalised, without filler,
 * stopwords, references, custom emoji or links, a new phrase after each joining word or sign.
 * Empty when the text is all filler ("thanks!", "مرحبا").
 */
export function topicPhrasesOf(text: string): string[][] {
  const phrases: string[][] = [[]];
  const cut = () => {
    if (phrases[phrases.length - 1]!.length > 0) phrases.push([]);
  };
  for (const raw of text.split(' ')) {
    if (JOINING_SIGN.test(raw)) cut();
    if (NOT_A_WORD.test(raw) || JOINING_SIGN.test(raw)) continue;
    // normalize(), not the cached tokens(): a person's words are not kept in a cache.
    const words = normalize(raw);
    for (const word of words === '' ? [] : words.split(' ')) {
      if (JOINERS.has(word)) cut(); // before the filler check: a joiner is filler that also cuts
      else if (!FILLER_WORDS.has(word) && !isStopword(word)) phrases[phrases.length - 1]!.push(word);
    }
    if (CLAUSE_END.test(raw)) cut();
  }
  return phrases.filter((phrase) => phrase.length > 0);
}

/** The word that asks for the full card; a Share button replays it. */
export const FULL_WORD = 'full';
const FULL_WORDS = new Set([FULL_WORD, 'كامل', 'كاملة', 'بالكامل'].map((word) => normalize(word) || word));

/** "elbit full" → { text: "elbit", full: true }; the word is kept when it is all there is. */
function topicOf(text: string): { text: string; full?: true } {
  const words = text.split(' ');
  const isFull = (word: string | undefined) => word !== undefined && FULL_WORDS.has(normalize(word) || word);
  if (words.length > 1 && isFull(words.at(-1))) return { text: words.slice(0, -1).join(' '), full: true };
  if (words.length > 1 && isFull(words[0])) return { text: words.slice(1).join(' '), full: true };
  return { text };
}

const LANG_FLAG = /(?:^|\s)lang:(en|ar)(?=\s|$)/gi;

/**
 * Remove characters that have no place in a query: C0/C1 controls (incl. NUL), lone
 * surrogates, and the U+FFFD left behind by invalid UTF-8. Format characters such as RTL marks
 * are kept here (normalisation drops them for matching) so echoed text stays as typed.
 */
export function cleanInput(raw: string): string {
  return raw
    .slice(0, MAX_INPUT_CHARS)
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function parseQuery(raw: string, fallbackLang: Lang = 'en'): Query {
  let text = cleanInput(raw);
  let explicit: Lang | undefined;
  text = text
    .replace(LANG_FLAG, (_match, lang: string) => {
      explicit = lang.toLowerCase() as Lang;
      return ' ';
    })
    .replace(/\s+/g, ' ')
    .trim();

  const lang = explicit ?? detectLang(text) ?? fallbackLang;
  const base = { lang, langExplicit: explicit !== undefined };

  if (text === '') return { kind: 'help', ...base };
  // "hi, list please" is "list": greetings and thanks before a keyword are skipped.
  const all = text.split(' ');
  const start = all.findIndex((word) => !POLITE_WORDS.has(normalize(word)));
  const [first = '', ...rest] = start === -1 ? [] : all.slice(start);
  const keyword = KEYWORD_LOOKUP.get(normalize(first) || first);
  const remainder = rest.join(' ');

  switch (keyword) {
    case 'help':
      return { kind: 'help', ...base };
    case 'list':
      return { kind: 'list', ...base };
    case 'version':
      return { kind: 'version', ...base };
    case 'search':
      return remainder === '' ? { kind: 'help', ...base } : { kind: 'search', words: remainder, ...base };
    case 'digest':
      return { kind: 'digest', args: rest.filter((word) => word !== ''), ...base };
    default: {
      const topic = topicOf(text);
      return { kind: 'topic', ...topic, phrases: topicPhrasesOf(topic.text), ...base };
    }
  }
}

/** Mention text without the `<@U…>` tokens that address the bot (or anyone else). */
export function stripMentions(text: string): string {
  return text.replace(/<@[A-Z0-9]+(?:\|[^>]*)?>/gi, ' ').replace(/\s+/g, ' ').trim();
}
