/** What a digest says, as pure functions of the knowledge and one channel's history. */
import { compareVersions } from '../knowledge/crosscheck.js';
import type { Knowledge } from '../knowledge/knowledge.js';
import type { Lang } from '../messages/strings/index.js';
import { isStale } from '../knowledge/review.js';
import type { ChangelogRelease, Entry } from '../knowledge/schema.js';
import { digestMessage, type DigestContent } from '../messages/digest.js';
import type { SlackMessage } from '../messages/types.js';

/**
 * Releases newer than the version this channel last received, oldest first. A channel's first
 * digest shows the latest release's changes.
 */
export function changesSince(changelog: readonly ChangelogRelease[], lastVersion: string | undefined): ChangelogRelease[] {
  if (lastVersion === undefined) return changelog.slice(-1);
  return changelog.filter((release) => compareVersions(release.version, lastVersion) > 0);
}

/**
 * The next entry to spotlight: the first, in knowledge order, not yet shown in this channel.
 * When every entry has been shown, a new round starts. Ids of removed entries are ignored.
 */
export function nextSpotlight(entries: readonly Entry[], shown: readonly string[]): { entry: Entry; shownAfter: string[] } | undefined {
  if (entries.length === 0) return undefined;
  const current = new Set(entries.map((entry) => entry.id));
  const seen = shown.filter((id) => current.has(id));
  const seenSet = new Set(seen);
  const candidate = entries.find((entry) => !seenSet.has(entry.id));
  if (candidate) return { entry: candidate, shownAfter: [...seen, candidate.id] };
  const first = entries[0]!;
  return { entry: first, shownAfter: [first.id] };
}

export interface DigestPlan extends DigestContent {
  releases: ChangelogRelease[];
  /** The channel's spotlight history once this digest is delivered. */
  shownAfter: string[];
}

/**
 * What one channel's digest says at `at` (the run's time): the releases since its last digest
 * and a spotlight. A stale entry (past `verified` plus its review interval at `at`) is never the
 * spotlight: organizers repeat what a digest puts forward. With every entry stale, no spotlight.
 */
export function planDigest(knowledge: Knowledge, channel: { lastVersion?: string; spotlightShown: readonly string[] }, at: Date): DigestPlan {
  const fresh = knowledge.entries.filter((entry) => !isStale(entry, knowledge.data, at));
  const spotlight = nextSpotlight(fresh, channel.spotlightShown);
  return {
    knowledge,
    releases: changesSince(knowledge.data.changelog, channel.lastVersion),
    ...(spotlight ? { spotlight: spotlight.entry } : {}),
    shownAfter: spotlight?.shownAfter ?? [],
    ...(channel.lastVersion ? { lastVersion: channel.lastVersion } : {}),
  };
}

/**
 * One channel's digest: the plan (what to record once it is delivered) and the message.
 * `at` and `timezone` date the "week of" line; `lang` is the channel's language.
 */
export function composeDigest(
  knowledge: Knowledge,
  channel: { lastVersion?: string; spotlightShown: readonly string[] },
  options: { lang: Lang; at: Date; timezone: string },
): { plan: DigestPlan; message: SlackMessage } {
  const plan = planDigest(knowledge, channel, options.at);
  return { plan, message: digestMessage(plan, options) };
}
