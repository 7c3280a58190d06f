/**
 * One changelog release as a few lines of mrkdwn: version, date, note, and the entries it
 * added, changed and removed. Shared by `/notech version`, the App Home and the digest.
 */
import type { Knowledge } from '../knowledge/knowledge.js';
import type { Lang } from './strings/index.js';
import type { ChangelogRelease } from '../knowledge/schema.js';
import { escapeMrkdwn } from './escape.js';
import { formatPartialDate } from './format.js';
import { t } from './strings/index.js';

/** At most this many names per list in a release; the rest are counted ("and 12 more"). */
const NAMES_PER_LIST = 12;

/** Entries are named in `lang` from `knowledge`; a removed entry (no longer there) by its id. */
export function releaseLines(release: ChangelogRelease, knowledge: Knowledge, lang: Lang): string {
  const s = t(lang);
  const names = (ids: string[], toName: (id: string) => string) => {
    const shown = ids.slice(0, NAMES_PER_LIST).map(toName).join(s.listSeparator);
    return ids.length > NAMES_PER_LIST ? `${shown} ${s.andMore(ids.length - NAMES_PER_LIST)}` : shown;
  };
  const name = (id: string) => escapeMrkdwn(knowledge.entry(id)?.name[lang] ?? id);
  const parts = [`*${release.version}* (${formatPartialDate(release.date, lang)}): ${escapeMrkdwn(release.note[lang])}`];
  if (release.added.length > 0) parts.push(`      ${s.added}: ${names(release.added, name)}`);
  if (release.changed.length > 0) parts.push(`      ${s.changed}: ${names(release.changed, name)}`);
  if (release.removed.length > 0) parts.push(`      ${s.removed}: ${names(release.removed, escapeMrkdwn)}`);
  return parts.join('\n');
}
