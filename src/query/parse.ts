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
 */
import { detectLang, normalize, type Lang } from '../knowledge/normalize.js';

/** Longest text parsed; the rest is ignored. Slack allows far more than any topic needs. */
export const MAX_INPUT_CHARS = 1000;

export type Command =
  | { kind: 'help' }
  | { kind: 'list' }
  | { kind: 'version' }
  | { kind: 'search'; words: string }
  | { kind: 'topic'; text: string; full?: boolean }
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

  const [first = '', ...rest] = text.split(' ');
  const keyword = KEYWORD_LOOKUP.get(normalize(first) || first);
  const remainder = rest.join(' ');

  if (text === '') return { kind: 'help', ...base };
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
    default:
      return { kind: 'topic', ...topicOf(text), ...base };
  }
}

/** Mention text without the `<@U…>` tokens that address the bot (or anyone else). */
export function stripMentions(text: string): string {
  return text.replace(/<@[A-Z0-9]+(?:\|[^>]*)?>/gi, ' ').replace(/\s+/g, ' ').trim();
}
