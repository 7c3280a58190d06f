/**
 * Answer → Slack message. One function per kind of answer; the Slack adapter and the console
 * both call `compose`, so the console shows exactly what Slack would.
 */
import type { KnownBlock } from '@slack/types';
import type { Knowledge } from '../knowledge/knowledge.js';
import type { Lang } from './strings/index.js';
import { ENTRY_KINDS, type Entry } from '../knowledge/schema.js';
import type { Answer } from './answer.js';
import { allFactsButton, openButton, shareButton as shareButtonFor } from './buttons.js';
import { actions, context, fitBlocks, header, section, sections } from './blocks.js';
import { escapeMrkdwn, quoteUserText } from './escape.js';
import { formatPartialDate } from './format.js';
import { t } from './strings/index.js';
import { factCard } from './card.js';
import { compactCard } from './compact-card.js';
import { LIMITS } from './limits.js';
import { releaseLines } from './release.js';
import { reportButton } from './report.js';
import { bannerOption, entryIsStale } from './review-dates.js';
import type { SlackMessage } from './types.js';

export interface ComposeOptions {
  /** Add a "Share in channel" button carrying this command text. */
  shareQuery?: string;
  /** A line above the message (e.g. "Shared by <@U…>"), already safe mrkdwn. */
  preface?: string;
  /** Cards carry "Report a problem" (the surface knows whether a maintainers' channel is set). */
  reportable?: boolean;
  /** Today, from the surface's clock: stale cards get a banner and `/notech list` marks stale entries. Without it, neither. */
  now?: Date;
}

export function compose(answer: Answer, knowledge: Knowledge, options: ComposeOptions = {}): SlackMessage {
  const { lang } = answer;
  const shareButton = options.shareQuery === undefined ? undefined : shareButtonFor(t(lang).share, options.shareQuery, lang);
  const tail: KnownBlock[] = shareButton ? [actions('notech_share', [shareButton])] : [];
  const preface = options.preface ? [context(options.preface)] : [];
  switch (answer.kind) {
    case 'card': {
      const cardOptions = { ...(options.preface ? { preface: options.preface } : {}), ...bannerOption(answer.entry, knowledge, lang, options.now) };
      const report = options.reportable ? [reportButton(answer.entry.id, lang)] : [];
      // `/notech elbit full`: the full card in the message, for people who want it all in the channel.
      if (answer.full) {
        const fullButtons = [...(shareButton ? [shareButton] : []), ...report];
        return factCard(answer.entry, lang, knowledge, { tail: fullButtons.length > 0 ? [actions('notech_share', fullButtons)] : [], ...cardOptions });
      }
      // Otherwise the compact card; its first button opens the full card for whoever presses it.
      const buttons = [allFactsButton(t(lang).allFacts(answer.entry.facts.length), answer.entry.id, lang), ...(shareButton ? [shareButton] : []), ...report];
      return compactCard(answer.entry, lang, knowledge, { tail: [actions('notech_card', buttons)], ...cardOptions });
    }
    case 'help':
      return finish(helpBlocks(lang), t(lang).helpTitle, lang, preface, tail);
    case 'list':
      return finish(listBlocks(knowledge, lang, options.now), t(lang).listTitle, lang, preface, tail);
    case 'version':
      return finish(versionBlocks(knowledge, lang), `${t(lang).versionTitle} ${knowledge.version}`, lang, preface, tail);
    case 'results':
      return finish(resultBlocks(answer.words, answer.hits.map((hit) => hit.entry), lang), t(lang).resultsTitle(answer.words), lang, preface, tail);
    case 'did-you-mean':
      return finish(didYouMeanBlocks(answer.text, answer.suggestions, lang), t(lang).noTopic(answer.text), lang, preface, []);
    case 'topics':
      return finish(namedTopicsBlocks(answer.text, answer.entries, lang), t(lang).namedTopics(answer.text, answer.entries.length), lang, preface, []);
    case 'digest':
      return finish([section(t(lang).digestUnavailable)], t(lang).digestUnavailable, lang, [], []);
  }
}

function finish(body: KnownBlock[], fallback: string, lang: Lang, preface: KnownBlock[], tail: KnownBlock[]): SlackMessage {
  return {
    text: escapeMrkdwn(fallback).slice(0, LIMITS.fallbackText),
    blocks: fitBlocks([...preface, ...body], tail, t(lang).truncated, LIMITS.messageBlocks),
  };
}

export function helpBlocks(lang: Lang): KnownBlock[] {
  const s = t(lang);
  return [header(s.helpTitle), section(s.helpIntro), ...sections(undefined, [...s.helpLines, ...s.dmAndShortcutHelpLines].map((line) => `• ${line}`)), context(s.helpLegend)];
}

function entryLine(entry: Entry, lang: Lang, stale = false): string {
  return `• *${escapeMrkdwn(entry.name[lang])}*${stale ? ` ${t(lang).staleMark}` : ''}: \`/notech ${entry.id}\``;
}

/** Every topic by kind; with `now`, entries overdue for a check are marked (and the mark explained). */
export function listBlocks(knowledge: Knowledge, lang: Lang, now?: Date): KnownBlock[] {
  const s = t(lang);
  const blocks: KnownBlock[] = [header(s.listTitle), context(s.listIntro)];
  for (const kind of ENTRY_KINDS) {
    const entries = knowledge.entries.filter((entry) => entry.kind === kind);
    if (entries.length === 0) continue;
    blocks.push(...sections(`*${s.kindsPlural[kind]}*`, entries.map((entry) => entryLine(entry, lang, entryIsStale(entry, knowledge, now)))));
  }
  const anyStale = knowledge.entries.some((entry) => entryIsStale(entry, knowledge, now));
  blocks.push(context(`${s.knowledgeVersion} v${knowledge.version}`, ...(anyStale ? [s.staleLegend] : [])));
  return blocks;
}

export function versionBlocks(knowledge: Knowledge, lang: Lang): KnownBlock[] {
  const s = t(lang);
  const releases = [...knowledge.data.changelog].reverse().slice(0, 10);
  return [
    header(`${s.versionTitle} ${knowledge.version}`),
    section(s.versionLine(knowledge.version, formatPartialDate(knowledge.data.updated, lang), knowledge.entries.length)),
    ...sections(undefined, releases.map((release) => releaseLines(release, knowledge, lang))),
  ];
}

function resultBlocks(words: string, entries: Entry[], lang: Lang): KnownBlock[] {
  const s = t(lang);
  const quoted = quoteUserText(words);
  if (entries.length === 0) return [section(`${s.noResults(quoted)}\n${s.tryNext}`)];
  return [
    section(`*${s.resultsTitle(quoted)}*`),
    ...sections(
      undefined,
      entries.map((entry, i) => `${i + 1}. *${escapeMrkdwn(entry.name[lang])}*: ${escapeMrkdwn(entry.summary[lang])}\n      \`/notech ${entry.id}\``),
    ),
  ];
}

function didYouMeanBlocks(text: string, suggestions: Entry[], lang: Lang): KnownBlock[] {
  const s = t(lang);
  const quoted = quoteUserText(text);
  if (suggestions.length === 0) return [section(`${s.noTopic(quoted)} ${s.nothingClose}\n${s.tryNext}`)];
  return [section(`${s.noTopic(quoted)} ${s.didYouMean}`), ...openEach(suggestions, lang)];
}

/** A sentence that names several topics: say so, and offer each (its command and a button). */
function namedTopicsBlocks(text: string, entries: Entry[], lang: Lang): KnownBlock[] {
  return [section(t(lang).namedTopics(quoteUserText(text), entries.length)), ...openEach(entries, lang)];
}

/** One line per entry with its `/notech id`, and a button that opens each card. */
export function openEach(entries: Entry[], lang: Lang): KnownBlock[] {
  return [
    ...sections(undefined, entries.map((entry) => entryLine(entry, lang))),
    actions(
      'notech_suggestions',
      entries.map((entry, i) => openButton(entry.name[lang], entry.id, lang, i)),
    ),
  ];
}
