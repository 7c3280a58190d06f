/** What a digest says, as pure functions of the knowledge and one channel's history. */
import { compareVersions } from '../knowledge/crosscheck.js';
import type { Knowledge } from '../knowledge/knowledge.js';
import type { ChangelogRelease, Entry } from '../knowledge/schema.js';

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

export interface DigestPlan {
  knowledge: Knowledge;
  releases: ChangelogRelease[];
  spotlight?: Entry;
  shownAfter: string[];
  lastVersion?: string;
}

export function planDigest(knowledge: Knowledge, channel: { lastVersion?: string; spotlightShown: readonly string[] }): DigestPlan {
  const spotlight = nextSpotlight(knowledge.entries, channel.spotlightShown);
  return {
    knowledge,
    releases: changesSince(knowledge.data.changelog, channel.lastVersion),
    ...(spotlight ? { spotlight: spotlight.entry } : {}),
    shownAfter: spotlight?.shownAfter ?? [],
    ...(channel.lastVersion ? { lastVersion: channel.lastVersion } : {}),
  };
}
