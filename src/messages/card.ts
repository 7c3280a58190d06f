/**
 * The fact card: what an organizer repeats in a town hall. Every figure and fact carries its
 * sourcing level in words and numbered markers pointing at the sources listed below it.
 */
import type { KnownBlock } from '@slack/types';
import type { Knowledge } from '../knowledge/knowledge.js';
import type { Lang } from './strings/index.js';
import type { Bilingual, Entry, Fact, Figure, Source, SourcingLevel } from '../knowledge/schema.js';
import { context, fitBlocks, header, section, sections } from './blocks.js';
import { escapeMrkdwn, link } from './escape.js';
import { formatAsOf, formatCovers, formatFigureValue, formatPartialDate, statesDate } from './format.js';
import { t } from './strings/index.js';
import { LIMITS } from './limits.js';
import type { SlackMessage } from './types.js';

/** What facts and figures share: how they are sourced. */
interface Sourced {
  level: SourcingLevel;
  sources: string[];
  asOf?: string;
  caveat?: Bilingual;
  seedSaid?: Bilingual;
}

/** Numbers sources in the order the card first cites them: [1], [2], … */
class SourceNumbers {
  readonly ordered: Source[] = [];
  private readonly numbers = new Map<string, number>();
  constructor(private readonly knowledge: Knowledge) {}

  markers(ids: string[]): string {
    return ids
      .map((id) => {
        let number = this.numbers.get(id);
        if (number === undefined) {
          const source = this.knowledge.source(id);
          if (!source) return '';
          this.ordered.push(source);
          number = this.ordered.length;
          this.numbers.set(id, number);
        }
        return `[${number}]`;
      })
      .join('');
  }
}

/**
 * `text` (a fact's sentence, a figure's label) followed on the same line by `note` (its sourcing
 * note): after a sentence's own closing mark (". ? ! … ؟", perhaps inside quotes or brackets)
 * with a space, so no "2004. · ✅" stacks two marks; after any other text with " · ". A dangling
 * comma, colon or semicolon (Latin or Arabic) at the end of the text is dropped first.
 */
export function withNote(text: string, note: string): string {
  const trimmed = text.replace(/[\s,;:،؛]+$/u, '');
  return /[.!?…؟]["”’»)\]]*$/u.test(trimmed) ? `${trimmed} ${note}` : `${trimmed} · ${note}`;
}

/**
 * The item as a card shows it next to `words` (its own text or label in the card's language):
 * without its `asOf` when those words already state that date ("at 31 Dec 2008", "On 25
 * September 2025"), so the date is said once. A date the words state less precisely stays.
 */
export function withoutStatedDate<T extends { asOf?: string }>(item: T, words: string): T {
  if (item.asOf === undefined || !statesDate(words, item.asOf)) return item;
  const { asOf: _stated, ...rest } = item;
  return rest as T;
}

/**
 * "*NOK 35.8 million* (2009): Market value … · ✅ _Independently reported_ · IPE": a figure's
 * value and period, then its label followed by `note` (withNote), where `note` is given the
 * figure without an as-of date its label already states, so that date is said once. The compact
 * card passes its sourced note, the digest's spotlight the sourcing level alone.
 */
export function figureWithNote(figure: Figure, lang: Lang, note: (figure: Figure) => string): string {
  const label = figure.label[lang];
  return `*${escapeMrkdwn(formatFigureValue(figure, lang))}*${figurePeriod(figure, lang)}: ${withNote(escapeMrkdwn(label), note(withoutStatedDate(figure, label)))}`;
}

/** "✅ _Independently reported_", then " · as of 25 September 2025" when the claim has an `asOf`. */
export function levelNote(item: Pick<Sourced, 'level' | 'asOf'>, lang: Lang): string {
  const level = t(lang).levels[item.level];
  const note = `${level.marker} _${level.words}_`;
  return item.asOf === undefined ? note : `${note} · ${formatAsOf(item.asOf, lang)}`;
}

/** The level note plus what the seed said and any caveat. */
function sourcingNote(item: Sourced, lang: Lang): string {
  const s = t(lang);
  let note = levelNote(item, lang);
  if (item.level === 'corrected' && item.seedSaid) note += `: ${s.seedSaid} ${s.quote(escapeMrkdwn(item.seedSaid[lang]))}`;
  if (item.caveat) note += `\n      ${s.caveat}: ${escapeMrkdwn(item.caveat[lang])}`;
  return note;
}

/**
 * When a figure's number is from, after its value: " (data for January 2018 – April 2021)" when
 * its data covers a period, else " (2021)", else nothing. Its `asOf` is in the sourcing note.
 * Each date is said once: nothing when the label (shown right after) already states the period
 * or the year, or when the sourcing note's as-of date, in that year, will.
 */
export function figurePeriod(figure: Figure, lang: Lang): string {
  const label = figure.label[lang];
  if (figure.covers) return coversNote(figure, lang, label);
  if (figure.year === undefined) return '';
  const year = String(figure.year);
  const asOf = withoutStatedDate(figure, label).asOf;
  return statesDate(label, year) || asOf?.startsWith(year) ? '' : ` (${year})`;
}

/**
 * " (data for January 2018 – April 2021)", or nothing when the figure has no `covers`, or when
 * `label`, if the line shows it, already states both ends of the period.
 */
export function coversNote(figure: Figure, lang: Lang, label?: string): string {
  if (!figure.covers) return '';
  if (label !== undefined && statesDate(label, figure.covers.from) && statesDate(label, figure.covers.to)) return '';
  return ` (${formatCovers(figure.covers, lang)})`;
}

function figureLine(figure: Figure, lang: Lang, numbers: SourceNumbers): string {
  return `• *${escapeMrkdwn(formatFigureValue(figure, lang))}*${figurePeriod(figure, lang)}: ${escapeMrkdwn(figure.label[lang])} ${numbers.markers(figure.sources)}\n      ${sourcingNote(withoutStatedDate(figure, figure.label[lang]), lang)}`;
}

function factLine(fact: Fact, lang: Lang, numbers: SourceNumbers): string {
  return `• ${escapeMrkdwn(fact.text[lang])} ${numbers.markers(fact.sources)}\n      ${sourcingNote(withoutStatedDate(fact, fact.text[lang]), lang)}`;
}

/** For companies, campaigns, reports and events: the contracts they are party to or about, so one card shows the money. */
export function relatedContracts(entry: Entry, knowledge: Knowledge): Entry[] {
  if (entry.kind === 'contract') return [];
  return entry.related.map((id) => knowledge.entry(id)).filter((other): other is Entry => other?.kind === 'contract');
}

/**
 * "• *Project Nimbus* (2021): about $1.2 billion · Contract value [1][2]", then the sourcing note.
 * The label, a caption written with a capital, follows " · " as on the compact card: after a
 * comma ("$1.2 billion, Contract value") it read as a misplaced capital.
 */
function contractLine(contract: Entry, lang: Lang, numbers: SourceNumbers): string {
  const year = contract.year === undefined ? '' : ` (${contract.year})`;
  const headline = contract.figures[0];
  const figure = headline
    ? `: ${escapeMrkdwn(formatFigureValue(headline, lang))}${coversNote(headline, lang, headline.label[lang])} · ${escapeMrkdwn(headline.label[lang])} ${numbers.markers(headline.sources)}\n      ${sourcingNote(withoutStatedDate(headline, headline.label[lang]), lang)}`
    : `: ${escapeMrkdwn(contract.summary[lang])}`;
  return `• *${escapeMrkdwn(contract.name[lang])}*${year}${figure}\n      \`/notech ${contract.id}\``;
}

/** "campaign source" or "republished copy" for the kinds of source a reader must be told about, else undefined. */
export function sourceMark(source: Source, lang: Lang): string | undefined {
  return source.kind === undefined ? undefined : t(lang).sourceMarks[source.kind];
}

/** "[1] <url|title>: Publisher, 21 May 2024 · campaign source · <archive|archived copy>" */
function sourceLine(source: Source, number: number, lang: Lang): string {
  const s = t(lang);
  const bits = [`[${number}] ${link(source.url, source.title)}: ${escapeMrkdwn(source.publisher)}${s.listSeparator}${formatPartialDate(source.date, lang)}`];
  const mark = sourceMark(source, lang);
  if (mark !== undefined) bits.push(mark);
  if (source.archiveUrl !== undefined) bits.push(link(source.archiveUrl, s.archivedCopy));
  return bits.join(' · ');
}

/**
 * "Contract · 2022 · Status: active (as of October 2025) · Parties: …". Without `parties` (the
 * compact card) it stays one short line whatever the entry lists. The status's as-of date is
 * left out when the summary under it already states that date.
 */
export function kindLine(entry: Entry, lang: Lang, { parties = true }: { parties?: boolean } = {}): string {
  const s = t(lang);
  const bits = [s.kinds[entry.kind]];
  if (entry.year !== undefined) bits.push(String(entry.year));
  if (entry.status) {
    // Both cards put the summary right under this line: a date it states ("On 25 August 2025 …") is not said twice.
    const asOf = entry.statusAsOf === undefined || statesDate(entry.summary[lang], entry.statusAsOf) ? '' : ` (${formatAsOf(entry.statusAsOf, lang)})`;
    bits.push(`${s.status}: ${s.statuses[entry.status]}${asOf}`);
  }
  if (parties && entry.parties && entry.parties.length > 0) bits.push(`${s.parties}: ${entry.parties.map((party) => escapeMrkdwn(party[lang])).join(s.listSeparator)}`);
  return bits.join(' · ');
}

export interface CardOptions {
  /** Blocks to end the card with (e.g. the Share button), kept even when the card is cut. */
  tail?: KnownBlock[];
  /** A line above the card (e.g. "Shared by @maya"). */
  preface?: string;
  /** Where it is shown: a message (50 blocks, 12,000 characters) or a modal (100 blocks). Default: message. */
  surface?: 'message' | 'modal';
  /** A line at the top of the card, under the preface (the stale banner, review-dates.ts), already safe mrkdwn. */
  banner?: string;
}

/**
 * The full card: every figure, contract, fact and source, with sourcing notes and caveats. Shown
 * in the "All facts and sources" modal and by `/notech <topic> full`; cut to the surface's limits
 * (with a note) only when an entry is too long for it.
 */
export function factCard(entry: Entry, lang: Lang, knowledge: Knowledge, options: CardOptions = {}): SlackMessage {
  const s = t(lang);
  const numbers = new SourceNumbers(knowledge);
  const body: KnownBlock[] = [];
  if (options.preface) body.push(context(options.preface));
  if (options.banner) body.push(context(options.banner));
  body.push(header(entry.name[lang]));
  body.push(context(kindLine(entry, lang)));
  body.push(section(escapeMrkdwn(entry.summary[lang])));
  if (entry.figures.length > 0) {
    body.push(...sections(`*${s.keyFigures}*`, entry.figures.map((figure) => figureLine(figure, lang, numbers))));
  }
  const contracts = relatedContracts(entry, knowledge);
  if (contracts.length > 0) {
    body.push(...sections(`*${s.contracts}*`, contracts.map((contract) => contractLine(contract, lang, numbers))));
  }
  body.push(...sections(`*${s.facts}*`, entry.facts.map((fact) => factLine(fact, lang, numbers))));
  body.push(...sections(`*${s.sources}*`, numbers.ordered.map((source, i) => sourceLine(source, i + 1, lang))));

  const related = entry.related
    .map((id) => knowledge.entry(id))
    .filter((other): other is Entry => other !== undefined)
    .map((other) => `\`/notech ${other.id}\``);
  const footer = [`${s.verified} ${formatPartialDate(entry.verified, lang)} · ${s.knowledgeVersion} v${knowledge.version}`];
  if (related.length > 0) footer.push(`${s.related}: ${related.join(s.listSeparator)}`);
  const tail: KnownBlock[] = [context(...footer), ...(options.tail ?? [])];

  const fallback = `${entry.name[lang]}: ${entry.summary[lang]}`;
  return {
    text: escapeMrkdwn(fallback).slice(0, LIMITS.fallbackText),
    blocks:
      options.surface === 'modal'
        ? fitBlocks(body, tail, s.truncated, LIMITS.surfaceBlocks, LIMITS.surfaceJson)
        : fitBlocks(body, tail, s.truncated, LIMITS.messageBlocks),
  };
}
