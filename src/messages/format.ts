/** Figures and dates written the way an organizer would say them, in either language. */
import type { Lang } from './strings/index.js';
import type { Figure } from '../knowledge/schema.js';
import { t } from './strings/index.js';

/** Intl formatters are costly to construct (tens of microseconds); build each kind once. */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cachedFormatter<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => F): F {
  let formatter = formatters.get(key) as F | undefined;
  if (!formatter) formatters.set(key, (formatter = make()));
  return formatter;
}
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return cachedFormatter(`n|${locale}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options));
}
function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cachedFormatter(`d|${locale}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));
}

function plainNumber(value: number, lang: Lang): string {
  const locale = t(lang).locale;
  // Millions and billions as words ("107 million"): exact to the figure, easy to say aloud.
  if (value >= 1_000_000) {
    return numberFormat(locale, { notation: 'compact', compactDisplay: 'long', maximumFractionDigits: 2 }).format(value);
  }
  return numberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

export function formatFigureValue(figure: Pick<Figure, 'value' | 'unit' | 'qualifier'>, lang: Lang): string {
  const { value, unit } = figure;
  let amount: string;
  if (unit === 'percent') amount = numberFormat(t(lang).locale, { style: 'percent', maximumFractionDigits: 2 }).format(value / 100);
  else if (unit === 'count') amount = plainNumber(value, lang);
  else amount = t(lang).units[unit](plainNumber(value, lang));
  return figure.qualifier ? `${t(lang).qualifiers[figure.qualifier]} ${amount}` : amount;
}

/** YYYY, YYYY-MM or YYYY-MM-DD → "2024", "May 2024", "21 May 2024" (or Arabic). */
export function formatPartialDate(date: string | null, lang: Lang): string {
  if (date === null) return t(lang).undated;
  const [year, month, day] = date.split('-').map(Number);
  if (month === undefined || year === undefined) return date;
  const utc = new Date(Date.UTC(year, month - 1, day ?? 1));
  const options: Intl.DateTimeFormatOptions =
    day === undefined ? { month: 'long', year: 'numeric', timeZone: 'UTC' } : { dateStyle: 'long', timeZone: 'UTC' };
  return dateFormat(t(lang).locale, options).format(utc);
}

/** A changing state's date (an entry's `statusAsOf`, a fact's or figure's `asOf`) in words: "as of October 2025". */
export function formatAsOf(date: string, lang: Lang): string {
  return t(lang).asOf(formatPartialDate(date, lang));
}

/**
 * The period a figure's data covers (`Figure.covers`) in words: "data for January 2018 – April
 * 2021"; a whole calendar year (January to December, or 1 January to 31 December) is "data for
 * 2010", not "January 2010 – December 2010".
 */
export function formatCovers(covers: { from: string; to: string }, lang: Lang): string {
  const year = covers.from.slice(0, 4);
  const wholeYear = [`${year}-01`, `${year}-01-01`].includes(covers.from) && [`${year}-12`, `${year}-12-31`].includes(covers.to);
  if (wholeYear) return t(lang).covers(formatPartialDate(year, lang));
  const from = formatPartialDate(covers.from, lang);
  return covers.from === covers.to ? t(lang).covers(from) : t(lang).covers(from, formatPartialDate(covers.to, lang));
}

/**
 * Month names a knowledge text may use for month `i` (0 = January), as regex alternatives: English
 * in full and abbreviated ("Dec", "Sept"), Arabic as the cards print them (يناير…) and the
 * Levantine names (كانون الثاني…) an Arabic editor may write instead.
 */
const MONTH_NAMES: readonly string[] = [
  'jan(?:uary)?|يناير|كانون الثاني',
  'feb(?:ruary)?|فبراير|شباط',
  'mar(?:ch)?|مارس|آذار',
  'apr(?:il)?|أبريل|إبريل|ابريل|نيسان',
  'may|مايو|أيار',
  'june?|يونيو|حزيران',
  'july?|يوليو|تموز',
  'aug(?:ust)?|أغسطس|آب',
  'sep(?:t(?:ember)?)?|سبتمبر|أيلول',
  'oct(?:ober)?|أكتوبر|تشرين الأول',
  'nov(?:ember)?|نوفمبر|تشرين الثاني',
  'dec(?:ember)?|ديسمبر|كانون الأول',
];

/** Arabic-Indic digits (٠…٩) as Latin ones, so "٢٠٠٨" and "2008" are the same year. */
function latinDigits(text: string): string {
  return text.replace(/[\u0660-\u0669]/g, (digit) => String(digit.charCodeAt(0) - 0x0660));
}

/**
 * Whether `text` already states `date` (YYYY, YYYY-MM or YYYY-MM-DD) at least as precisely as
 * `date` gives it, in English or Arabic words ("31 Dec 2008", "December 31, 2008", "31 ديسمبر
 * 2008", "early September 2025") or as ISO digits. A card then shows that date once, in the
 * text's own words, and not again as "(2009)" or "as of 31 December 2008". A text that says less
 * ("by August 2025" for 2025-08-26) does not state it: the day would be lost.
 */
export function statesDate(text: string, date: string): boolean {
  const said = latinDigits(text);
  const [year, month, day] = date.split('-');
  if (year === undefined) return false;
  if (month !== undefined && said.includes(date)) return true;
  const y = `(?<!\\d)${year}(?!\\d)`;
  if (month === undefined) return new RegExp(y).test(said);
  // Not after a Latin letter ("Dec" in "Decision"); an Arabic prefix letter (و، ب، في) may be joined.
  const m = `(?<![a-z])(?:${MONTH_NAMES[Number(month) - 1] ?? '(?!)'})\\.?(?![a-z])`;
  if (day === undefined) return new RegExp(`${m}\\s+(?:\\d{1,2}(?:st|nd|rd|th)?,?\\s+)?${y}`, 'iu').test(said);
  const d = `(?<!\\d)0?${Number(day)}(?:st|nd|rd|th)?`;
  return new RegExp(`${d}\\s+(?:of\\s+)?${m},?\\s+${y}|${m}\\s+${d},?\\s+${y}`, 'iu').test(said);
}
