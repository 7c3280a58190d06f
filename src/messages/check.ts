/**
 * The private answer to "Check with NoTech" (the message shortcut, issue #16), as Block Kit.
 * Pure. What it shows follows the design note in src/knowledge/check-claims.ts:
 * - the topics the message names, one line each with a button that opens the topic's card (the
 *   same open-button contract as "did you mean");
 * - every figure the message states, quoted as written (its span, escaped), with its verdict in
 *   words: matches (the equal figure, its sourcing level in words and its source), differs (the
 *   knowledge's other values, each with its year or period, level and source), or not in the
 *   knowledge. A comparison, never a ruling: no "true", "false" or "wrong".
 * - no topic: the figures are not compared (a figure on some other topic is offered as
 *   "the knowledge has this figure for …"); no topic and no figure: how to use the shortcut.
 * The message text is used only to quote each figure's span; nothing else of it is shown.
 */
import type { KnownBlock } from '@slack/types';
import type { Knowledge } from '../knowledge/knowledge.js';
import type { Lang } from '../knowledge/normalize.js';
import type { Entry, Figure, Source } from '../knowledge/schema.js';
import type { CheckResult, ClaimCheck, ComparedFigure } from '../knowledge/check-claims.js';
import { context, fitBlocks, section, sections } from './blocks.js';
import { figurePeriod, levelNote, sourceMark, withNote, withoutStatedDate } from './card.js';
import { openEach } from './compose.js';
import { escapeMrkdwn, link, quoteUserText } from './escape.js';
import { formatFigureValue } from './format.js';
import { t } from './i18n.js';
import { LIMITS } from './limits.js';
import type { SlackMessage } from './types.js';

/**
 * The block id of the answer's topic buttons: an open button pressed there sends the card
 * privately and leaves the answer in place (a did-you-mean list is replaced by the card), so
 * the verdicts stay on screen.
 */
export const CHECK_TOPICS_BLOCK_ID = 'notech_check_topics';

/** At most this many figures are listed; the rest are counted ("and 3 more figures"). */
export const MAX_CHECK_LINES = 15;
/** At most this many knowledge figures are shown for one figure of the message. */
const MAX_COMPARED = 4;
/** A figure as written is quoted up to this many characters. */
const MAX_WRITTEN = 60;
const INDENT = '      ';

/** The one source a line links: an unmarked one (not the campaign's own page, not a republication) first. */
function sourceLink(sources: readonly Source[], lang: Lang): string | undefined {
  const source = sources.find((candidate) => sourceMark(candidate, lang) === undefined) ?? sources[0];
  if (!source) return undefined;
  const mark = sourceMark(source, lang);
  return `${link(source.url, source.publisher)}${mark === undefined ? '' : ` (${mark})`}`;
}

/** The knowledge's figure behind a compared one (same knowledge version), for the card's formatting. */
function figureOf(compared: ComparedFigure, knowledge: Knowledge): Figure | undefined {
  return knowledge.entry(compared.entryId)?.figures[compared.figureIndex];
}

/**
 * "*99.74%* (2010): conviction rate … · ✏️ _Corrected_ · <url|Haaretz>", prefixed with the
 * topic's name when the message names several; its caveat on the next line.
 */
function comparedLine(compared: ComparedFigure, knowledge: Knowledge, lang: Lang, withTopic: boolean): string {
  const figure = figureOf(compared, knowledge);
  const value = escapeMrkdwn(formatFigureValue(compared, lang));
  const period = figure ? figurePeriod(figure, lang) : compared.year === undefined ? '' : ` (${compared.year})`;
  // The topic before " · ", not ": ": the figure and its label already take a colon.
  const topic = withTopic ? `${escapeMrkdwn(knowledge.entry(compared.entryId)?.name[lang] ?? compared.entryId)} · ` : '';
  const dated = withoutStatedDate({ level: compared.level, ...(compared.asOf ? { asOf: compared.asOf } : {}) }, compared.label[lang]);
  const bits = [levelNote(dated, lang)];
  const source = sourceLink(compared.sources, lang);
  if (source) bits.push(source);
  const caveat = compared.caveat ? `\n${INDENT}${INDENT}${t(lang).caveat}: ${escapeMrkdwn(compared.caveat[lang])}` : '';
  return `${INDENT}${topic}*${value}*${period}: ${withNote(escapeMrkdwn(compared.label[lang]), bits.join(' · '))}${caveat}`;
}

/** The figure as the message wrote it, with the bound words it wrote before it ("more than 2,000"). */
function written(text: string, claim: ClaimCheck, lang: Lang): string {
  const span = text.slice(claim.figure.span.start, claim.figure.span.end);
  const bound = claim.figure.bound ? `${t(lang).checkBounds[claim.figure.bound]} ` : '';
  return t(lang).checkQuote(quoteUserText(`${bound}${span}`, MAX_WRITTEN));
}

/** One figure of the message: its verdict in words, then what the knowledge has. */
function claimLine(text: string, claim: ClaimCheck, knowledge: Knowledge, lang: Lang, withTopic: boolean): string {
  const s = t(lang);
  const notes: string[] = [];
  if (claim.figure.currencyAssumed) notes.push(s.checkNoCurrency);
  const figures = claim.compared.filter((compared): compared is ComparedFigure => compared.kind === 'figure');
  if (claim.verdict === 'matches' && figures.some((compared) => compared.rounded)) notes.push(s.checkRounded);
  const note = notes.length > 0 ? ` (${notes.join(lang === 'ar' ? '، ' : ', ')})` : '';
  const lines = [`• ${written(text, claim, lang)}: *${s.verdicts[claim.verdict]}*${note}`];
  if (claim.verdict === 'differs') {
    lines[0] += ` · ${s.checkKnowledgeHas}:`;
    if (figures.some((compared) => compared.repeatsSeed)) lines.push(`${INDENT}_${s.checkRepeatsSeed}_`);
    if (figures.some((compared) => compared.withinBound)) lines.push(`${INDENT}_${s.checkWithinBound}_`);
  }
  for (const compared of claim.compared.slice(0, MAX_COMPARED)) {
    if (compared.kind === 'figure') lines.push(comparedLine(compared, knowledge, lang, withTopic));
    else lines.push(`${INDENT}${s.checkEntryYear(`*${escapeMrkdwn(knowledge.entry(compared.entryId)?.name[lang] ?? compared.entryId)}*`, compared.year)}`);
  }
  const elsewhere = [...new Set(claim.elsewhere.map((compared) => compared.entryId))].slice(0, MAX_COMPARED);
  for (const entryId of elsewhere) {
    lines.push(`${INDENT}${s.checkElsewhere(`*${escapeMrkdwn(knowledge.entry(entryId)?.name[lang] ?? entryId)}*`)}`);
  }
  return lines.join('\n');
}

/**
 * The answer to "Check with NoTech" on a message. `text`: the message as typed (decoded), whose
 * figures `result` read (its spans point into it); `topics`: the entries it names, as found for
 * `result`; `knowledge`: the version `result` was computed on (figure indexes are per version).
 * In `result.lang` (Arabic for an Arabic message). Within Slack's message limits; every piece of
 * the message and the knowledge is escaped, so nothing in it pings or links.
 */
export function checkAnswer(text: string, topics: readonly Entry[], result: CheckResult, knowledge: Knowledge): SlackMessage {
  const lang = result.lang;
  const s = t(lang);
  const body: KnownBlock[] = [section(`*${s.checkTitle}*`), context(s.checkIntro(knowledge.version))];
  const hasFigures = result.claims.length > 0;
  if (topics.length > 0) {
    const offered = openEach([...topics], lang).map((block) => (block.type === 'actions' ? { ...block, block_id: CHECK_TOPICS_BLOCK_ID } : block));
    body.push(section(`*${s.checkTopics}*`), ...offered);
  } else {
    body.push(section(`${hasFigures ? s.checkNoTopic : s.checkNothing}\n${s.checkHowTo}`));
  }
  if (hasFigures) {
    const shown = result.claims.slice(0, MAX_CHECK_LINES);
    const lines = shown.map((claim) => claimLine(text, claim, knowledge, lang, topics.length > 1));
    if (result.claims.length > shown.length) lines.push(`_${s.checkMoreFigures(result.claims.length - shown.length)}_`);
    body.push(...sections(`*${s.checkFigures}*`, lines));
  } else if (topics.length > 0) {
    body.push(section(s.checkNoFigures));
  }
  const legend: KnownBlock[] = [context(s.helpLegend)];
  return {
    text: escapeMrkdwn(s.checkTitle).slice(0, LIMITS.fallbackText),
    blocks: fitBlocks(body, legend, s.truncated, LIMITS.messageBlocks),
  };
}
