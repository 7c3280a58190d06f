/**
 * The weekly digest message: the week and knowledge version, what is new since the version the
 * channel last received, one spotlighted entry, and how to ask. Channels that chose Arabic get
 * both languages, Arabic first.
 */
import type { KnownBlock } from '@slack/types';
import type { Knowledge } from '../knowledge/knowledge.js';
import type { Lang } from './strings/index.js';
import type { ChangelogRelease, Entry } from '../knowledge/schema.js';
import { context, divider, fitBlocks, header, section, sections } from './blocks.js';
import { figureWithNote, levelNote } from './card.js';
import { escapeMrkdwn } from './escape.js';
import { formatPartialDate } from './format.js';
import { t } from './strings/index.js';
import { LIMITS } from './limits.js';
import { releaseLines } from './release.js';
import type { SlackMessage } from './types.js';

/** What one channel's digest says; src/digest decides it (content.ts) from the channel's history. */
export interface DigestContent {
  knowledge: Knowledge;
  /** Releases since the channel's last digest, oldest first. */
  releases: readonly ChangelogRelease[];
  spotlight?: Entry;
  /** The version the channel last received, if any. */
  lastVersion?: string;
}

function languageSection(plan: DigestContent, lang: Lang): KnownBlock[] {
  const text = t(lang).digest;
  const { knowledge } = plan;
  const blocks: KnownBlock[] = [];
  if (plan.releases.length === 0) blocks.push(section(`${text.whatsNew(plan.lastVersion)}\n${text.nothingNew(knowledge.version)}`));
  else blocks.push(...sections(text.whatsNew(plan.lastVersion), plan.releases.slice().reverse().map((release) => releaseLines(release, knowledge, lang))));
  if (plan.spotlight) {
    const entry = plan.spotlight;
    const figure = entry.figures[0];
    const figureLine = figure
      ? `\n• ${figureWithNote(figure, lang, (dated) => levelNote(dated, lang))}`
      : '';
    blocks.push(section(`${text.spotlight}\n*${escapeMrkdwn(entry.name[lang])}*: ${escapeMrkdwn(entry.summary[lang])}${figureLine}\n\`/notech ${entry.id}\``));
  }
  blocks.push(context(text.ask));
  return blocks;
}

/** Monday of the week containing `date`, in the channel's time zone, as "23 November 2026". */
export function weekOf(date: Date, timezone: string, lang: Lang): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short' }).formatToParts(date);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday'));
  const local = new Date(Date.UTC(Number(get('year')), Number(get('month')) - 1, Number(get('day')) - Math.max(weekday, 0)));
  return formatPartialDate(local.toISOString().slice(0, 10), lang);
}

export function digestMessage(plan: DigestContent, options: { lang: Lang; at: Date; timezone: string }): SlackMessage {
  const langs: Lang[] = options.lang === 'ar' ? ['ar', 'en'] : ['en'];
  const primary = langs[0]!;
  const title = t(primary).digest.title(weekOf(options.at, options.timezone, primary));
  const body: KnownBlock[] = [header(title), context(`${t(primary).knowledgeVersion} v${plan.knowledge.version}`)];
  langs.forEach((lang, i) => {
    if (i > 0) body.push(divider());
    body.push(...languageSection(plan, lang));
  });
  return { text: escapeMrkdwn(title), blocks: fitBlocks(body, [], t(primary).truncated, LIMITS.messageBlocks) };
}
