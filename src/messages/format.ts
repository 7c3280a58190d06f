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

/** The period a figure's data covers (`Figure.covers`) in words: "data for January 2018 – April 2021". */
export function formatCovers(covers: { from: string; to: string }, lang: Lang): string {
  const from = formatPartialDate(covers.from, lang);
  return covers.from === covers.to ? t(lang).covers(from) : t(lang).covers(from, formatPartialDate(covers.to, lang));
}
