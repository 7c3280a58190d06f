/**
 * "Check with NoTech" (issue #16): compare every figure a message states with the knowledge.
 * Pure: no Slack, no I/O. The message text is read, used and dropped: nothing here logs, stores
 * or caches it (which is why it uses normalize(), not the word cache behind tokens()).
 *
 * ## How to show the result (wired in src/messages/check.ts, the shortcut's answer)
 * - Answer in `result.lang` (Arabic for an Arabic message), privately to the organizer who ran
 *   the shortcut (ephemeral or a modal), never in the thread: it quotes the thread back.
 * - First line: the topics the message names (`topicIds`), as their names. None → say the
 *   message names no topic NoTech knows, and offer the topic list; do not show verdicts.
 * - Then one line per claim, in message order, quoting the figure as written
 *   (`text.slice(span.start, span.end)`, escaped like any user text):
 *   - matches → "matches: <knowledge figure> (<label>, <year>) — <level in words>", with the
 *     sources as links. `rounded` → say "rounded" ("99.7%: matches 99.74% once rounded").
 *   - differs → "the knowledge has <value> (<label>, <year or covers>) — <level>, <source>" for
 *     every compared figure; e.g. 99.9% → "the knowledge has 99.74% for 2010 (corrected) and 96%
 *     for 2018–21". Never "false", "wrong" or "incorrect": the verdict is a comparison, not a
 *     ruling, and the knowledge may be the one out of date. A knowledge qualifier ("more than
 *     13.6 PB", "at least $10 million") is shown with the value: a larger figure in the message
 *     may be consistent with it; `withinBound` → the message's own bound ("over 13 PB") holds
 *     for the knowledge's value: "the knowledge has more than 13.6 PB". `repeatsSeed` → say
 *     where the message's figure comes from:
 *     "99.9% is the campaign primer's figure; sources give 99.74% for 2010".
 *   - Show `caveat` with any compared figure that has one, as the card does.
 *   - `figure.currencyAssumed` → say the message wrote no currency ("1.2bn: no currency
 *     given; the knowledge has $1.2 billion"). `figure.bound` ("more than") and
 *     `figure.approximate` are part of what the message said: quote, do not drop them.
 *   - not-in-knowledge → "not in the knowledge" and nothing else; `elsewhere` (the same figure
 *     on a topic the message does not name) may be offered as "the knowledge has this figure for
 *     <topic>", never as a match.
 * - The sourcing level must be in words on every compared figure, "campaign" ones said to be the
 *   campaign's own claim (see the card's wording), as everywhere else.
 * - Nothing about the message (text, figures, who ran it) may be logged; log only counts.
 *
 * ## Rules
 * A figure is compared only with figures of the same dimension: the same currency (never
 * converted: exchange rates would invent figures), percent, count, or data size (terabytes and
 * petabytes, compared in terabytes: 1 PB = 1,000 TB). Money whose currency the message did not
 * write ("1.2bn", `currencyAssumed`) is compared with money in every currency, and, for
 * matches only, with counts ("28k workers"); the answer should say no currency was written.
 *
 * Which figures: those of the named topics (`topics`, from the topic finder). When the clause
 * around the figure (the text of its sentence from the previous figure to the next one)
 * mentions some of those topics by name or alias and they have figures of the dimension, only
 * theirs: "Elbit's OneSim deal was $107 million" compares with OneSim, not Elbit Systems.
 *
 * - matches: a compared figure equals the message's value once rounded to the precision the
 *   message wrote it in ("$1.2 billion" = 1,200,000,000; "$211k" = 211,000; "about 13.6 PB" =
 *   13.6 PB; "99.7%" = 99.74%, flagged `rounded`). Rounding never bridges more than 5% of the
 *   value ("$1 billion" is not $1.2 billion). A range matches a figure inside it.
 * - differs: no match, and a compared figure has "a plausibly same meaning":
 *   (a) the same subject: every concept the figure's label names (conviction, firing,
 *       signatures, detainees, administrative, value, sale, holding, funding, data — see
 *       SUBJECTS; both languages) is named in the clause around the message's figure, and the
 *       two are within a factor of 100; or
 *   (b) for money and data sizes only: it is the only figure of that dimension left, and
 *       the two are within a factor of 10 ("Nimbus is worth $2 billion" vs $1.2 billion).
 *   A label that names no concept can be matched but never differ by (a). Percentages and
 *   counts need (a): "45% of workers" is not about the conviction rate. Every compared figure
 *   that qualifies is listed (99.9% → 99.74% for 2010 and 96% for 2018–21 when both exist).
 * - Never differs: a figure on a topic the message does not name, a negative figure (a change,
 *   which the knowledge does not hold), a year.
 * - Years: a bare year (or year range) matches when it equals a named topic's `year`, a
 *   figure's `year`, a year in its `covers` period or its `asOf` year. Otherwise a year
 *   followed by a noun ("2000 signatures", `countLike`) is compared as a count, for matches
 *   only; else not-in-knowledge.
 * - not-in-knowledge: everything else. `elsewhere` lists figures on other topics that equal a
 *   money, percent or data figure (never counts or years, which coincide too easily).
 * - Names are not claims: digits inside any entry's name or alias ("Unit 8200") are not read.
 */
import type { Knowledge } from './knowledge.js';
import { detectLang, normalize, type Lang } from './normalize.js';
import type { Bilingual, Entry, Figure, Source, SourcingLevel } from './schema.js';
import { MAX_FIGURE_TEXT, readFigures, type FigureUnit, type ReadFigure } from './figures.js';

export type Verdict = 'matches' | 'differs' | 'not-in-knowledge';

/**
 * Why a verdict was given, by the rules above:
 * - equal (matches): the same value, as written or once rounded;
 * - year (matches): a year a named topic or its figure speaks of;
 * - year-as-count (matches): "2000 signatures", equal to a count;
 * - same-subject (differs): rule (a); only-figure-close (differs): rule (b);
 * - no-topic: the message names no topic; no-figure-of-unit: the named topics hold no figure of
 *   that unit; no-comparable-figure: they do, but none with the same meaning; negative: a
 *   change, not a figure the knowledge holds (all not-in-knowledge).
 */
export type Reason =
  | 'equal'
  | 'year'
  | 'year-as-count'
  | 'same-subject'
  | 'only-figure-close'
  | 'no-figure-of-unit'
  | 'no-comparable-figure'
  | 'negative'
  | 'no-topic';

/** A figure of the knowledge, as compared: where it is, what it says, how it is sourced. */
export interface ComparedFigure {
  kind: 'figure';
  entryId: string;
  /** Index in the entry's `figures` (valid for this knowledge version only). */
  figureIndex: number;
  label: Bilingual;
  /** As in the knowledge: base units of `unit`. */
  value: number;
  unit: FigureUnit;
  year?: number;
  qualifier?: Figure['qualifier'];
  covers?: { from: string; to: string };
  asOf?: string;
  level: SourcingLevel;
  /** The cited sources, resolved; ids the knowledge lacks (impossible once cross-checked) are left out. */
  sources: Source[];
  /** A limit the reader should know, as the knowledge gives it (show it with the figure). */
  caveat?: Bilingual;
  /** level 'corrected': what the seed article (the campaign primer) said instead. */
  seedSaid?: Bilingual;
  /**
   * differs only: the message's figure is the one the seed article gave (`seedSaid`), which the
   * sources correct: "99.9% is the primer's figure; sources give 99.74% (2010)".
   */
  repeatsSeed?: boolean;
  /**
   * differs only: the message gives a bound that the knowledge's value satisfies ("over 13
   * petabytes" against 13.6 PB): another figure, but no contradiction; say so.
   */
  withinBound?: boolean;
  /**
   * matches only: not exactly equal, but equal once rounded to the precision the message wrote
   * ("99.7%" for 99.74%), or inside the message's range ("$1-2 billion" for $1.2 billion).
   */
  rounded?: boolean;
}

/** A topic's own year ("signed in 2021"), which a bare year in the message may match. */
export interface ComparedEntryYear {
  kind: 'entry-year';
  entryId: string;
  year: number;
}

export type Compared = ComparedFigure | ComparedEntryYear;

export interface ClaimCheck {
  /** The figure as read from the message; `figure.span` points into the message text. */
  figure: ReadFigure;
  verdict: Verdict;
  reason: Reason;
  /** matches: the equal figures; differs: the figures with another value; else empty. */
  compared: Compared[];
  /** not-in-knowledge only: the same money, percent or data figure on a topic the message does not name. */
  elsewhere: ComparedFigure[];
}

export interface CheckResult {
  /** The language to answer in: the message's (Arabic when it is mostly Arabic), else English. */
  lang: Lang;
  /** The named topics, deduplicated, in the order given. */
  topicIds: string[];
  /** One per figure read, in message order. */
  claims: ClaimCheck[];
}

// ---------------------------------------------------------------------------------------------
// Subjects: what a label is about, in words of both languages, matched by word start after
// normalize() (lower case, ة → ه, أ/إ/آ → ا) and without Arabic clitics (و ب ل ف ك ال).

const SUBJECTS: Record<string, readonly string[]> = {
  conviction: ['convict', 'guilty', 'ادان', 'ادين', 'مدان', 'يدان', 'تدان', 'مذنب'],
  firing: ['fired', 'firing', 'sacked', 'sacking', 'dismiss', 'terminated', 'layoff', 'laid', 'فصل', 'مفصول', 'طرد', 'مطرود', 'اقال', 'اقيل'],
  // Not the bare root وقع (also "fell", "took place") nor موقع ("site"): only forms that mean signing.
  signatures: ['signat', 'signed', 'signing', 'petition', 'توقيع', 'عريضه', 'عرائض', 'موقعين', 'موقعون', 'وقعوا', 'وقعت'],
  detainees: ['detain', 'detention', 'معتقل', 'اعتقال', 'محتجز', 'احتجاز'],
  administrative: ['administrative', 'اداري'],
  value: ['contract', 'deal', 'worth', 'value', 'valued', 'cost', 'paid', 'pay', 'عقد', 'عقود', 'صفق', 'قيم', 'تكلف', 'دفع'],
  sale: ['sold', 'sale', 'sell', 'price', 'بيع', 'باع', 'سعر'],
  holding: ['holding', 'stake', 'shares', 'divest', 'حصه', 'اسهم', 'سحب'],
  // Not "invest…" as a word start: it would take "investigation" ("the AP investigation").
  funding: ['funding', 'round', 'raise', 'raised', 'investor', 'investment', 'invested', 'series', 'تمويل', 'جوله', 'استثمار'],
  data: ['data', 'stored', 'storage', 'store', 'audio', 'recording', 'بيانات', 'تخزين', 'مخزن', 'خزن', 'صوتي', 'تسجيل'],
};

const CLITICS = ['وال', 'بال', 'فال', 'كال', 'لل', 'ال', 'و', 'ب', 'ل', 'ف', 'ك'];

/** A normalised word without its Arabic clitic prefix ("والمفصولين" → "مفصولين"). */
function stripClitic(word: string): string {
  for (const clitic of CLITICS) {
    if (word.startsWith(clitic) && word.length - clitic.length >= 3) return word.slice(clitic.length);
  }
  return word;
}

/**
 * Normalised words (see normalize()), without "… العنصري": "الفصل العنصري" is apartheid, not a
 * firing. normalize(), not tokens(): tokens() remembers the words it sees, and these are the
 * message's.
 */
function words(text: string): string[] {
  const all = normalize(text).split(' ').filter((word) => word !== '');
  const out: string[] = [];
  for (let i = 0; i < all.length; i += 1) {
    if (stripClitic(all[i + 1] ?? '') === 'عنصري') {
      i += 1;
      continue;
    }
    out.push(all[i]!);
  }
  return out;
}

function subjectsOf(all: readonly string[]): Set<string> {
  const found = new Set<string>();
  for (const word of all) {
    const bare = stripClitic(word);
    for (const [subject, stems] of Object.entries(SUBJECTS)) {
      if (stems.some((stem) => word.startsWith(stem) || bare.startsWith(stem))) found.add(subject);
    }
  }
  return found;
}

/** The words around a message's figure, ready for matching names and subjects. */
interface Clause {
  /** " word word … ", normalised, to find a name as whole words. */
  plain: string;
  /** The same without Arabic clitics ("لنيمبوس" → "نيمبوس"). */
  bare: string;
  subjects: Set<string>;
}

function clauseOf(text: string): Clause {
  const all = words(text);
  return { plain: ` ${all.join(' ')} `, bare: ` ${all.map(stripClitic).join(' ')} `, subjects: subjectsOf(all) };
}

/** Knowledge-derived, never message-derived: an entry's names as matching keys; a label's subjects. */
const nameKeys = new WeakMap<Entry, Array<[plain: string, bare: string]>>();
const labelSubjects = new WeakMap<Figure, Set<string>>();

function keysOf(entry: Entry): Array<[string, string]> {
  let keys = nameKeys.get(entry);
  if (!keys) {
    const names = [entry.name.en, entry.name.ar, entry.id.replace(/-/g, ' '), ...entry.aliases.en, ...entry.aliases.ar];
    keys = names.map(words).filter((key) => key.length > 0).map((key) => [` ${key.join(' ')} `, ` ${key.map(stripClitic).join(' ')} `]);
    nameKeys.set(entry, keys);
  }
  return keys;
}

function subjectsOfLabel(figure: Figure): Set<string> {
  let subjects = labelSubjects.get(figure);
  if (!subjects) {
    subjects = subjectsOf(words(`${figure.label.en} ${figure.label.ar}`));
    labelSubjects.set(figure, subjects);
  }
  return subjects;
}

/** Whether the clause names `entry` by its name, id or an alias (whole words, clitics allowed). */
function mentions(clause: Clause, entry: Entry): boolean {
  return keysOf(entry).some(([plain, bare]) => clause.plain.includes(plain) || clause.bare.includes(bare));
}

// ---------------------------------------------------------------------------------------------
// Dimensions and values.

type Dimension = FigureUnit | 'data' | 'money';

const CURRENCIES: ReadonlySet<string> = new Set(['USD', 'GBP', 'EUR', 'ILS', 'NOK']);

function dimensionOf(unit: FigureUnit): Dimension {
  return unit === 'terabytes' || unit === 'petabytes' ? 'data' : unit;
}

/** Whether a knowledge figure is of `dimension` ('money': any currency). */
function ofDimension(figure: Figure, dimension: Dimension): boolean {
  return dimension === 'money' ? CURRENCIES.has(figure.unit) : dimensionOf(figure.unit) === dimension;
}

/** A message's figure's dimension: money of any currency when the message wrote none ("1.2bn"). */
function dimensionOfRead(figure: ReadFigure & { unit: FigureUnit }): Dimension {
  return figure.currencyAssumed ? 'money' : dimensionOf(figure.unit);
}

/** A value in its dimension's base: terabytes for data sizes, else as given. */
function inBase(value: number, unit: FigureUnit): number {
  return unit === 'petabytes' ? value * 1000 : value;
}

const SAME = 1e-9;
const MAX_ROUNDING = 0.05;

/** 'exact', 'rounded' or undefined: whether `known` is the figure the message wrote. */
function equality(figure: ReadFigure, unit: FigureUnit, known: number): 'exact' | 'rounded' | undefined {
  const value = inBase(figure.value, unit);
  const precision = inBase(figure.precision, unit);
  const half = precision / 2 + SAME * Math.max(1, Math.abs(known));
  if (figure.high !== undefined) {
    const high = inBase(figure.high, unit);
    if (Math.abs(known - value) <= SAME * Math.max(1, known) || Math.abs(known - high) <= SAME * Math.max(1, known)) return 'exact';
    return known >= value - half && known <= high + half ? 'rounded' : undefined;
  }
  const difference = Math.abs(known - value);
  if (difference <= SAME * Math.max(1, Math.abs(known))) return 'exact';
  if (difference <= half && difference <= MAX_ROUNDING * Math.abs(known)) return 'rounded';
  return undefined;
}

/** How many times larger the larger value is; Infinity when one is zero. */
function ratio(a: number, b: number): number {
  const [low, high] = a < b ? [a, b] : [b, a];
  return low <= 0 ? Number.POSITIVE_INFINITY : high / low;
}

// ---------------------------------------------------------------------------------------------
// The knowledge's side.

interface Candidate {
  entry: Entry;
  index: number;
  figure: Figure;
}

/**
 * A knowledge figure as compared. `rounded`: equal only once rounded (matches). `said`: the
 * message's figure, for differs, to tell whether it is the seed article's corrected figure.
 */
function compared(knowledge: Knowledge, { entry, index, figure }: Candidate, rounded = false, said?: ReadFigure & { unit: FigureUnit }): ComparedFigure {
  const out: ComparedFigure = {
    kind: 'figure',
    entryId: entry.id,
    figureIndex: index,
    label: figure.label,
    value: figure.value,
    unit: figure.unit,
    level: figure.level,
    sources: figure.sources.map((id) => knowledge.source(id)).filter((source): source is Source => source !== undefined),
  };
  if (figure.year !== undefined) out.year = figure.year;
  if (figure.qualifier !== undefined) out.qualifier = figure.qualifier;
  if (figure.covers !== undefined) out.covers = figure.covers;
  if (figure.asOf !== undefined) out.asOf = figure.asOf;
  if (figure.caveat !== undefined) out.caveat = figure.caveat;
  if (figure.level === 'corrected') {
    out.seedSaid = figure.seedSaid;
    if (said && seedFigures(figure).some((seed) => seed.unit === said.unit && equality(said, said.unit, seed.value) !== undefined)) out.repeatsSeed = true;
  }
  if (said && satisfies(said, inBase(figure.value, figure.unit))) out.withinBound = true;
  if (rounded) out.rounded = true;
  return out;
}

/** Whether a known value satisfies the bound the message gave ("more than 2,000"). */
function satisfies(said: ReadFigure & { unit: FigureUnit }, known: number): boolean {
  const value = inBase(said.value, said.unit);
  switch (said.high === undefined ? said.bound : undefined) {
    case 'more-than':
      return known > value;
    case 'at-least':
      return known >= value;
    case 'less-than':
      return known < value;
    case 'at-most':
      return known <= value;
    default:
      return false;
  }
}

/** The figures in a corrected figure's `seedSaid` ("99.9%"), read once per knowledge figure. */
const seedCache = new WeakMap<Figure, ReadFigure[]>();

function seedFigures(figure: Figure & { level: 'corrected' }): ReadFigure[] {
  let seeds = seedCache.get(figure);
  if (!seeds) {
    seeds = readFigures(figure.seedSaid.en);
    seedCache.set(figure, seeds);
  }
  return seeds;
}

function candidatesOf(entries: readonly Entry[], dimension: Dimension): Candidate[] {
  const out: Candidate[] = [];
  for (const entry of entries) {
    entry.figures.forEach((figure, index) => {
      if (ofDimension(figure, dimension)) out.push({ entry, index, figure });
    });
  }
  return out;
}

const yearOf = (date: string) => Number(date.slice(0, 4));

/** The years a figure speaks of: its year, its coverage period, its asOf date. */
function yearsOf(figure: Figure): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (figure.year !== undefined) spans.push([figure.year, figure.year]);
  if (figure.covers) spans.push([yearOf(figure.covers.from), yearOf(figure.covers.to)]);
  if (figure.asOf) spans.push([yearOf(figure.asOf), yearOf(figure.asOf)]);
  return spans;
}

/** Names with digits, which are not figures where they stand ("Unit 8200", "الوحدة 8200"). */
const numberedNames = new WeakMap<Knowledge, string[]>();

function namesWithDigits(knowledge: Knowledge): string[] {
  let names = numberedNames.get(knowledge);
  if (!names) {
    names = knowledge.entries
      .flatMap((entry) => [entry.name.en, entry.name.ar, ...entry.aliases.en, ...entry.aliases.ar])
      .filter((name) => /[\d\u0660-\u0669\u06F0-\u06F9]/.test(name));
    numberedNames.set(knowledge, names);
  }
  return names;
}

// ---------------------------------------------------------------------------------------------
// The message's side: the clause around each figure.

/** Sentence ends: . ! ? ؟ ; ؛ and line breaks, but not a decimal point. */
const SENTENCE_END = /[!?؟;؛\n]|\.(?!\d)/g;

/**
 * For each figure, the text of its sentence from the end of the previous figure to the start of
 * the next one: the words that say what the figure is about.
 */
function clauses(text: string, figures: readonly ReadFigure[]): string[] {
  const ends = [...text.matchAll(SENTENCE_END)].map((match) => match.index);
  let first = 0; // figures come in text order, so the search for their sentence only moves on
  return figures.map((figure, i) => {
    while (first < ends.length && ends[first]! < figure.span.start) first += 1;
    const from = first > 0 ? ends[first - 1]! + 1 : 0;
    let last = first;
    while (last < ends.length && ends[last]! < figure.span.end) last += 1;
    const to = last < ends.length ? ends[last]! : text.length;
    return bounded(text, figures, i, from, to);
  });
}

/** The clause of figure i: its sentence [from, to), cut at the neighbouring figures. */
function bounded(text: string, figures: readonly ReadFigure[], i: number, sentenceFrom: number, sentenceTo: number): string {
  const figure = figures[i]!;
  const previous = figures[i - 1];
  const next = figures[i + 1];
  const from = previous && previous.span.end > sentenceFrom ? previous.span.end : sentenceFrom;
  const to = next && next.span.start < sentenceTo ? next.span.start : sentenceTo;
  return `${text.slice(from, figure.span.start)} ${text.slice(figure.span.end, to)}`;
}

// ---------------------------------------------------------------------------------------------

function checkYear(figure: ReadFigure, topics: readonly Entry[], knowledge: Knowledge): Pick<ClaimCheck, 'verdict' | 'reason' | 'compared'> {
  const low = figure.value;
  const high = figure.high ?? figure.value;
  const found: Compared[] = [];
  for (const entry of topics) {
    if (entry.year !== undefined && entry.year >= low && entry.year <= high) found.push({ kind: 'entry-year', entryId: entry.id, year: entry.year });
    entry.figures.forEach((known, index) => {
      if (yearsOf(known).some(([from, to]) => from <= high && to >= low)) found.push(compared(knowledge, { entry, index, figure: known }));
    });
  }
  if (found.length > 0) return { verdict: 'matches', reason: 'year', compared: found };
  if (figure.countLike) {
    const counts = candidatesOf(topics, 'count').filter(({ figure: known }) => equality({ ...figure, unit: 'count' }, 'count', known.value) === 'exact');
    if (counts.length > 0) return { verdict: 'matches', reason: 'year-as-count', compared: counts.map((candidate) => compared(knowledge, candidate)) };
  }
  return { verdict: 'not-in-knowledge', reason: 'no-comparable-figure', compared: [] };
}

function checkValue(
  figure: ReadFigure & { unit: FigureUnit },
  clause: Clause,
  topics: readonly Entry[],
  knowledge: Knowledge,
): Pick<ClaimCheck, 'verdict' | 'reason' | 'compared'> {
  if (figure.value < 0) return { verdict: 'not-in-knowledge', reason: 'negative', compared: [] };
  const dimension = dimensionOfRead(figure);
  const all = candidatesOf(topics, dimension);
  const nearby = candidatesOf(
    topics.filter((entry) => mentions(clause, entry)),
    dimension,
  );
  const candidates = nearby.length > 0 ? nearby : all;
  // An equal figure on any named topic is a match; those the clause names come first.
  const equal = equalFigures(figure, candidates, knowledge);
  const equalAnywhere = equal.length > 0 ? equal : equalFigures(figure, all, knowledge);
  if (equalAnywhere.length > 0) return { verdict: 'matches', reason: 'equal', compared: equalAnywhere };
  if (figure.currencyAssumed) {
    // "28k" without a currency may count people: an equal count matches, a different one says nothing.
    const counts = equalFigures(figure, candidatesOf(topics, 'count'), knowledge);
    if (counts.length > 0) return { verdict: 'matches', reason: 'equal', compared: counts };
  }
  if (candidates.length === 0) return { verdict: 'not-in-knowledge', reason: 'no-figure-of-unit', compared: [] };

  const value = inBase(figure.value, figure.unit);
  const sameSubject = candidates.filter(({ figure: known }) => {
    const subjects = subjectsOfLabel(known);
    return subjects.size > 0 && [...subjects].every((subject) => clause.subjects.has(subject)) && ratio(value, inBase(known.value, known.unit)) <= 100;
  });
  if (sameSubject.length > 0) return { verdict: 'differs', reason: 'same-subject', compared: sameSubject.map((candidate) => compared(knowledge, candidate, false, figure)) };

  const only = candidates[0]!;
  if (
    dimension !== 'percent' &&
    dimension !== 'count' &&
    candidates.length === 1 &&
    ratio(value, inBase(only.figure.value, only.figure.unit)) <= 10
  ) {
    return { verdict: 'differs', reason: 'only-figure-close', compared: [compared(knowledge, only, false, figure)] };
  }
  return { verdict: 'not-in-knowledge', reason: 'no-comparable-figure', compared: [] };
}

/** The candidates equal to the message's figure (see equality). */
function equalFigures(figure: ReadFigure & { unit: FigureUnit }, candidates: readonly Candidate[], knowledge: Knowledge): ComparedFigure[] {
  return candidates.flatMap((candidate) => {
    const how = equality(figure, figure.unit, inBase(candidate.figure.value, candidate.figure.unit));
    return how ? [compared(knowledge, candidate, how === 'rounded')] : [];
  });
}

/**
 * The same money, percent or data figure on topics the message does not name. `others`: the
 * figures of those topics by dimension, gathered once per message.
 */
function elsewhere(figure: ReadFigure & { unit: FigureUnit }, others: (dimension: Dimension) => Candidate[], knowledge: Knowledge): ComparedFigure[] {
  if (figure.unit === 'count' || figure.value < 0) return [];
  return equalFigures(figure, others(dimensionOfRead(figure)), knowledge);
}

/** Memoise a function of a dimension for one message. */
function perDimension(make: (dimension: Dimension) => Candidate[]): (dimension: Dimension) => Candidate[] {
  const made = new Map<Dimension, Candidate[]>();
  return (dimension) => {
    let candidates = made.get(dimension);
    if (!candidates) {
      candidates = make(dimension);
      made.set(dimension, candidates);
    }
    return candidates;
  };
}

function noTopic(): Pick<ClaimCheck, 'verdict' | 'reason' | 'compared'> {
  return { verdict: 'not-in-knowledge', reason: 'no-topic', compared: [] };
}

/** A figure with a value in a knowledge unit, not a year. */
function isValue(figure: ReadFigure): figure is ReadFigure & { unit: FigureUnit } {
  return figure.unit !== 'year';
}

/**
 * Compare every figure `text` states with the knowledge. `topics`: the entries the message
 * names (from the topic finder); `knowledge`: the loaded knowledge (data/knowledge.json via
 * load.ts), for sources, names and `elsewhere`.
 *
 * Where the figures come from: the message's from readFigures (values in base units, spans into
 * `text`); the knowledge's from the entries' `figures`, values as stored, with their sources
 * resolved from the knowledge's `sources`. Reads at most MAX_FIGURE_TEXT characters. Never
 * throws for any text; returns no text of the message (spans only). The rules are in this
 * module's comment.
 */
export function checkClaims(text: string, topics: readonly Entry[], knowledge: Knowledge): CheckResult {
  const message = typeof text === 'string' ? text.slice(0, MAX_FIGURE_TEXT) : '';
  const seen = new Set<string>();
  const named = topics.filter((entry) => !seen.has(entry.id) && seen.add(entry.id));
  const figures = readFigures(message, { ignoreNames: namesWithDigits(knowledge) });
  const around = clauses(message, figures);
  const namedIds = new Set(seen);
  const others = perDimension((dimension) => candidatesOf(knowledge.entries.filter((entry) => !namedIds.has(entry.id)), dimension));

  const claims = figures.map((figure, i): ClaimCheck => {
    if (!isValue(figure)) {
      const check = named.length === 0 ? noTopic() : checkYear(figure, named, knowledge);
      return { figure, ...check, elsewhere: [] };
    }
    const check = named.length === 0 ? noTopic() : checkValue(figure, clauseOf(around[i]!), named, knowledge);
    return { figure, ...check, elsewhere: check.verdict === 'not-in-knowledge' ? elsewhere(figure, others, knowledge) : [] };
  });
  return { lang: detectLang(message) ?? 'en', topicIds: named.map((entry) => entry.id), claims };
}
