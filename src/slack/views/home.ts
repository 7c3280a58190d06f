/**
 * The App Home tab: what the bot knows (topics by kind, each with buttons that open its card
 * privately), the knowledge version and its latest changes, and how to ask. Built once per
 * knowledge version, so a reload shows on the next visit without keeping any list of people.
 */
import type { HomeView, KnownBlock } from '@slack/types';
import type { Knowledge } from '../../knowledge/knowledge.js';
import { ENTRY_KINDS } from '../../knowledge/schema.js';
import { actions, context, divider, fitBlocks, header, section, sections } from '../../messages/blocks.js';
import { openButton } from '../../messages/buttons.js';
import { releaseLines } from '../../messages/release.js';
import { escapeMrkdwn } from '../../messages/escape.js';
import { formatPartialDate } from '../../messages/format.js';
import { STRINGS } from '../../messages/strings/index.js';
import { LIMITS } from '../../messages/limits.js';
import { entryIsStale, reviewDay } from '../../messages/review-dates.js';

/** The Home tab's blocks; with `now`, entries overdue for a check are marked ⏳ and a legend line says what that means. */
export function homeBlocks(knowledge: Knowledge, now?: Date): KnownBlock[] {
  const { en, ar } = STRINGS;
  const release = knowledge.latestRelease;
  const blocks: KnownBlock[] = [
    header('NoTech'),
    section(`${en.helpIntro}\n${ar.helpIntro}`),
    context(`${en.knowledgeVersion} v${knowledge.version} · ${formatPartialDate(knowledge.data.updated, 'en')} · ${en.home.topics(knowledge.entries.length)}`),
    section(`*${en.home.whatsNew} · ${ar.home.whatsNew}*\n${releaseLines(release, knowledge, 'en')}\n${releaseLines(release, knowledge, 'ar')}`),
    divider(),
    header(`${en.home.howToAsk} · ${ar.home.howToAsk}`),
    ...sections(undefined, [...en.helpLines, ...en.dmAndShortcutHelpLines].map((line) => `• ${line}`)),
    ...sections(undefined, [...ar.helpLines, ...ar.dmAndShortcutHelpLines].map((line) => `• ${line}`)),
    context(en.helpLegend),
    context(ar.helpLegend),
    ...(knowledge.entries.some((entry) => entryIsStale(entry, knowledge, now)) ? [context(en.staleLegend, ar.staleLegend)] : []),
  ];
  for (const kind of ENTRY_KINDS) {
    const entries = knowledge.entries.filter((entry) => entry.kind === kind);
    if (entries.length === 0) continue;
    blocks.push(divider(), header(`${en.kindsPlural[kind]} · ${ar.kindsPlural[kind]}`));
    for (const entry of entries) {
      blocks.push(
        section(`*${escapeMrkdwn(entry.name.en)}* · ${escapeMrkdwn(entry.name.ar)}${entryIsStale(entry, knowledge, now) ? ` ${en.staleMark}` : ''}\n${escapeMrkdwn(entry.summary.en)}`),
        actions(`home_${entry.id}`, [openButton(en.home.open, entry.id, 'en', 0), openButton(ar.home.open, entry.id, 'ar', 1)]),
      );
    }
  }
  return fitBlocks(blocks, [], en.truncated, LIMITS.surfaceBlocks, LIMITS.surfaceJson);
}

export class HomeViews {
  private cache?: { knowledge: Knowledge; day: string; view: HomeView };

  /** The Home view for `knowledge` on the UTC date of `now` (the stale marks change by the day). */
  forKnowledge(knowledge: Knowledge, now?: Date): HomeView {
    const day = reviewDay(now);
    if (this.cache?.knowledge !== knowledge || this.cache.day !== day) this.cache = { knowledge, day, view: { type: 'home', blocks: homeBlocks(knowledge, now) } };
    return this.cache.view;
  }
}
