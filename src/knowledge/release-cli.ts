/**
 * `npm run knowledge:release -- <major|minor|patch> "<note>" "<ملاحظة>" [--against <file>] [--today YYYY-MM-DD] [--file <file>]`
 *
 * Writes the next release of the knowledge file: computes which entries were added, changed and
 * removed since the last released version (diff.ts), bumps `version`, sets `updated` and appends
 * the changelog release with the English and Arabic notes. Refuses (exit 1) when nothing
 * changed, when a release is already pending, or when the result would not load.
 *
 * The last released version, unless `--against` names a file: the file as committed where
 * HEAD's `version` first appeared, i.e. walking the file's first-parent history back from HEAD
 * while `version` stays the same. Edits committed since then without a release are part of
 * the next release, so "edit, commit, edit, commit, release" lists them all.
 */
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { dayOption, isoDay, parseCommandLine, reportProblems, runCli, UsageError } from './cli.js';
import { diffKnowledge, readSnapshot } from './diff.js';
import { DEFAULT_KNOWLEDGE_FILE, parseKnowledge, readKnowledgeBytes } from './load.js';
import { knowledgeText, RELEASE_PARTS, withRelease, type ReleasePart } from './release.js';
import { ChangelogRelease } from './schema.js';

const USAGE =
  'usage: npm run knowledge:release -- <major|minor|patch> "<English note>" "<الملاحظة بالعربية>" [--against <file>] [--today YYYY-MM-DD] [--file <knowledge file>]';

function git(dir: string, args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
}

/** The last released version of `file` from git (see the header), or why there is none. */
function lastReleased(file: string): { ok: true; text: string; name: string } | { ok: false; reason: string } {
  const dir = dirname(file);
  const name = `./${basename(file)}`;
  let found: { text: string; commit: string; version: string | undefined } | undefined;
  try {
    const commits = git(dir, ['log', '--first-parent', '--format=%H', '--', name]).split('\n').filter(Boolean);
    for (const commit of commits) {
      const text = git(dir, ['show', `${commit}:${name}`]);
      const read = readSnapshot(text);
      const version = read.ok ? read.snapshot.version : undefined;
      if (found && version !== found.version) break;
      found = { text, commit, version };
    }
  } catch (error) {
    // Git missing, not a repository, or a commit where the file was deleted: what was read so far stands.
    if (!found) {
      const stderr = (error as { stderr?: string }).stderr?.trim();
      return { ok: false, reason: `cannot read the history of ${file} with git (${stderr || String(error)})` };
    }
  }
  if (!found) return { ok: false, reason: `no commit has ${file}` };
  return { ok: true, text: found.text, name: `commit ${found.commit.slice(0, 10)} (version ${found.version ?? '?'})` };
}

await runCli(USAGE, async () => {
  const { values, positionals } = parseCommandLine({
    against: { type: 'string' },
    today: { type: 'string' },
    file: { type: 'string' },
  });
  const [part, en, ar, ...rest] = positionals;
  if (part === undefined || en === undefined || ar === undefined || rest.length > 0) {
    throw new UsageError(`expected a part and two notes, got ${positionals.length} argument${positionals.length === 1 ? '' : 's'}`);
  }
  if (!(RELEASE_PARTS as readonly string[]).includes(part)) throw new UsageError(`the part must be major, minor or patch, not "${part}"`);
  // The notes are checked by the schema's own rule for release notes (one line, Arabic in Arabic script).
  const note = ChangelogRelease.shape.note.safeParse({ en, ar });
  if (!note.success) {
    throw new UsageError(note.error.issues.map((issue) => `${issue.path[0] === 'ar' ? 'the Arabic note' : 'the English note'} ${issue.message}`).join('\n'));
  }
  const today = isoDay(dayOption(values.today, '--today'));
  const file = values.file ?? DEFAULT_KNOWLEDGE_FILE;

  const bytes = await readKnowledgeBytes(file);
  if (!bytes.ok) return reportProblems(file, bytes.problems, 'no release made.');
  const workingText = bytes.bytes.toString('utf8');
  const working = readSnapshot(bytes.bytes);
  if (!working.ok) return reportProblems(file, working.problems, 'no release made.');

  let baseText: string;
  let baseName: string;
  if (values.against !== undefined) {
    const read = await readKnowledgeBytes(values.against);
    if (!read.ok) return reportProblems(values.against, read.problems, 'no release made.');
    baseText = read.bytes.toString('utf8');
    baseName = values.against;
  } else {
    const released = lastReleased(file);
    if (!released.ok) throw new UsageError(`${released.reason}; name the last released file with --against <file>`);
    baseText = released.text;
    baseName = released.name;
  }
  const base = readSnapshot(baseText);
  if (!base.ok) return reportProblems(baseName, base.problems, 'the last released version cannot be read; no release made.');

  if (working.snapshot.version !== base.snapshot.version) {
    console.error(
      `${file}: version is ${working.snapshot.version} but ${baseName} is ${base.snapshot.version}: a release is already written here. ` +
        'Commit it and release later changes separately, or undo its version, updated and changelog edits and run this again.',
    );
    return 1;
  }
  const diff = diffKnowledge(base.snapshot, working.snapshot);
  if (!diff.dataChanged) {
    console.error(`${file}: nothing changed since ${baseName}; no release made.`);
    return 1;
  }

  const released = withRelease(working.snapshot.raw, diff, { part: part as ReleasePart, note: note.data, today });
  const text = knowledgeText(released, workingText);
  const result = parseKnowledge(text);
  if (!result.ok) return reportProblems(file, result.problems, `${file}: the release would not load (problems above); nothing written.`);
  await writeFile(file, text);

  const list = (label: string, ids: string[]) => `  ${label}: ${ids.length > 0 ? ids.join(', ') : '(none)'}`;
  console.log(
    [
      `${file}: released ${result.knowledge.version} (${part}, since ${baseName}), dated ${today}`,
      list('added', diff.added),
      list('changed', diff.changed),
      list('removed', diff.removed),
    ].join('\n'),
  );
  return 0;
});
