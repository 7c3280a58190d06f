/**
 * What changed between two versions of the knowledge file, by entry id: the one place that
 * decides what a release's `added`, `changed` and `removed` lists must be. Used by
 * `npm run knowledge:release` (to write them) and `npm run knowledge:check -- --against`
 * (to hold a release to them).
 *
 * Both sides are read as plain JSON, not through today's schema: the older side may be a
 * release made before a field existed (sources without `kind`, no `reviewEveryDays`), and a
 * working file with a new entry is not valid until its release is written. Only what a diff
 * needs is required: an object with an `entries` list whose items have string ids.
 */
import { compareVersions } from './crosscheck.js';
import { formatPath, isRecord, type Problem } from './problems.js';
import type { KnowledgeData } from './schema.js';

/** A knowledge file as JSON, indexed by id. */
export interface Snapshot {
  raw: Record<string, unknown>;
  /** `version` when it is a string. */
  version: string | undefined;
  /** Entries by id, in file order. */
  entries: Map<string, Record<string, unknown>>;
  sources: Map<string, unknown>;
  /** The versions its changelog lists. */
  releasedVersions: Set<string>;
}

/** Fields that describe a release rather than the data: a change to them alone is not a change. */
const RELEASE_FIELDS = ['$schema', 'version', 'updated', 'changelog'];
/** Compared item by item, by id (their order in the file is not data: nothing reads it). */
const BY_ID = ['entries', 'sources'];
const NOT_COMPARED_WHOLE = new Set([...RELEASE_FIELDS, ...BY_ID]);

const utf8 = new TextDecoder('utf-8');

/** Reads a knowledge file's bytes or text (a byte-order mark is dropped) for diffing; no schema. */
export function readSnapshot(input: string | Uint8Array): { ok: true; snapshot: Snapshot } | { ok: false; problems: Problem[] } {
  const text = typeof input === 'string' ? input.replace(/^\uFEFF/, '') : utf8.decode(input);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [{ path: '', message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  if (!isRecord(raw)) return { ok: false, problems: [{ path: '', message: 'must be a JSON object' }] };
  const problems: Problem[] = [];
  const byId = (key: 'entries' | 'sources') => {
    const list = raw[key] ?? [];
    const map = new Map<string, Record<string, unknown>>();
    if (!Array.isArray(list)) {
      problems.push({ path: key, message: 'must be a list' });
      return map;
    }
    list.forEach((item: unknown, index) => {
      if (isRecord(item) && typeof item.id === 'string') map.set(item.id, item);
      else problems.push({ path: formatPath([key, index]), message: 'must be an object with a string "id"' });
    });
    return map;
  };
  const entries = byId('entries');
  const sources = byId('sources');
  if (problems.length > 0) return { ok: false, problems };
  const changelog = Array.isArray(raw.changelog) ? (raw.changelog as unknown[]) : [];
  const releasedVersions = new Set(changelog.flatMap((release) => (isRecord(release) && typeof release.version === 'string' ? [release.version] : [])));
  return { ok: true, snapshot: { raw, version: typeof raw.version === 'string' ? raw.version : undefined, entries, sources, releasedVersions } };
}

/** JSON with object keys sorted, so moving a key is not a change; list order still is. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    isRecord(inner) ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : inner,
  );
}

/** The source ids an entry's facts and figures cite, read leniently. */
function citedSources(entry: Record<string, unknown>): string[] {
  const cited: string[] = [];
  for (const key of ['facts', 'figures']) {
    const items = entry[key];
    if (!Array.isArray(items)) continue;
    for (const item of items) {
      if (isRecord(item) && Array.isArray(item.sources)) cited.push(...item.sources.filter((id): id is string => typeof id === 'string'));
    }
  }
  return cited;
}

export interface KnowledgeDiff {
  /** Entry ids only in the newer file, in its order. */
  added: string[];
  /**
   * Entry ids in both whose JSON differs in any way (key order aside), or that cite a source
   * whose JSON differs; in the newer file's order.
   */
  changed: string[];
  /** Entry ids only in the older file, in its order. */
  removed: string[];
  /** True when anything but the release fields (version, updated, changelog, $schema) differs. */
  dataChanged: boolean;
}

/** The difference from `base` (the last release) to `next` (the file being released or checked). */
export function diffKnowledge(base: Snapshot, next: Snapshot): KnowledgeDiff {
  const changedSources = new Set<string>();
  for (const id of new Set([...base.sources.keys(), ...next.sources.keys()])) {
    if (canonical(base.sources.get(id)) !== canonical(next.sources.get(id))) changedSources.add(id);
  }
  const added: string[] = [];
  const changed: string[] = [];
  for (const [id, entry] of next.entries) {
    const before = base.entries.get(id);
    if (before === undefined) added.push(id);
    else if (canonical(before) !== canonical(entry) || citedSources(entry).some((source) => changedSources.has(source))) changed.push(id);
  }
  const removed = [...base.entries.keys()].filter((id) => !next.entries.has(id));
  const otherKeys = new Set([...Object.keys(base.raw), ...Object.keys(next.raw)].filter((key) => !NOT_COMPARED_WHOLE.has(key)));
  const otherChanged = [...otherKeys].some((key) => canonical(base.raw[key]) !== canonical(next.raw[key]));
  const dataChanged = added.length + changed.length + removed.length + changedSources.size > 0 || otherChanged;
  return { added, changed, removed, dataChanged };
}

/**
 * Whether `next`'s newest changelog release tells the truth about the change from `base`:
 * when the data changed, `version` is greater than the base's, the newest release is not one
 * the base already has, and its added/changed/removed lists are exactly the computed ids.
 * No data change: no problems. `baseName` names the base in messages (a path or a commit).
 * Returns the computed diff with the problems.
 */
export function checkRelease(base: Snapshot, next: Snapshot, data: KnowledgeData, baseName: string): { diff: KnowledgeDiff; problems: Problem[] } {
  const diff = diffKnowledge(base, next);
  const problems: Problem[] = [];
  if (!diff.dataChanged) return { diff, problems };
  const fix = 'run `npm run knowledge:release -- <major|minor|patch> "<note>" "<ملاحظة>"` to write the release';
  const index = data.changelog.length - 1;
  const newest = data.changelog[index]!;
  if (base.version !== undefined && compareVersions(data.version, base.version) <= 0) {
    problems.push({ path: 'version', message: `the data changed since ${baseName} (version ${base.version}), so version must be greater than ${base.version}, not ${data.version}; ${fix}` });
    return { diff, problems };
  }
  if (base.releasedVersions.has(newest.version)) {
    problems.push({ path: formatPath(['changelog', index]), message: `the data changed since ${baseName}, which already has release ${newest.version}; add a new release; ${fix}` });
    return { diff, problems };
  }
  for (const list of ['added', 'changed', 'removed'] as const) {
    const listed = new Set(newest[list]);
    const computed = new Set(diff[list]);
    const path = formatPath(['changelog', index, list]);
    const missing = diff[list].filter((id) => !listed.has(id));
    const extra = newest[list].filter((id) => !computed.has(id));
    if (missing.length > 0) problems.push({ path, message: `misses ${quoteAll(missing)}, ${list} since ${baseName}; ${fix}` });
    if (extra.length > 0) problems.push({ path, message: `lists ${quoteAll(extra)}, not ${list} since ${baseName}; ${fix}` });
  }
  return { diff, problems };
}

const quoteAll = (ids: string[]) => ids.map((id) => `"${id}"`).join(', ');
