/**
 * Reading the figures a message states: "$1.2bn", "99.9%", "28 workers", "١٫٢ مليار دولار",
 * "13.6 petabytes", "2021". Pure: no I/O, no state; the text is read and dropped (nothing here
 * keeps, caches or logs it).
 *
 * What counts as a figure, and how it is read:
 * - Digits: ASCII, Arabic-Indic (٠-٩) and Persian (۰-۹). Decimal point "." or "٫"; thousands
 *   separator "," or "٬" (or "،", a no-break or thin space between digits). A separator must
 *   group exactly three digits ("1,264", "2,000,000"); any other use ("1,2", "٩٩،٩",
 *   "1.200.000", "12,34,567") is ambiguous and the number is not read at all, rather than
 *   guessed. So are groups split by plain spaces ("1 200 000") and numbers with a leading zero
 *   ("007", an identifier).
 * - Multipliers after the number: k, thousand, m, mn, mln, million, b, bn, bln, billion, tn,
 *   trillion, ألف/آلاف, مليون/ملايين, مليار/مليارات, بليون, تريليون. One-letter ones (k, m, b)
 *   must touch the number ("$211k", "1.2B"). The value is in base units (dollars, not millions).
 *   Arabic duals without digits are read: "ملياري دولار" (2 billion dollars), "ألفي موظف"
 *   (2,000 employees), "ألفين"; a singular only before a currency: "مليار دولار" (1 billion
 *   dollars), never "مليون مكالمة" (a million calls). English number words are not read.
 * - Without a written unit, a multiplied number is money in an unstated currency (read as USD
 *   with `currencyAssumed`) when it is a money abbreviation (k, m, mn, b, bn, tn: "1.2bn") or
 *   when no noun follows ("worth 1.2 billion.", "١٫٢ مليار في العقد"); followed by a noun it is
 *   a count ("1.5 million calls", "٣ آلاف عامل").
 * - Currencies before or after: $, US$, USD, dollars, دولار → USD; £, GBP, pounds, sterling,
 *   جنيه → GBP; €, EUR, euros, يورو → EUR; ₪, NIS, ILS, shekels, شيكل → ILS; NOK, kr, kroner,
 *   كرونة → NOK. A currency before and a different one after make the figure unreadable.
 * - Percentages: %, ٪ (after, or before as Arabic typing often puts it), percent, per cent,
 *   بالمئة, في المئة.
 * - Data sizes: TB, terabytes, تيرابايت → terabytes; PB, petabytes, بيتابايت → petabytes.
 *   Other units (GB, MB, km, kg, …) are not figures the knowledge can hold: not read.
 * - Years: a whole number 1900–2100 written without separators, unit or multiplier.
 * - Counts: any other number standing alone ("28 workers", "2,000 signatures").
 * - Not figures: digits inside a word or name ("M12", "F-35", "COVID-19", "<@U0BOSS>"), the day
 *   next to a month name ("17 April"), dates and times written with "/" or ":" ("17/04/2024",
 *   "10:30"), ordinals ("3rd", "2020s"), a list's numbering ("1. …" at a line's start), URLs,
 *   Slack tokens (<…>), and the names passed as `ignoreNames` (e.g. "Unit 8200").
 * - Ranges "10-15%", "$1-2 billion", "2018–21", "5 to 7 million" give one figure with `high`;
 *   a "range" whose second end is not larger ("2024-04") keeps only the first number.
 * - A minus sign standing before a number ("-5%", "−3") makes it negative; a hyphen after a word
 *   does not ("F-35" is a name).
 * - Approximate: "about, around, approximately, roughly, nearly, almost, some, circa, ~, ≈,
 *   حوالي, نحو, قرابة, زهاء, ما يقارب, تقريبا", or a multiplier (a rounded way to write it).
 * - Bounds: "more than, over, above, at least, less than, under, up to, أكثر من, ما يزيد عن,
 *   لا يقل عن, أقل من" (and "+" or "على الأقل" after: "2,000+") are kept in `bound`.
 *
 * Slack mrkdwn marks (* _ ~ `), bidirectional marks, tatweel and Arabic vowel marks are ignored;
 * spans still point into the text as given. At most MAX_FIGURE_TEXT characters are read.
 * readFigures never throws.
 */
import type { FIGURE_UNITS } from './schema.js';

export type FigureUnit = (typeof FIGURE_UNITS)[number];
/** The knowledge's figure units, plus 'year' for a bare year such as 2021. */
export type ReadUnit = FigureUnit | 'year';
export type Bound = 'more-than' | 'at-least' | 'less-than' | 'at-most';

export interface ReadFigure {
  /** In base units: dollars (not millions), percentage points, terabytes or petabytes as written, a year. */
  value: number;
  /** For a range ("10-15%", "2018–21"): its upper end, same unit; `value` is the lower end. */
  high?: number;
  unit: ReadUnit;
  /** Where the figure stands in the text: UTF-16 offsets, `end` exclusive. */
  span: { start: number; end: number };
  /** Written with "about", "~", "حوالي"… or rounded with a multiplier (k, m, bn, مليار…). */
  approximate: boolean;
  /**
   * How finely the figure is written, in base units: one unit of its last digit times its
   * multiplier. "$1.2 billion" → 100,000,000; "99.9%" → 0.1; "1,264" → 1.
   */
  precision: number;
  /**
   * Money written without a currency ("1.2bn", "worth 1.2 billion"): read as USD, the
   * knowledge's usual currency, but the message did not say so. check-claims compares it with
   * money of every currency and, for matches, with counts.
   */
  currencyAssumed?: boolean;
  /** "more than 2,000", "at least $10 million", "أكثر من ٢٠٠٠". */
  bound?: Bound;
  /**
   * A bare year directly followed by a word ("2000 signatures"): read as a year, but it may be
   * a count. check-claims compares it as a count when no year matches.
   */
  countLike?: boolean;
}

/** Longest text read; Slack's own limit for a message's text. The rest is ignored. */
export const MAX_FIGURE_TEXT = 40_000;

// ---------------------------------------------------------------------------------------------
// Folding: one comparable string, with a map back to the original offsets.

interface Folded {
  text: string;
  /** origin[i]: the offset in the original text of folded character i. */
  origin: number[];
}

const FORMAT_CHARACTER = /\p{Cf}/u;

/** Invisible marks (RTL marks, ZWJ, BOM), tatweel and Arabic vowel signs: not part of any figure. */
function dropped(char: string, code: number): boolean {
  return code === 0x0640 || (code >= 0x064b && code <= 0x065f) || code === 0x0670 || FORMAT_CHARACTER.test(char);
}

/**
 * Digits to ASCII, Arabic separators to "." "," and "٪" to "%", mrkdwn marks and odd spaces to
 * spaces, invisible marks and vowel signs dropped, lower case. Each folded character is one
 * original character or none, so spans map back exactly.
 */
function fold(raw: string): Folded {
  const input = raw.length > MAX_FIGURE_TEXT ? raw.slice(0, MAX_FIGURE_TEXT) : raw;
  const out: string[] = [];
  const origin: number[] = [];
  for (let i = 0; i < input.length; i += 1) {
    const code = input.charCodeAt(i);
    let char = input[i]!;
    if (code >= 0x0660 && code <= 0x0669) char = String(code - 0x0660);
    else if (code >= 0x06f0 && code <= 0x06f9) char = String(code - 0x06f0);
    else if (code === 0x066b) char = '.';
    else if (code === 0x066c) char = ',';
    else if (code === 0x066a) char = '%';
    else if (code === 0x2212) char = '-';
    else if (code === 0x2013 || code === 0x2014) char = '–';
    else if ((code === 0xa0 || code === 0x202f || code === 0x2009 || code === 0x2007 || code === 0x060c) && betweenDigits(input, i)) {
      // A no-break or thin space between digits groups thousands ("1 200 000"); an Arabic comma
      // there is a grouping or a decimal mark, which readDigits decides or refuses ("٩٩،٩").
      char = ',';
    } else if (char === '*' || char === '_' || char === '~' || char === '`' || code === 0xa0 || code === 0x202f || code === 0x2009 || code === 0x2007) char = ' ';
    else if (dropped(char, code)) continue;
    else {
      const lower = char.toLowerCase();
      if (lower.length === 1) char = lower;
    }
    out.push(char);
    origin.push(i);
  }
  return { text: out.join(''), origin };
}

const ANY_DIGIT = /[0-9\u0660-\u0669\u06F0-\u06F9]/;

function betweenDigits(text: string, at: number): boolean {
  return ANY_DIGIT.test(text[at - 1] ?? '') && ANY_DIGIT.test(text[at + 1] ?? '');
}

/** Blank (with spaces, keeping offsets) the parts of a folded text that hold no figures. */
function blank(text: string, pattern: RegExp): string {
  return text.replace(pattern, (match) => ' '.repeat(match.length));
}

const URL = /(?:https?:\/\/|www\.)[^\s<>]*/g;
const SLACK_TOKEN = /<[^<>\s]{0,300}>/g;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---------------------------------------------------------------------------------------------
// Words around a number. Folded text is lower case, without vowel marks; hamza spellings vary.

const NOT_WORD = '(?<![\\p{L}\\p{N}])';
/** A word boundary that also accepts one Arabic clitic letter (و ب ل ف) glued to the word. */
const BEFORE_WORD = `(?:${NOT_WORD}|(?<=${NOT_WORD}[وبلف]))`;
const END = '(?![\\p{L}\\p{N}])';

const MULTIPLIERS: Array<[RegExp, number]> = [
  [/^(?:thousand|[أاإآ]لف|[أاإآ]لفا|[أاإآ]لاف)$/u, 3],
  [/^(?:million|mn|mln|مليون|مليونا|ملايين)$/u, 6],
  [/^(?:billion|bn|bln|مليار|مليارا|مليارات|بليون)$/u, 9],
  [/^(?:trillion|tn|تريليون)$/u, 12],
  [/^k$/, 3],
  [/^m$/, 6],
  [/^b$/, 9],
];
const MULTIPLIER_AFTER = new RegExp(
  `(?:[kmb]|(?:\\s*|-)(?:thousand|trillion|billion|million|bn|bln|mn|mln|tn|[أاإآ]لفا|[أاإآ]لف|[أاإآ]لاف|مليونا|مليون|ملايين|مليارات|مليارا|مليار|بليون|تريليون))${END}`,
  'uy',
);

const CURRENCY_WORDS: Array<[RegExp, FigureUnit]> = [
  [/^(?:us\$|usd ?\$?|\$|u\.?s\.? dollars?|dollars?|دولار|دولارا|دولارات|الدولارات)$/u, 'USD'],
  [/^(?:£|gbp|pounds sterling|pounds?|sterling|جنيه|جنيها|جنيهات)$/u, 'GBP'],
  [/^(?:€|eur|euros?|يورو)$/u, 'EUR'],
  [/^(?:₪|nis|ils|shekels?|new israeli shekels?|شيكل|شيكلات|شيقل|شواكل)$/u, 'ILS'],
  [/^(?:nok|kr\.?|kroner|krone|كرونة|كرونه|كرون)$/u, 'NOK'],
];
const CURRENCY_AFTER = new RegExp(
  `\\s*(u\\.?s\\.? dollars?|dollars?|usd|\\$|pounds sterling|pounds?|sterling|gbp|£|euros?|eur|€|new israeli shekels?|shekels?|nis|ils|₪|kroner|krone|nok|kr\\.?|الدولارات|دولارات|دولارا|دولار|جنيهات|جنيها|جنيه|يورو|شيكلات|شيكل|شيقل|شواكل|كرونة|كرونه|كرون)(?:\\s*(?:[أا]مريكي|[أا]ميركي|[إا]سترليني|نرويجي[ةه]?|جديد))?(?=$|[^\\p{L}\\p{N}])`,
  'uy',
);
const CURRENCY_BEFORE = new RegExp(`${NOT_WORD}(us\\$|usd\\s*\\$?|\\$|£|gbp|€|eur|₪|nis|ils|nok|kr\\.?)\\s*$`, 'u');

const PERCENT_AFTER = new RegExp(`\\s*(?:%|percent${END}|per cent${END}|pct${END}|بالمئة${END}|بالمائة${END}|بالمية${END}|في المئة${END}|في المائة${END})`, 'uy');
const DATA_AFTER = new RegExp(
  `\\s*(terabytes?|tb|تيرابايت|تيرا بايت|petabytes?|pb|بيتابايت|بيتا بايت)${END}`,
  'uy',
);
const OTHER_UNIT_AFTER = new RegExp(`\\s*(?:gb|mb|kb|gigabytes?|megabytes?|kilobytes?|kg|km|cm|mm|mph|kph|°)${END}`, 'uy');
const APPROX_AFTER = new RegExp(`\\s*(?:تقريبا|or so)${END}`, 'uy');
const AT_LEAST_AFTER = new RegExp(`\\s*على ال[أا]قل${END}`, 'uy');

const APPROX_BEFORE = new RegExp(
  `(?:${BEFORE_WORD}(?:about|around|approximately|approx\\.?|roughly|nearly|almost|some|circa|c\\.|حوالي|حوالى|نحو|قرابة|زهاء|ما يقارب|ما يقرب من|تقريبا)|~|≈)\\s*$`,
  'u',
);
const BOUND_BEFORE: Array<[RegExp, Bound]> = [
  [new RegExp(`${BEFORE_WORD}(?:more than|over|above|upwards of|in excess of|[أا]كثر من|[أا]زيد من|ما يزيد (?:عن|على)|يزيد (?:عن|على))\\s*$`, 'u'), 'more-than'],
  [new RegExp(`${BEFORE_WORD}(?:at least|no fewer than|no less than|ما لا يقل عن|لا يقل عن|على ال[أا]قل)\\s*$`, 'u'), 'at-least'],
  [new RegExp(`${BEFORE_WORD}(?:less than|fewer than|under|below|[أا]قل من)\\s*$`, 'u'), 'less-than'],
  [new RegExp(`${BEFORE_WORD}(?:up to|at most|no more than|ما لا يزيد (?:عن|على)|لا يزيد (?:عن|على))\\s*$`, 'u'), 'at-most'],
];

const MONTHS =
  'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec|' +
  'يناير|فبراير|مارس|[أاإ]بريل|مايو|يونيو|يونيه|يوليو|يوليه|[أا]غسطس|سبتمبر|[أا]كتوبر|نوفمبر|ديسمبر|' +
  'كانون الثاني|كانون ال[أا]ول|شباط|[آا]ذار|نيسان|[أا]يار|حزيران|تموز|[آا]ب|[أا]يلول|تشرين ال[أا]ول|تشرين الثاني';
const MONTH_AFTER = new RegExp(`\\s*(?:${MONTHS})\\.?${END}`, 'uy');
const MONTH_BEFORE = new RegExp(`${NOT_WORD}(?:${MONTHS})\\.?\\s*$`, 'u');

const RANGE_JOIN = new RegExp(`\\s*(?:-|–|to${END}|until${END}|through${END}|[إا]لى${END}|حتى${END})\\s*(?:us\\$|\\$|£|€|₪)?(?=\\d)`, 'uy');
/**
 * Words that may follow a figure without being what it counts: "2021 and", "1.2 billion for",
 * "2025 في". Any other word after a bare number is read as its noun ("2000 signatures").
 */
const FUNCTION_WORD_AFTER = new RegExp(
  `\\s+(?:and|or|to|in|on|at|the|for|of|from|by|with|when|after|before|until|was|were|is|are|has|had|وفي|في|و|من|عن|على|إلى|الى|حتى|عندما|بعد|قبل|كان|كانت)${END}`,
  'uy',
);
const NEXT_WORD = /\s+\p{L}/uy;

/** An Arabic dual ("ملياري", "ألفين") or singular ("مليار") written without digits. */
const ARABIC_WORD_AMOUNT = new RegExp(`${BEFORE_WORD}(ملياري|مليارين|مليوني|مليونين|[أاإآ]لفي|[أاإآ]لفين|مليار|مليون)${END}`, 'gu');

/**
 * Letters that may touch a number's first digit: a currency code ("USD1.2bn"), an Arabic clitic
 * ("ب50", "و28") or the article ("الـ28", with its tatweel dropped: "ال28", "وال28", "لل28").
 */
const GLUED_BEFORE = /(?<![\p{L}\p{N}])(?:usd|gbp|eur|nis|ils|nok|[وبلفك]|[وبفك]?ال|لل)$/u;
const MONEY_ABBREVIATION = /^[\s-]*(?:[kmb]|bn|bln|mn|mln|tn)$/;

function sticky(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

function currencyOf(word: string): FigureUnit | undefined {
  const key = word.replace(/\s+/g, ' ').trim();
  for (const [pattern, unit] of CURRENCY_WORDS) if (pattern.test(key)) return unit;
  return undefined;
}

function multiplierOf(word: string): number {
  const key = word.replace(/^[\s-]+/, '').trimEnd();
  for (const [pattern, exponent] of MULTIPLIERS) if (pattern.test(key)) return exponent;
  return 0;
}

function dataUnitOf(word: string): FigureUnit {
  return /^(?:t|تيرا)/u.test(word) ? 'terabytes' : 'petabytes';
}

// ---------------------------------------------------------------------------------------------
// One number with what stands around it.

interface Digits {
  /** Significant digits without separators or point. */
  mantissa: string;
  /** Power of ten of the last digit (−2 for "1.25"). */
  exponent: number;
  grouped: boolean;
  decimal: boolean;
}

const NUMBER = /\d+(?:[.,]\d+)*/g;

/** The digits of a token as written, or undefined when its separators are ambiguous. */
function readDigits(token: string): Digits | undefined {
  const point = token.indexOf('.');
  if (point !== token.lastIndexOf('.')) return undefined; // 1.200.000: grouping or decimals? unknown
  const whole = point < 0 ? token : token.slice(0, point);
  const fraction = point < 0 ? '' : token.slice(point + 1);
  if (fraction.includes(',')) return undefined; // 1.200,5
  const groups = whole.split(',');
  if (groups.length > 1 && (groups[0]!.length > 3 || groups.slice(1).some((group) => group.length !== 3))) return undefined;
  const digits = (groups.join('') + fraction).replace(/^0+(?=\d)/, '');
  if (digits.length > 30) return undefined; // a serial number or noise, not a figure
  return { mantissa: digits, exponent: -fraction.length, grouped: groups.length > 1, decimal: point >= 0 };
}

interface Reading {
  start: number;
  end: number;
  digits: Digits;
  multiplier: number;
  /** The multiplier is a money abbreviation: k, m, mn, b, bn, tn (see ReadFigure.currencyAssumed). */
  moneyMultiplier: boolean;
  unit: FigureUnit | undefined;
  /** Where the span begins: the sign or currency written before the digits. */
  spanStart: number;
  /** After a hyphen that follows a digit: only the end of a range ("10-15"), never a figure alone. */
  afterHyphen: boolean;
  negative: boolean;
  approximate: boolean;
  bound: Bound | undefined;
  /** Not a figure: a day next to a month, a number with an unknown unit, conflicting currencies. */
  rejected: boolean;
  /** Followed by a noun: a word that is not a month or a function word (see countLike). */
  nounAfter: boolean;
}

/**
 * What precedes a number (sign, currency or "%", approximation, bound), looking back from `at`.
 * `start`: where the figure's span begins (its sign or currency).
 */
function readBefore(text: string, at: number) {
  const from = Math.max(0, at - 40);
  const window = text.slice(from, at);
  let rest = window;
  let negative = false;
  const signed = () => rest.endsWith('-') && !/[\p{L}\p{N}]/u.test(rest[rest.length - 2] ?? '');
  if (signed()) {
    negative = true;
    rest = rest.slice(0, -1);
  }
  let currency: FigureUnit | undefined;
  let percent = false;
  const currencyMatch = CURRENCY_BEFORE.exec(rest);
  if (currencyMatch) {
    currency = currencyOf(currencyMatch[1]!);
    rest = rest.slice(0, currencyMatch.index);
  } else if (rest.endsWith('%') && !/[\p{L}\p{N}%]/u.test(rest[rest.length - 2] ?? '')) {
    percent = true;
    rest = rest.slice(0, -1);
  }
  if (!negative && (currency || percent) && signed()) {
    negative = true; // "-$5m"
    rest = rest.slice(0, -1);
  }
  const approximate = APPROX_BEFORE.test(rest);
  const bound = BOUND_BEFORE.find(([pattern]) => pattern.test(rest))?.[1];
  const month = MONTH_BEFORE.test(window);
  return { start: from + rest.length, negative, currency, percent, approximate, bound, month };
}

/** A number token at [start, end) and what follows it: multiplier, unit, month, next word. */
function readAfter(text: string, end: number) {
  let cursor = end;
  let multiplier = 0;
  let moneyMultiplier = false;
  const multiplierMatch = sticky(MULTIPLIER_AFTER, text, cursor);
  if (multiplierMatch) {
    multiplier = multiplierOf(multiplierMatch[0]);
    moneyMultiplier = MONEY_ABBREVIATION.test(multiplierMatch[0]);
    cursor += multiplierMatch[0].length;
  }
  let unit: FigureUnit | undefined;
  let percent = false;
  let other = false;
  const currencyMatch = sticky(CURRENCY_AFTER, text, cursor);
  const percentMatch = currencyMatch ? null : sticky(PERCENT_AFTER, text, cursor);
  const dataMatch = currencyMatch || percentMatch ? null : sticky(DATA_AFTER, text, cursor);
  if (currencyMatch) {
    unit = currencyOf(currencyMatch[1]!);
    cursor += currencyMatch[0].length;
  } else if (percentMatch) {
    percent = true;
    cursor += percentMatch[0].length;
  } else if (dataMatch) {
    unit = dataUnitOf(dataMatch[1]!);
    cursor += dataMatch[0].length;
  } else if (sticky(OTHER_UNIT_AFTER, text, cursor)) {
    other = true;
  }
  let approximate = false;
  let atLeast = false;
  let plus = false;
  if (text[cursor] === '+' && !/[\p{L}\p{N}]/u.test(text[cursor + 1] ?? '')) {
    plus = true; // "2,000+ signatures"
    cursor += 1;
  }
  const approxMatch = sticky(APPROX_AFTER, text, cursor);
  if (approxMatch) {
    approximate = true;
    cursor += approxMatch[0].length;
  } else {
    const atLeastMatch = sticky(AT_LEAST_AFTER, text, cursor);
    if (atLeastMatch) {
      atLeast = true;
      cursor += atLeastMatch[0].length;
    }
  }
  // A number glued to letters is part of a word: 3rd, 2020s, 5g (but not a unit read above);
  // one hyphenated to a word qualifies it: "28-year-old", "10-day" (but "$1.2-billion" is read).
  const glued = cursor === end && (/[\p{L}\p{N}]/u.test(text[end] ?? '') || /^-\p{L}/u.test(text.slice(end, end + 2)));
  const month = sticky(MONTH_AFTER, text, end) !== null;
  const nounAfter = sticky(MONTH_AFTER, text, cursor) === null && sticky(FUNCTION_WORD_AFTER, text, cursor) === null && sticky(NEXT_WORD, text, cursor) !== null;
  return { end: cursor, multiplier, moneyMultiplier, unit, percent, other, approximate, atLeast, plus, glued, month, nounAfter };
}

/** A number at [start, end): undefined when it is not a figure at all (inside a word, a date…). */
function readNumber(text: string, start: number, end: number): Reading | undefined {
  const before = text[start - 1] ?? '';
  if (/[\p{N}_.:/#@]/u.test(before)) return undefined;
  if (/\p{L}/u.test(before)) {
    // Any letter but those of GLUED_BEFORE makes the number part of a name ("M12").
    if (!GLUED_BEFORE.test(text.slice(Math.max(0, start - 4), start))) return undefined;
  }
  if (before === '-' && /\p{L}/u.test(text[start - 2] ?? '')) return undefined; // F-35, COVID-19
  const afterHyphen = before === '-' && /\d/.test(text[start - 2] ?? '');
  const after = text[end] ?? '';
  if ((after === '/' || after === ':') && /\d/.test(text[end + 1] ?? '')) return undefined; // 17/04, 10:30

  const token = text.slice(start, end);
  if (/^0\d/.test(token)) return undefined; // "007", "0100": an identifier, not an amount
  // "1. Nimbus…", "2) …" at the start of a line: a list's numbering.
  if (/^[.)]\s/.test(text.slice(end, end + 2)) && /(?:^|\n)[ \t>•]*$/.test(text.slice(Math.max(0, start - 40), start))) return undefined;
  // "1 200 000" with plain spaces: thousands or three numbers? Unknown, so none is read.
  if (/^\d{1,3}$/.test(token) && /^ \d{3}(?![\d.,])/.test(text.slice(end, end + 5))) return undefined;
  if (/^\d{3}$/.test(token) && /(?<![\d.,])\d{1,3}(?: \d{3})* $/.test(text.slice(Math.max(0, start - 40), start))) return undefined;
  const digits = readDigits(token);
  if (!digits) return undefined;
  const left = afterHyphen ? { ...readBefore(text, start - 1), negative: false } : readBefore(text, start);
  const right = readAfter(text, end);
  if (right.glued) return undefined;

  const unitBefore: FigureUnit | undefined = left.currency ?? (left.percent ? 'percent' : undefined);
  const unitAfter: FigureUnit | undefined = right.unit ?? (right.percent ? 'percent' : undefined);
  const conflict = unitBefore !== undefined && unitAfter !== undefined && unitBefore !== unitAfter;
  const plain = !unitBefore && !unitAfter && right.multiplier === 0;
  const small = digits.exponent === 0 && !digits.grouped && Number(digits.mantissa) >= 1 && Number(digits.mantissa) <= 31;
  const day = plain && small && (left.month || right.month);
  return {
    start,
    end: right.end,
    digits,
    multiplier: right.multiplier,
    moneyMultiplier: right.moneyMultiplier,
    unit: unitBefore ?? unitAfter,
    spanStart: afterHyphen ? start : left.start,
    afterHyphen,
    negative: left.negative,
    approximate: left.approximate || right.approximate || right.multiplier > 0,
    bound: left.bound ?? (right.plus ? 'more-than' : right.atLeast ? 'at-least' : undefined),
    rejected: conflict || right.other || day,
    nounAfter: right.nounAfter,
  };
}

function isYear(reading: Reading): boolean {
  const { digits } = reading;
  if (reading.unit || reading.multiplier || digits.grouped || digits.decimal || reading.negative || reading.bound) return false;
  if (digits.mantissa.length !== 4) return false;
  const year = Number(digits.mantissa);
  return year >= 1900 && year <= 2100;
}

function valueOf(digits: Digits, multiplier: number, negative: boolean): number {
  const value = Number(`${digits.mantissa}e${digits.exponent + multiplier}`);
  return negative ? -value : value;
}

function figureFrom(origin: number[], low: Reading, high: Reading | undefined): ReadFigure | undefined {
  const last = high ?? low;
  // A range shares its unit and multiplier: "$1-2 billion", "10-15%".
  const unit = low.unit ?? last.unit;
  const multiplier = low.multiplier || last.multiplier;
  // "2018–21" and "2018-2021" are year ranges; yearRangeEnd has already put the century back.
  const year = isYear(low) && (!high || isYear(high));
  const value = valueOf(low.digits, multiplier, low.negative);
  if (!Number.isFinite(value)) return undefined;
  const currencyAssumed = !unit && (low.moneyMultiplier || last.moneyMultiplier || (multiplier > 0 && !last.nounAfter));
  const figure: ReadFigure = {
    value,
    unit: year ? 'year' : currencyAssumed ? 'USD' : (unit ?? 'count'),
    span: { start: origin[low.spanStart]!, end: origin[last.end - 1]! + 1 },
    approximate: low.approximate || last.approximate,
    precision: Number(`1e${Math.min(low.digits.exponent, last.digits.exponent) + multiplier}`),
  };
  if (high) {
    const highValue = valueOf(high.digits, multiplier, false);
    if (Number.isFinite(highValue)) figure.high = highValue;
  }
  if (low.bound) figure.bound = low.bound;
  if (currencyAssumed) figure.currencyAssumed = true;
  if (year && low.nounAfter) figure.countLike = true;
  return figure;
}

/** "2018–21": a year range written with the century left off the second year. */
function yearRangeEnd(low: Reading, high: Reading): Reading {
  if (!isYear(low) || high.digits.mantissa.length !== 2 || high.unit || high.multiplier) return high;
  const mantissa = low.digits.mantissa.slice(0, 2) + high.digits.mantissa;
  return { ...high, digits: { ...high.digits, mantissa } };
}

/** Whether `high` can end a range that starts with `low`: same unit, larger. */
function rangeEnd(low: Reading, high: Reading): boolean {
  if (low.rejected || high.rejected || high.negative) return false;
  if (low.unit && high.unit && low.unit !== high.unit) return false;
  if (low.multiplier && high.multiplier && low.multiplier !== high.multiplier) return false;
  const multiplier = low.multiplier || high.multiplier;
  return valueOf(high.digits, multiplier, false) > valueOf(low.digits, multiplier, low.negative);
}

export interface ReadOptions {
  /** Names that are not figures where they stand, e.g. "Unit 8200": matched whole words, any case. */
  ignoreNames?: readonly string[];
}

/**
 * Every figure the text states, in the order written. Values are in base units (dollars, not
 * millions; percentage points; terabytes or petabytes as written; years). Never throws: text
 * it cannot read gives fewer figures, never invented ones (no try/catch hides a fault: the
 * property tests feed it hostile and arbitrary text). See the module's comment for the rules.
 */
export function readFigures(raw: string, options: ReadOptions = {}): ReadFigure[] {
  const { origin, text: foldedText } = fold(raw);
  let text = blank(blank(foldedText, URL), SLACK_TOKEN);
  const names = (options.ignoreNames ?? [])
    .map((name) => fold(name).text.trim())
    .filter((name) => /\d/.test(name))
    .sort((a, b) => b.length - a.length) // the longest name wins where two overlap
    .map(escapeRegExp);
  if (names.length > 0) text = blank(text, new RegExp(`(?<![\\p{L}\\p{N}])(?:${names.join('|')})(?![\\p{L}\\p{N}])`, 'gu'));

  const figures: ReadFigure[] = [];
  const readings: Array<Reading | undefined> = [];
  const tokens = [...text.matchAll(NUMBER)];
  for (const token of tokens) readings.push(readNumber(text, token.index, token.index + token[0].length));

  for (let i = 0; i < tokens.length; i += 1) {
    const low = readings[i];
    if (!low) continue;
    const next = readings[i + 1];
    const join = next ? sticky(RANGE_JOIN, text, tokens[i]!.index + tokens[i]![0].length) : null;
    const joinAfterSuffix = next && !join ? sticky(RANGE_JOIN, text, low.end) : null;
    const joined = (join && join.index + join[0].length === next!.start) || (joinAfterSuffix && joinAfterSuffix.index + joinAfterSuffix[0].length === next!.start);
    if (next && joined) {
      const high = yearRangeEnd(low, next);
      if (rangeEnd(low, high)) {
        const figure = figureFrom(origin, low, high);
        if (figure) figures.push(figure);
        i += 1; // the second number is the range's end
        continue;
      }
      // Not a range: "Nimbus $1.2bn – 99.9% …" reads both; "10-5" drops its afterHyphen part below.
    }
    if (low.rejected || low.afterHyphen) continue;
    const figure = figureFrom(origin, low, undefined);
    if (figure) figures.push(figure);
  }

  for (const match of text.matchAll(ARABIC_WORD_AMOUNT)) {
    const figure = arabicWordAmount(text, origin, match.index, match[1]!);
    if (figure) figures.push(figure);
  }
  for (const figure of figures) figure.span.end = pastMarks(raw, figure.span.end);
  return figures.sort((a, b) => a.span.start - b.span.start);
}

/** "ملياري دولار", "ألفي موظف", "مليار دولار" at `start`: see the module's comment. */
function arabicWordAmount(text: string, origin: number[], start: number, word: string): ReadFigure | undefined {
  const before = text.slice(Math.max(0, start - 40), start);
  if (/\d[\d.,]*\s*$/.test(before)) return undefined; // "١٫٢ مليار": a multiplier, read with its number
  const dual = /ين?$/.test(word);
  const currency = sticky(CURRENCY_AFTER, text, start + word.length);
  const unit = currency ? currencyOf(currency[1]!) : undefined;
  if (!unit && !dual) return undefined; // "مليون مكالمة": a manner of speaking, not a figure
  const exponent = /مليار/.test(word) ? 9 : /مليون/.test(word) ? 6 : 3;
  const end = start + word.length + (unit ? currency![0].length : 0);
  const nounAfter = !unit && sticky(FUNCTION_WORD_AFTER, text, end) === null && sticky(NEXT_WORD, text, end) !== null;
  const figure: ReadFigure = {
    value: (dual ? 2 : 1) * 10 ** exponent,
    unit: unit ?? (nounAfter ? 'count' : 'USD'),
    span: { start: origin[start]!, end: origin[end - 1]! + 1 },
    approximate: true,
    precision: 10 ** exponent,
  };
  if (!unit && !nounAfter) figure.currencyAssumed = true;
  const bound = BOUND_BEFORE.find(([pattern]) => pattern.test(before))?.[1];
  if (bound) figure.bound = bound;
  return figure;
}

/** A span that ends on an Arabic letter takes the vowel marks written on it ("دولاراً"). */
function pastMarks(raw: string, end: number): number {
  let at = end;
  while (at < raw.length && at < MAX_FIGURE_TEXT) {
    const code = raw.charCodeAt(at);
    if (!((code >= 0x064b && code <= 0x065f) || code === 0x0670)) break;
    at += 1;
  }
  return at;
}
