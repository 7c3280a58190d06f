/**
 * Writing a release into a knowledge file, pure: the version bump, the changelog release from a
 * computed diff (diff.ts), and the file's text. `npm run knowledge:release` (release-cli.ts)
 * reads, validates and writes around it.
 */
import type { KnowledgeDiff } from './diff.js';
import type { Bilingual } from './schema.js';

export const RELEASE_PARTS = ['major', 'minor', 'patch'] as const;
export type ReleasePart = (typeof RELEASE_PARTS)[number];

/** `1.1.0` bumped by `minor` is `1.2.0` (semver: the parts after the bumped one go to 0). */
export function bumpVersion(version: string, part: ReleasePart): string {
  const [major = 0, minor = 0, patch = 0] = version.split('.').map(Number);
  if (part === 'major') return `${major + 1}.0.0`;
  if (part === 'minor') return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

/**
 * The knowledge file (as JSON) with a release appended: `version` bumped by `part`, `updated`
 * and the release's `date` set to `today` (YYYY-MM-DD), and the diff's ids as the release's
 * lists. Every other key keeps its place; `raw` is not modified.
 */
export function withRelease(
  raw: Record<string, unknown>,
  diff: KnowledgeDiff,
  release: { part: ReleasePart; note: Bilingual; today: string },
): Record<string, unknown> {
  const version = bumpVersion(String(raw.version), release.part);
  const changelog = Array.isArray(raw.changelog) ? raw.changelog : [];
  return {
    ...raw,
    version,
    updated: release.today,
    changelog: [
      ...changelog,
      { version, date: release.today, added: diff.added, changed: diff.changed, removed: diff.removed, note: release.note },
    ],
  };
}

/**
 * The file's text as maintainers keep it: JSON indented by 2 spaces, non-ASCII written as is,
 * ending in a newline when `previousText` did.
 */
export function knowledgeText(raw: Record<string, unknown>, previousText: string): string {
  return JSON.stringify(raw, null, 2) + (previousText.endsWith('\n') ? '\n' : '');
}
