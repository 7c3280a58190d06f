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

export function homeBlocks(knowledge: Knowledge): KnownBlock[] {
  const { en, ar } = STRINGS;
  const release = knowledge.latestRelease;
  const blocks: KnownBlock[] = [
    header('NoTech'),
    section(`${en.helpIntro}\n${ar.helpIntro}`),
    context(`${en.knowledgeVersion} v${knowledge.version} · ${formatPartialDate(knowledge.data.updated, 'en')} · ${en.home.topics(knowledge.entries.length)}`),
    section(`*${en.home.whatsNew} · ${ar.home.whatsNew}*\n${releaseLines(release, knowledge, 'en')}\n${releaseLines(release, knowledge, 'ar')}`),
    divider(),
    header(`${en.home.howToAsk} · ${ar.home.howToAsk}`),
    ...sections(undefined, en.helpLines.map((line) => `• ${line}`)),
    ...sections(undefined, ar.helpLines.map((line) => `• ${line}`)),
    context(en.helpLegend),
    context(ar.helpLegend),
  ];
  for (const kind of ENTRY_KINDS) {
    const entries = knowledge.entries.filter((entry) => entry.kind === kind);
    if (entries.length === 0) continue;
    blocks.push(divider(), header(`${en.kindsPlural[kind]} · ${ar.kindsPlural[kind]}`));
    for (const entry of entries) {
      blocks.push(
        section(`*${escapeMrkdwn(entry.name.en)}* · ${escapeMrkdwn(entry.name.ar)}\n${escapeMrkdwn(entry.summary.en)}`),
        actions(`home_${entry.id}`, [openButton(en.home.open, entry.id, 'en', 0), openButton(ar.home.open, entry.id, 'ar', 1)]),
      );
    }
  }
  return fitBlocks(blocks, [], en.truncated, LIMITS.surfaceBlocks, LIMITS.surfaceJson);
}

export class HomeViews {
  private cache?: { knowledge: Knowledge; view: HomeView };

  forKnowledge(knowledge: Knowledge): HomeView {
    if (this.cache?.knowledge !== knowledge) this.cache = { knowledge, view: { type: 'home', blocks: homeBlocks(knowledge) } };
    return this.cache.view;
  }
}
