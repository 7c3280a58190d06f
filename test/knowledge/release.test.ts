import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRelease, diffKnowledge, readSnapshot, type Snapshot } from '../../src/knowledge/diff.js';
import { bumpVersion } from '../../src/knowledge/release.js';
import { runKnowledgeCli } from '../helpers/cli.js';
import { rawKnowledge } from '../helpers/knowledge.js';
import { smallEntry, smallKnowledge, validated, type Loose } from '../helpers/small-knowledge.js';

function snapshot(raw: unknown): Snapshot {
  const read = readSnapshot(JSON.stringify(raw));
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  return read.snapshot;
}

const text = (raw: unknown) => `${JSON.stringify(raw, null, 2)}\n`;

/** The edit the release tests make: add delta, change beta's fact, change s-two (cited by alpha), remove gamma. */
function edited(raw: Loose): Loose {
  const next = structuredClone(raw);
  next.entries.push(smallEntry('delta', 'Deltacorp', 'دلتا', 's-one'));
  next.entries[1].facts[0].text.en = 'Betacorp signed two contracts.';
  next.sources[1].title = 'Report s-two, corrected';
  next.entries = next.entries.filter((entry: Loose) => entry.id !== 'gamma');
  return next;
}

describe('diffKnowledge', () => {
  it('finds added, changed (also through a cited source) and removed entries', () => {
    const base = smallKnowledge();
    expect(diffKnowledge(snapshot(base), snapshot(edited(base)))).toEqual({ added: ['delta'], changed: ['alpha', 'beta'], removed: ['gamma'], dataChanged: true });
  });

  it('sees any change inside an entry, and none in key order, entry order or release fields', () => {
    const base = smallKnowledge();
    const same = structuredClone(base);
    same.entries.reverse();
    same.entries[0] = Object.fromEntries(Object.entries(same.entries[0] as object).reverse());
    same.version = '1.0.1';
    same.updated = '2026-02-02';
    same.changelog.push({ ...same.changelog[0], version: '1.0.1' });
    expect(diffKnowledge(snapshot(base), snapshot(same))).toEqual({ added: [], changed: [], removed: [], dataChanged: false });

    for (const edit of [
      (d: Loose) => (d.entries[2].verified = '2026-01-02'),
      (d: Loose) => (d.entries[2].related = ['alpha']),
      (d: Loose) => (d.entries[2].facts[0].sources = ['s-one', 's-two']),
      (d: Loose) => (d.entries[2].aliases.ar.push('غ')),
    ]) {
      const next = structuredClone(base);
      edit(next);
      expect(diffKnowledge(snapshot(base), snapshot(next)).changed).toEqual(['gamma']);
    }
    const interval = structuredClone(base);
    interval.reviewEveryDays = 90;
    expect(diffKnowledge(snapshot(base), snapshot(interval))).toEqual({ added: [], changed: [], removed: [], dataChanged: true });
  });

  it('finds exactly the entries kept, edited, removed and added, whatever the mix and key order (property)', () => {
    const fate = fc.constantFrom('keep', 'edit', 'remove', 'shuffle-keys');
    fc.assert(
      fc.property(fc.array(fate, { minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: 3 }), (fates, newCount) => {
        const ids = fates.map((_, i) => `e-${i}`);
        const base = { version: '1.0.0', sources: [{ id: 's' }], entries: ids.map((id) => ({ id, facts: [{ text: id, sources: ['s'] }], verified: '2026-01-01' })) };
        const next: Loose = structuredClone(base);
        next.entries = next.entries.flatMap((entry: Loose, i: number) => {
          if (fates[i] === 'remove') return [];
          if (fates[i] === 'edit') entry.facts[0].text += '!';
          return [fates[i] === 'shuffle-keys' ? Object.fromEntries(Object.entries(entry).reverse()) : entry];
        });
        const added = Array.from({ length: newCount }, (_, i) => `new-${i}`);
        next.entries.push(...added.map((id) => ({ id, facts: [], verified: '2026-01-01' })));
        const diff = diffKnowledge(snapshot(base), snapshot(next));
        expect(diff.added).toEqual(added);
        expect(diff.changed).toEqual(ids.filter((_, i) => fates[i] === 'edit'));
        expect(diff.removed).toEqual(ids.filter((_, i) => fates[i] === 'remove'));
        expect(diff.dataChanged).toBe(fates.some((f) => f === 'edit' || f === 'remove') || newCount > 0);
      }),
    );
  });

  it("reads an older release that today's schema would reject", () => {
    const old: Loose = smallKnowledge();
    old.sources[0].someRetiredField = true; // not in today's strict schema
    delete old.entries[0].summary; // required today
    const next = smallKnowledge();
    next.sources[0].kind = 'news';
    expect(diffKnowledge(snapshot(old), snapshot(next))).toEqual({ added: [], changed: ['alpha', 'beta', 'gamma'], removed: [], dataChanged: true });
    expect(readSnapshot('{"entries": [{"name": "no id"}]}')).toEqual({ ok: false, problems: [{ path: 'entries[0]', message: 'must be an object with a string "id"' }] });
    expect(readSnapshot('[1]').ok).toBe(false);
  });

  it('checkRelease holds the newest release to the computed lists', () => {
    const base = smallKnowledge();
    const next = edited(base);
    next.version = '1.1.0';
    next.changelog.push({ version: '1.1.0', date: '2026-01-01', added: ['delta'], changed: ['beta', 'alpha'], removed: ['gamma'], note: { en: 'n', ar: 'ن' } });
    expect(checkRelease(snapshot(base), snapshot(next), validated(next), 'base').problems).toEqual([]);
    next.changelog[1].changed = ['beta', 'delta'];
    const problems = checkRelease(snapshot(base), snapshot(next), validated(next), 'base').problems.map((p) => `${p.path}: ${p.message}`);
    expect(problems).toEqual([expect.stringMatching(/^changelog\[1\]\.changed: misses "alpha", changed since base/), expect.stringMatching(/^changelog\[1\]\.changed: lists "delta", not changed since base/)]);
  });

  it('bumps semver parts', () => {
    expect(['major', 'minor', 'patch'].map((part) => bumpVersion('1.9.9', part as 'major'))).toEqual(['2.0.0', '1.10.0', '1.9.10']);
  });
});

describe('npm run knowledge:release and knowledge:check --against, in a git repository', () => {
  function git(cwd: string, ...args: string[]): string {
    return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8', stdio: 'pipe' });
  }
  /** A throwaway repository with `raw` committed as data/knowledge.json; returns the file's path. */
  function repoWith(raw: Loose): { dir: string; file: string } {
    const dir = mkdtempSync(join(tmpdir(), 'notech-release-'));
    mkdirSync(join(dir, 'data'));
    const file = join(dir, 'data', 'knowledge.json');
    writeFileSync(file, text(raw));
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'release 1.0.0');
    return { dir, file };
  }
  const release = (file: string, ...args: string[]) =>
    runKnowledgeCli('release-cli.ts', ['minor', 'Delta added, Beta corrected, Gamma removed.', 'أضيفت دلتا، وصُحّحت بيتا، وحُذفت غاما.', '--today', '2026-02-03', '--file', file, ...args]);

  it('writes the computed release, which knowledge:check --against accepts, and rejects a hand-edited one', () => {
    const base = smallKnowledge();
    const { dir, file } = repoWith(base);
    writeFileSync(file, text(edited(base)));

    const { code, out } = release(file);
    expect(out).toContain('released 1.1.0');
    expect(code).toBe(0);
    const written = readFileSync(file, 'utf8');
    const data = JSON.parse(written) as Loose;
    expect(data.version).toBe('1.1.0');
    expect(data.updated).toBe('2026-02-03');
    expect(data.changelog.at(-1)).toEqual({
      version: '1.1.0',
      date: '2026-02-03',
      added: ['delta'],
      changed: ['alpha', 'beta'],
      removed: ['gamma'],
      note: { en: 'Delta added, Beta corrected, Gamma removed.', ar: 'أضيفت دلتا، وصُحّحت بيتا، وحُذفت غاما.' },
    });
    // Formatting kept: 2-space JSON, Arabic as is (not \u escapes), the trailing newline.
    expect(written).toBe(text(data));
    expect(written).toContain('"ar": "دلتا"');
    expect(Object.keys(data)).toEqual(Object.keys(base));

    const previous = join(dir, 'previous.json');
    writeFileSync(previous, git(dir, 'show', 'HEAD:data/knowledge.json'));
    const check = runKnowledgeCli('check.ts', [file, '--against', previous]);
    expect(check.out).toContain(`release 1.1.0 lists exactly the change since ${previous}`);
    expect(check.code).toBe(0);

    // A second release before the first is committed would list changes twice: refused.
    const again = release(file);
    expect(again.code).toBe(1);
    expect(again.out).toContain('a release is already written here');

    // Hand-edited: beta left out of "changed".
    data.changelog.at(-1).changed = ['alpha'];
    writeFileSync(file, text(data));
    const wrong = runKnowledgeCli('check.ts', [file, '--against', previous]);
    expect(wrong.code).toBe(1);
    expect(wrong.out).toContain(`${file}: changelog[1].changed: misses "beta", changed since ${previous}`);

    // Data changed with no release at all: the version must move. (It loads: the edit adds no entry.)
    const unreleased = structuredClone(base);
    unreleased.entries[1].facts[0].text.en = 'Betacorp signed two contracts.';
    writeFileSync(file, text(unreleased));
    const noRelease = runKnowledgeCli('check.ts', [file, '--against', previous]);
    expect(noRelease.code).toBe(1);
    expect(noRelease.out).toContain(`${file}: version: the data changed since ${previous} (version 1.0.0), so version must be greater than 1.0.0`);
    // Nothing changed: nothing to hold a release to.
    const same = runKnowledgeCli('check.ts', [previous, '--against', previous]);
    expect(same.code).toBe(0);
    expect(same.out).toContain(`no data changed since ${previous}`);
  });

  it('refuses when nothing changed since the last release, and a non-Arabic Arabic note', () => {
    const { file } = repoWith(smallKnowledge());
    const nothing = release(file);
    expect(nothing.code).toBe(1);
    expect(nothing.out).toContain('nothing changed since commit');
    expect(readFileSync(file, 'utf8')).toBe(text(smallKnowledge()));

    writeFileSync(file, text(edited(smallKnowledge())));
    const latin = runKnowledgeCli('release-cli.ts', ['patch', 'note', 'mulahaza', '--file', file]);
    expect(latin.code).toBe(1);
    expect(latin.out).toContain('the Arabic note must be written in Arabic script');
    expect(readFileSync(file, 'utf8')).toBe(text(edited(smallKnowledge())));
  });

  it('rejects a bad part or a note of more than one line before reading anything', () => {
    const part = runKnowledgeCli('release-cli.ts', ['huge', 'Note.', 'ملاحظة.', '--file', 'no/such/file.json']);
    expect(part.code).toBe(1);
    expect(part.out).toContain('the part must be major, minor or patch, not "huge"');
    const lines = runKnowledgeCli('release-cli.ts', ['patch', 'Two\nlines.', 'ملاحظة.', '--file', 'no/such/file.json']);
    expect(lines.code).toBe(1);
    expect(lines.out).toContain('the English note must be one line');
  });

  it('counts edits committed since the last release, and --against an older-shaped file', () => {
    const base = smallKnowledge();
    const { dir, file } = repoWith(base);
    const step = structuredClone(base);
    step.sources[1].title = 'Report s-two, corrected'; // alpha, through its source
    writeFileSync(file, text(step));
    git(dir, 'commit', '-q', '-am', 'an edit without a release');
    const next = structuredClone(step);
    next.entries[2].verified = '2026-02-01'; // gamma
    writeFileSync(file, text(next));

    const { code, out } = runKnowledgeCli('release-cli.ts', ['patch', 'Checked.', 'رُوجعت.', '--today', '2026-02-03', '--file', file]);
    expect(out).toMatch(/released 1\.0\.1 \(patch, since commit [0-9a-f]{10} \(version 1\.0\.0\)\)/);
    expect(code).toBe(0);
    expect((JSON.parse(readFileSync(file, 'utf8')) as Loose).changelog.at(-1)).toMatchObject({ added: [], changed: ['alpha', 'gamma'], removed: [] });

    // --against: the repo's real file as the "old" release of a file whose sources gained a kind.
    const old = join(dir, 'old.json');
    const real: Loose = rawKnowledge();
    const older: Loose = structuredClone(real);
    delete older.sources[0].kind; // the older shape: a source without a kind, which today's schema refuses
    writeFileSync(old, text(older));
    const current: Loose = structuredClone(real);
    const currentFile = join(dir, 'current.json');
    writeFileSync(currentFile, text(current));
    const citing = real.entries.filter((entry: Loose) => JSON.stringify([entry.facts, entry.figures ?? []]).includes(`"${real.sources[0].id}"`)).map((entry: Loose) => entry.id);
    const against = runKnowledgeCli('release-cli.ts', ['minor', 'Kinds.', 'أنواع المصادر.', '--file', currentFile, '--against', old, '--today', '2030-01-01']);
    expect(against.code).toBe(0);
    expect((JSON.parse(readFileSync(currentFile, 'utf8')) as Loose).changelog.at(-1).changed).toEqual(citing);
    expect(citing.length).toBeGreaterThan(0);
  });
});
