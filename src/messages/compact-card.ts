/**
 * The compact card: the first answer wherever a card appears (a private answer, a shared card, a
 * mention reply). What an organizer in the middle of an argument can say, on one screen: the
 * title; the kind and status with its as-of date; the summary; the key figures; for a company or
 * campaign, the contracts it is party to, one line each; up to three key facts. Every figure and
 * fact says how it is sourced, in words, and links one of its sources. The full card (every fact,
 * source, caveat and correction) is one click away: the "All N facts and sources" button.
 *
 * One screen by construction, whatever the knowledge file grows to: at most COMPACT.figures
 * figures, COMPACT.contracts contracts and COMPACT.facts facts are offered, and each is added
 * only while the card stays within COMPACT.rows rows of COMPACT.columns columns and COMPACT.chars
 * characters as plain text (the console's rendering, plain-text.ts) and COMPACT.jsonChars
 * characters as JSON. What does not fit is in the full card.
 */
import type { KnownBlock } from '@slack/types';
import type { Knowledge } from '../knowledge/knowledge.js';
import type { Lang } from './strings/index.js';
import { MAX_KEY_FACTS, type Entry, type Fact, type Figure, type Source, type SourcingLevel } from '../knowledge/schema.js';
import { clip, context, fitBlocks, header, section, sections } from './blocks.js';
import { coversNote, figureWithNote, kindLine, levelNote, relatedContracts, sourceMark, withNote, withoutStatedDate, type CardOptions } from './card.js';
import { escapeMrkdwn, link } from './escape.js';
import { formatAsOf, formatFigureValue } from './format.js';
import { t } from './strings/index.js';
import { LIMITS } from './limits.js';
import { displayRows, renderMessage } from './plain-text.js';
import type { SlackMessage } from './types.js';

export const COMPACT = {
  /** Plain-text rows the whole card may take, buttons included: about one screen in Slack's desktop client. */
  rows: 25,
  /** The width those rows are counted at. */
  columns: 100,
  figures: 3,
  contracts: 3,
  facts: MAX_KEY_FACTS,
  /** Characters of the card as plain text (the console's rendering, links with their URLs). */
  chars: 2000,
  /**
   * Characters of the message as JSON (JavaScript string length), what Slack is sent. Counted
   * in characters, not UTF-8 bytes: in bytes an Arabic letter weighs two, and the Arabic card of
   * the same entry lost a figure or a fact to the English one in 6 of 24 entries (Elbit's £9
   * million sale among them). The reader's own limits (rows, rendered characters) decide the
   * screen; this one keeps the payload small, and the English Elbit card stays under 2.5 KB.
   */
  jsonChars: 2500,
  /**
   * A source link's label is its publisher, whole up to this many characters: what it says in
   * parentheses is often where the copy comes from ("Zee News (citing The Verge)"), which a reader
   * must see while sources carry no `kind`.
   */
  publisher: 80,
} as const;

/** Which facts lead when an entry marks none as key: the safest to repeat first. */
const LEVEL_ORDER: Record<SourcingLevel, number> = { reported: 0, corrected: 1, campaign: 2 };

/**
 * The facts the compact card offers, in the file's order. The ones maintainers mark
 * `key: true` (at most three, a cross-check); when an entry marks none, three chosen by sourcing
 * level: independently reported facts first, then corrected ones, then the campaign's claims,
 * each level in the file's order.
 */
export function keyFacts(entry: Entry): Fact[] {
  const marked = entry.facts.filter((fact) => fact.key === true);
  if (marked.length > 0) return marked.slice(0, COMPACT.facts);
  const chosen = new Set(
    entry.facts
      .map((fact, index) => ({ fact, index }))
      .sort((a, b) => LEVEL_ORDER[a.fact.level] - LEVEL_ORDER[b.fact.level] || a.index - b.index)
      .slice(0, COMPACT.facts)
      .map(({ fact }) => fact),
  );
  return entry.facts.filter((fact) => chosen.has(fact));
}

/**
 * The one source a compact line links, of those the item cites (the full card lists them all):
 * an unmarked one (not the campaign's own page, not a republication) before a marked one, then
 * the shortest link, which costs the fewest bytes and terminal rows; ties in the file's order.
 */
function oneSource(ids: string[], knowledge: Knowledge, lang: Lang): Source | undefined {
  const rank = (source: Source) => (sourceMark(source, lang) === undefined ? 0 : 1);
  return ids
    .map((id) => knowledge.source(id))
    .filter((source): source is Source => source !== undefined)
    .reduce<Source | undefined>((best, source) => (best === undefined || rank(source) < rank(best) || (rank(source) === rank(best) && source.url.length < best.url.length) ? source : best), undefined);
}

/**
 * "✅ _Independently reported_ · <url|IPE> · as of August 2025": the level in words, then the
 * first cited source as a link named by its publisher (marked when it is the campaign's own or a
 * republication), then the as-of date of a changing state.
 */
function sourcedNote(item: { level: SourcingLevel; sources: string[]; asOf?: string }, knowledge: Knowledge, lang: Lang): string {
  const bits = [levelNote({ level: item.level }, lang)];
  const source = oneSource(item.sources, knowledge, lang);
  if (source) {
    const mark = sourceMark(source, lang);
    bits.push(`${link(source.url, clip(source.publisher, COMPACT.publisher))}${mark === undefined ? '' : ` (${mark})`}`);
  }
  if (item.asOf !== undefined) bits.push(formatAsOf(item.asOf, lang));
  return bits.join(' · ');
}

function figureLine(figure: Figure, knowledge: Knowledge, lang: Lang): string {
  return `• ${figureWithNote(figure, lang, (dated) => sourcedNote(dated, knowledge, lang))}`;
}

function factLine(fact: Fact, knowledge: Knowledge, lang: Lang): string {
  return `• ${withNote(escapeMrkdwn(fact.text[lang]), sourcedNote(withoutStatedDate(fact, fact.text[lang]), knowledge, lang))}`;
}

/**
 * One line: the contract, its headline figure with its sourcing level, and the command for its own
 * card: "• *Project Nimbus* (contract, 2021): about $1.2 billion · ✅ …". The kind is said in the
 * parentheses, not as a "Contract:" prefix, which put two colons on the line.
 */
function contractLine(contract: Entry, lang: Lang): string {
  const s = t(lang);
  // The kind as a word inside a phrase: "contract" (Arabic has no capitals: unchanged).
  const about = [s.kinds.contract.toLocaleLowerCase(s.locale), ...(contract.year === undefined ? [] : [String(contract.year)])];
  const year = ` (${about.join(s.listSeparator)})`;
  const headline = contract.figures[0];
  const figure = headline
    ? `: ${escapeMrkdwn(formatFigureValue(headline, lang))}${coversNote(headline, lang)} · ${levelNote({ level: headline.level }, lang)}`
    : '';
  return `• *${escapeMrkdwn(contract.name[lang])}*${year}${figure} · \`/notech ${contract.id}\``;
}

type Group = 'figures' | 'contracts' | 'facts';

/**
 * The compact card for `entry`. `options.tail` holds its buttons ("All N facts and sources",
 * Share); `options.preface` a line above it ("Shared by @maya"). Both count towards the rows.
 */
export function compactCard(entry: Entry, lang: Lang, knowledge: Knowledge, options: CardOptions = {}): SlackMessage {
  const s = t(lang);
  const lines: Record<Group, string[]> = {
    figures: entry.figures.slice(0, COMPACT.figures).map((figure) => figureLine(figure, knowledge, lang)),
    contracts: relatedContracts(entry, knowledge).slice(0, COMPACT.contracts).map((contract) => contractLine(contract, lang)),
    facts: keyFacts(entry).map((fact) => factLine(fact, knowledge, lang)),
  };
  const head: KnownBlock[] = [
    ...(options.preface ? [context(options.preface)] : []),
    ...(options.banner ? [context(options.banner)] : []),
    header(entry.name[lang]),
    context(kindLine(entry, lang, { parties: false })),
    section(escapeMrkdwn(entry.summary[lang])),
  ];
  const tail = options.tail ?? [];
  // The fallback text (notifications) is the name alone: the summary is in the blocks, and in
  // Arabic it would cost a few hundred of the card's bytes.
  const text = escapeMrkdwn(entry.name[lang]);
  const build = (shown: Record<Group, boolean[]>): SlackMessage => {
    // One list, figures then contracts then facts, with no headings or blank lines between
    // them: on a screen this short those rows are better spent on a fact. Figures lead with a
    // bold value, contracts say "(contract, 2021)", so each still reads as what it is.
    const grouped = (['figures', 'contracts', 'facts'] as const).flatMap((group) => lines[group].filter((_line, i) => shown[group][i]));
    return { text, blocks: fitBlocks([...head, ...sections(undefined, grouped)], tail, s.truncated, LIMITS.messageBlocks) };
  };
  const fits = (message: SlackMessage) => {
    const plain = renderMessage(message, { color: false, width: COMPACT.columns });
    return displayRows(plain, COMPACT.columns) <= COMPACT.rows && plain.length <= COMPACT.chars && JSON.stringify(message).length <= COMPACT.jsonChars;
  };

  // Offered in turns (first figure, first contract, first fact, then the second of each, …) so
  // one long group cannot crowd out the others; an item that would overflow the screen is left
  // to the full card, and a shorter one after it may still fit.
  // A company is about its contracts, so they come before its facts; on a campaign, report or
  // event card the linked contracts are context, and the entry's own key facts are offered first.
  const order: readonly Group[] = entry.kind === 'company' ? ['figures', 'contracts', 'facts'] : ['figures', 'facts', 'contracts'];
  const shown: Record<Group, boolean[]> = { figures: [], contracts: [], facts: [] };
  const turns = Math.max(lines.figures.length, lines.contracts.length, lines.facts.length);
  for (let i = 0; i < turns; i += 1) {
    for (const group of order) {
      if (i >= lines[group].length) continue;
      shown[group][i] = true;
      if (!fits(build(shown))) shown[group][i] = false;
    }
  }
  return build(shown);
}
