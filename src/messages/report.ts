/**
 * "Report a problem" (issue 15, the trust loop): the card's button, the modal that asks what is
 * wrong, the report as the maintainers' channel sees it, and the reporter's confirmation. Pure:
 * the Slack adapter (slack/listeners/actions/report.ts, slack/listeners/views/report.ts) opens,
 * reads and sends these.
 *
 * Privacy: the modal's private_metadata carries the entry id and the card's language only. The
 * report names its reporter (`<@U…>`) only when they chose "with my name"; everything they typed
 * is escaped, so `<!channel>`, `@here` or `<@U…>` in a report pings nobody.
 */
import type { Button, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { Knowledge } from '../knowledge/knowledge.js';
import type { Lang } from '../knowledge/normalize.js';
import type { Entry } from '../knowledge/schema.js';
import { clip, context, plainText, section } from './blocks.js';
import { ACTION_IDS, reportProblemButton } from './buttons.js';
import { escapeMrkdwn, link } from './escape.js';
import { formatFigureValue } from './format.js';
import { t } from './i18n.js';
import { LIMITS } from './limits.js';
import type { SlackMessage } from './types.js';

/** The report modal's contract: ids Slack sends back in view_submission, and its limits. */
export const REPORT = {
  actionId: ACTION_IDS.report,
  callbackId: 'notech_report_submit',
  blocks: { fact: 'report_fact', text: 'report_text', url: 'report_url', who: 'report_who' },
  /** Each input block's element is named after its block. */
  element: 'value',
  who: { anonymous: 'anonymous', named: 'named' },
  /** Characters of "what is wrong" (the input's max_length; Slack enforces it, the adapter clips too). */
  textMax: 2000,
  /** Characters of the optional source URL. */
  urlMax: 500,
  /** Slack's limit on an option's text (plain_text, characters). */
  optionText: 75,
  /** Slack's limit on a static_select's options; "something else" takes one. */
  options: 100,
  /** Reports one person may send in an hour (counted in memory by a keyed hash of their user id). */
  perHour: 5,
} as const;

/** The "Report a problem" button of a card about `entryId` (its value: the same shape as Share's). */
export function reportButton(entryId: string, lang: Lang): Button {
  return reportProblemButton(t(lang).reportProblem, entryId, lang);
}

/** What the modal carries through Slack and back: nothing about the person. */
export interface ReportMetadata {
  id: string;
  lang: Lang;
}

/** The metadata of a report modal, or undefined when it is not ours (forged, or from an older version). */
export function readReportMetadata(raw: unknown): ReportMetadata | undefined {
  if (typeof raw !== 'string' || raw.length > 300) return undefined;
  try {
    const parsed = JSON.parse(raw) as { id?: unknown; lang?: unknown };
    if (typeof parsed.id !== 'string' || !/^[a-z0-9-]{1,100}$/.test(parsed.id) || (parsed.lang !== 'en' && parsed.lang !== 'ar')) return undefined;
    return { id: parsed.id, lang: parsed.lang };
  } catch {
    return undefined;
  }
}

/** A fact or figure the modal offers, by its JSON path in the knowledge file. */
interface Reportable {
  path: string;
  label: string;
}

/** The entry's figures then facts (the cards' order), each with its JSON path, e.g. `entries[2].facts[1]`. */
function reportables(entry: Entry, index: number, lang: Lang): Reportable[] {
  return [
    ...entry.figures.map((figure, i) => ({ path: `entries[${index}].figures[${i}]`, label: `${formatFigureValue(figure, lang)}: ${figure.label[lang]}` })),
    ...entry.facts.map((fact, i) => ({ path: `entries[${index}].facts[${i}]`, label: fact.text[lang] })),
  ];
}

const option = (text: string, value: string): PlainTextOption => ({ text: { type: 'plain_text', text: clip(plainText(text), REPORT.optionText), emoji: true }, value });

const plain = (text: string) => ({ type: 'plain_text' as const, text: clip(text, LIMITS.viewTitle), emoji: true });

/**
 * The "Report a problem" modal for `entry` (at `index` in the knowledge file's `entries`):
 * which fact or figure (labels cut to 75 characters; values are JSON paths; "something else" is
 * the entry's own path), what is wrong (at most 2,000 characters), an optional https source,
 * and whether to send it anonymously (the default) or with the person's name.
 */
export function reportModal(entry: Entry, index: number, lang: Lang): ModalView {
  const s = t(lang);
  const choices = reportables(entry, index, lang).slice(0, REPORT.options - 1).map((item) => option(item.label, item.path));
  const anonymous = option(s.reportAnonymous, REPORT.who.anonymous);
  const blocks: KnownBlock[] = [
    section(s.reportIntro(escapeMrkdwn(entry.name[lang]))),
    {
      type: 'input',
      block_id: REPORT.blocks.fact,
      label: plain(s.reportWhich),
      element: { type: 'static_select', action_id: REPORT.element, options: [...choices, option(s.reportSomethingElse, `entries[${index}]`)] },
    },
    {
      type: 'input',
      block_id: REPORT.blocks.text,
      label: plain(s.reportWhat),
      element: { type: 'plain_text_input', action_id: REPORT.element, multiline: true, max_length: REPORT.textMax },
    },
    {
      type: 'input',
      block_id: REPORT.blocks.url,
      optional: true,
      label: { type: 'plain_text', text: s.reportUrl, emoji: true },
      element: { type: 'plain_text_input', action_id: REPORT.element, max_length: REPORT.urlMax, placeholder: { type: 'plain_text', text: s.reportUrlHint } },
    },
    {
      type: 'input',
      block_id: REPORT.blocks.who,
      label: plain(s.reportWho),
      element: { type: 'radio_buttons', action_id: REPORT.element, options: [anonymous, option(s.reportNamed, REPORT.who.named)], initial_option: anonymous },
    },
  ];
  return {
    type: 'modal',
    callback_id: REPORT.callbackId,
    private_metadata: JSON.stringify({ id: entry.id, lang } satisfies ReportMetadata),
    title: plain(s.reportTitle),
    submit: plain(s.reportSubmit),
    close: plain(s.reportCancel),
    blocks,
  };
}

/**
 * The source URL a reporter offered, cleaned: undefined when empty, `false` when it is not a
 * well-formed https URL with a host (the modal then shows a field error), else the URL as
 * parsed. A URL that would need characters Slack treats as markup (< > | or spaces) is refused.
 */
export function checkSourceUrl(raw: string | null | undefined): string | undefined | false {
  const text = (raw ?? '').trim();
  if (text === '') return undefined;
  if (text.length > REPORT.urlMax || /[\s<>|]/.test(text)) return false;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || !url.hostname.includes('.') || url.username !== '' || url.password !== '') return false;
  return /[\s<>|]/.test(url.href) ? false : url.href;
}

const PATH = /^entries\[(\d{1,4})\](?:\.(facts|figures)\[(\d{1,4})\])?$/;

/**
 * What a JSON path chosen in the modal for entry `entryId` points at in `knowledge` now: the
 * path (its entry index as the file is now, should an edit have moved the entry since the modal
 * opened), and the fact's or figure's text in `lang` (none for the entry itself, "something
 * else"). Undefined for a path that is not one the modal offers, or that no longer exists.
 */
export function resolveReportPath(path: string, entryId: string, knowledge: Knowledge, lang: Lang): { path: string; entry: Entry; text?: string } | undefined {
  const match = PATH.exec(path);
  const index = knowledge.entries.findIndex((entry) => entry.id === entryId);
  const entry = knowledge.entries[index];
  if (!match || !entry) return undefined;
  if (match[2] === undefined) return { path: `entries[${index}]`, entry };
  const item = Number(match[3]);
  const at = `entries[${index}].${match[2]}[${item}]`;
  if (match[2] === 'facts') {
    const fact = entry.facts[item];
    return fact ? { path: at, entry, text: fact.text[lang] } : undefined;
  }
  const figure = entry.figures[item];
  return figure ? { path: at, entry, text: `${formatFigureValue(figure, lang)}: ${figure.label[lang]}` } : undefined;
}

/** Text escaped for mrkdwn, cut into pieces of at most `max` characters without splitting an entity (&amp; &lt; &gt;). */
export function escapedPieces(text: string, max: number): string[] {
  const escaped = escapeMrkdwn(text);
  const pieces: string[] = [];
  let rest = escaped;
  while (rest.length > max) {
    let cut = max;
    const amp = rest.lastIndexOf('&', cut - 1);
    if (amp > cut - 5 && !rest.slice(amp, cut).includes(';')) cut = amp;
    // Never split a surrogate pair (emoji, some scripts).
    if (/[\uD800-\uDBFF]/.test(rest[cut - 1] ?? '')) cut -= 1;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest !== '') pieces.push(rest);
  return pieces;
}

export interface Report {
  /** The entry id the modal was opened for (its private_metadata). */
  entryId: string;
  /** The card's language: the fact's text is quoted in it. */
  lang: Lang;
  /** The JSON path chosen in the modal, e.g. `entries[2].facts[1]`. */
  path: string;
  /** What the reporter wrote (at most REPORT.textMax characters are shown). */
  text: string;
  /** A checked https URL (checkSourceUrl), or undefined. */
  url?: string;
  /** The reporter's user id, only when they chose to include their name. */
  reporter?: string;
}

/**
 * The report as posted to the maintainers' channel (MAINTAINERS_CHANNEL), in English with the
 * fact quoted in the card's language: the entry, the JSON path and the fact as it stands now,
 * what the reporter wrote and the source they offered (escaped: nothing in it pings or links
 * anyone but the offered https URL), and who sent it only if they chose so.
 */
export function reportMessage(report: Report, knowledge: Knowledge): SlackMessage {
  const s = t('en');
  const entry = knowledge.entry(report.entryId);
  const target = resolveReportPath(report.path, report.entryId, knowledge, report.lang);
  const name = entry ? escapeMrkdwn(entry.name.en) : escapeMrkdwn(report.entryId);
  const id = escapeMrkdwn(report.entryId).replace(/`/g, "'");
  const factLine = target
    ? `*${s.reportFact}:* \`${target.path}\`${target.text === undefined ? ` (${s.reportSomethingElse.toLowerCase()})` : `\n${escapeMrkdwn(target.text)}`}`
    : `*${s.reportFact}:* \`${report.path.replace(/[^\w.[\]]/g, '').slice(0, 100)}\` (${s.reportPathGone})`;
  // Only a Slack user id becomes a mention; anything else in its place is dropped (the report stays anonymous).
  const reporter = report.reporter !== undefined && /^[UW][A-Z0-9]{2,30}$/.test(report.reporter) ? report.reporter : undefined;
  // What the reporter wrote, escaped then cut between entities: 2,000 characters of "<" become 8,000.
  const written = escapedPieces(report.text.slice(0, REPORT.textMax), LIMITS.sectionText - 100);
  const blocks: KnownBlock[] = [
    section(s.reportHeading(name, id)),
    section(factLine),
    section(`*${s.reportWrong}:*`),
    ...written.map((piece) => section(piece)),
    section(`*${s.reportSource}:* ${report.url === undefined ? `_${s.reportNoSource}_` : link(report.url, report.url)}`),
    context(`${reporter === undefined ? s.reportByAnonymous : s.reportBy(`<@${reporter}>`)} · ${s.reportFromCard(report.lang)} · ${s.knowledgeVersion} v${knowledge.version}`),
  ];
  return { text: clip(s.reportHeading(name, id), LIMITS.fallbackText), blocks };
}

const notice = (text: string): SlackMessage => ({ text, blocks: [section(text)] });

/** The reporter's private confirmation, in the card's language. */
export function reportThanks(entryName: string, lang: Lang): SlackMessage {
  return notice(t(lang).reportThanks(escapeMrkdwn(entryName)));
}

/** Said privately when the report could not be posted to the maintainers' channel. */
export function reportFailedNotice(lang: Lang): SlackMessage {
  return notice(t(lang).reportFailed);
}

/** Said privately when Slack did not open the report window (an expired trigger_id). */
export function reportNotOpenedNotice(lang: Lang): SlackMessage {
  return notice(t(lang).reportNotOpened);
}
