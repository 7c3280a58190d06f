import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseKnowledge, parseKnowledgeBytes } from '../../src/knowledge/load.js';
import { rawKnowledge } from '../helpers/knowledge.js';

type Raw = ReturnType<typeof rawKnowledge>;
// Mutations reach into the raw JSON; loose typing keeps each one a single line.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

function problemsAfter(mutate: (data: Loose) => void) {
  const data: Raw = rawKnowledge();
  mutate(data);
  const result = parseKnowledge(JSON.stringify(data));
  return result.ok ? [] : result.problems;
}

describe('the repo knowledge file', () => {
  it('is valid', () => {
    const result = parseKnowledge(JSON.stringify(rawKnowledge()));
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('starts at 1.0.0 and has a later release, with the newest equal to version', () => {
    const data = rawKnowledge();
    expect(data.changelog[0]?.version).toBe('1.0.0');
    expect(data.changelog.length).toBeGreaterThanOrEqual(2);
    expect(data.changelog.at(-1)?.version).toBe(data.version);
  });

  it('never presents the seed-only figures as independently reported', () => {
    const data = rawKnowledge();
    const seedOnly = [211000, 107000000];
    for (const entry of data.entries) {
      for (const figure of entry.figures) {
        if (seedOnly.includes(figure.value)) expect(figure.level, `${entry.id} ${figure.value}`).toBe('campaign');
      }
    }
  });
});

/** One broken file per rule: the problem names the JSON path and what is wrong. */
const RULES: Array<{ rule: string; mutate: (data: Loose) => void; path: string | RegExp; message: RegExp }> = [
  { rule: 'version is semver', mutate: (d) => (d.version = '1.1'), path: 'version', message: /MAJOR\.MINOR\.PATCH/ },
  { rule: 'updated is a date', mutate: (d) => (d.updated = '2026-13-01'), path: 'updated', message: /YYYY-MM-DD/ },
  { rule: 'no unknown top-level keys', mutate: (d) => (d.extra = 1), path: '', message: /extra/ },
  { rule: 'entry id format', mutate: (d) => (d.entries[0].id = 'Bad Id'), path: 'entries[0].id', message: /lower-case/ },
  { rule: 'entry kind is known', mutate: (d) => (d.entries[0].kind = 'person'), path: 'entries[0].kind', message: /contract|company|campaign/ },
  { rule: 'Arabic text is Arabic', mutate: (d) => (d.entries[1].summary.ar = 'Elbit OneSim fi Azure'), path: 'entries[1].summary.ar', message: /Arabic script/ },
  { rule: 'English text not empty', mutate: (d) => (d.entries[1].name.en = ' '), path: 'entries[1].name.en', message: /empty/ },
  { rule: 'summary is one line', mutate: (d) => (d.entries[1].summary.en = 'a\nb'), path: 'entries[1].summary.en', message: /one line/ },
  { rule: 'an Arabic alias is required', mutate: (d) => (d.entries[2].aliases.ar = []), path: 'entries[2].aliases.ar', message: /Arabic alias/ },
  { rule: 'facts are required', mutate: (d) => (d.entries[2].facts = []), path: 'entries[2].facts', message: /at least one fact/ },
  { rule: 'a fact cites a source', mutate: (d) => (d.entries[2].facts[0].sources = []), path: 'entries[2].facts[0].sources', message: /at least one source/ },
  { rule: 'sourcing level is known', mutate: (d) => (d.entries[2].facts[0].level = 'rumour'), path: 'entries[2].facts[0].level', message: /reported|campaign|corrected/ },
  { rule: 'a correction says what the seed said', mutate: (d) => (d.entries[2].facts[0].level = 'corrected'), path: 'entries[2].facts[0].seedSaid', message: /expected object/ },
  { rule: 'figure unit is known', mutate: (d) => (d.entries[0].figures[0].unit = 'dollars'), path: 'entries[0].figures[0].unit', message: /USD/ },
  { rule: 'figure value is a number', mutate: (d) => (d.entries[0].figures[0].value = '211,000'), path: 'entries[0].figures[0].value', message: /number/ },
  { rule: 'status is known', mutate: (d) => (d.entries[0].status = 'maybe'), path: 'entries[0].status', message: /active/ },
  { rule: 'verified is a date', mutate: (d) => (d.entries[0].verified = 'yesterday'), path: 'entries[0].verified', message: /YYYY-MM-DD/ },
  { rule: 'source URL is https', mutate: (d) => (d.sources[0].url = 'http://example.org/a'), path: 'sources[0].url', message: /https/ },
  { rule: 'source URL has no link-breaking characters', mutate: (d) => (d.sources[0].url = 'https://example.org/a|b'), path: 'sources[0].url', message: /< > \|/ },
  { rule: 'source date is partial ISO or null', mutate: (d) => (d.sources[0].date = 'May 2024'), path: 'sources[0].date', message: /YYYY/ },
  { rule: 'source needs a publisher', mutate: (d) => delete d.sources[0].publisher, path: 'sources[0].publisher', message: /expected string/ },
  { rule: 'source says what it is', mutate: (d) => delete d.sources[0].kind, path: 'sources[0].kind', message: /news|campaign|republication/ },
  { rule: 'source kind is known', mutate: (d) => (d.sources[0].kind = 'blog'), path: 'sources[0].kind', message: /news|campaign|republication/ },
  { rule: 'figure coverage is a period of dates', mutate: (d) => (d.entries[0].figures[1].covers = { from: '2010' }), path: 'entries[0].figures[1].covers.to', message: /expected string/ },
  { rule: 'statusAsOf is a date', mutate: (d) => (d.entries[0].statusAsOf = 'last year'), path: 'entries[0].statusAsOf', message: /YYYY/ },
  { rule: 'a key mark is true or false', mutate: (d) => (d.entries[0].facts[0].key = 'yes'), path: 'entries[0].facts[0].key', message: /boolean/ },
  // Issue 14: an Arabic card read with English quotes, "…", is read in the wrong direction; Arabic quotes are « ».
  { rule: 'Arabic text quotes with « »', mutate: (d) => (d.entries[0].facts[0].text.ar = 'قال "نعم".'), path: 'entries[0].facts[0].text.ar', message: /« »/ },
  { rule: 'Arabic text quotes with « », not curly quotes', mutate: (d) => (d.entries[0].summary.ar = 'قال “نعم”.'), path: 'entries[0].summary.ar', message: /« »/ },
  { rule: 'changelog note is bilingual', mutate: (d) => delete d.changelog[0].note.ar, path: 'changelog[0].note.ar', message: /expected string/ },
  // Cross-checks
  { rule: 'unique entry ids', mutate: (d) => (d.entries[1].id = d.entries[0].id), path: 'entries[1].id', message: /duplicate entry id/ },
  { rule: 'unique source ids', mutate: (d) => (d.sources[1].id = d.sources[0].id), path: 'sources[1].id', message: /duplicate source id/ },
  { rule: 'aliases lead to one entry', mutate: (d) => d.entries[1].aliases.en.push('Elbit'), path: /^entries\[[12]\]\.aliases\.en\[\d+\]$/, message: /also a name or alias of entry "elbit-(systems|onesim-azure)" \(entries\[\d\]\.aliases\.en\[\d+\]\)/ },
  { rule: 'aliases differ after normalisation', mutate: (d) => d.entries[1].aliases.ar.push('مصلحه  السجون!'), path: /aliases\.ar\[\d+\]$/, message: /ips-consulting/ },
  { rule: 'a name without its filler words leads to one entry', mutate: (d) => d.entries[4].aliases.en.push('the Palantir contract'), path: /^entries\[4\]\.aliases\.en\[\d+\]$/, message: /"the Palantir contract" reads as "palantir" .*entry "palantir" \(entries\[5\]\.id\)/ },
  { rule: 'two names without their filler words differ', mutate: (d) => (d.entries[7].aliases.en.push('the cloud deal'), d.entries[11].aliases.en.push('cloud contract')), path: /^entries\[11\]\.aliases\.en\[\d+\]$/, message: /"cloud contract" reads as "cloud" .*"the cloud deal" of entry "project-nimbus" \(entries\[7\]\.aliases\.en\[\d+\]\)/ },
  { rule: 'an alias has letters', mutate: (d) => d.entries[1].aliases.en.push('!!!'), path: /aliases\.en\[\d+\]$/, message: /no letters/ },
  { rule: 'cited sources exist', mutate: (d) => (d.entries[2].facts[1].sources[0] = 'no-such-source'), path: 'entries[2].facts[1].sources[0]', message: /"no-such-source", which is not in "sources"/ },
  { rule: 'figure sources exist', mutate: (d) => (d.entries[0].figures[0].sources = ['ghost']), path: 'entries[0].figures[0].sources[0]', message: /ghost/ },
  { rule: 'every source is cited', mutate: (d) => d.sources.push({ id: 'orphan', kind: 'news', publisher: 'P', title: 'T', date: null, url: 'https://example.org/' }), path: /^sources\[\d+\]$/, message: /not cited/ },
  { rule: 'a reported fact cites more than the campaign', mutate: (d) => (d.entries[2].facts[1].sources = ['primer']), path: 'entries[2].facts[1].level', message: /"reported" but cites only the campaign's own publications \(primer\)/ },
  { rule: 'a correction cites more than the campaign', mutate: (d) => (d.entries[0].figures[1].sources = ['primer', 'noazure-site']), path: 'entries[0].figures[1].level', message: /"corrected" but cites only the campaign's own/ },
  { rule: 'a republication says what the original is', mutate: (d) => delete d.sources.find((s: Loose) => s.id === 'techcrunch-oosto-metropolis').note, path: /^sources\[\d+\]\.note$/, message: /republication must say/ },
  { rule: 'at most three key facts per entry', mutate: (d) => [0, 1, 2, 4].forEach((i) => (d.entries[0].facts[i].key = true)), path: 'entries[0].facts[4].key', message: /marks 4 facts as key; at most 3/ },
  { rule: 'related entries exist', mutate: (d) => d.entries[0].related.push('ghost-entry'), path: /\.related\[\d+\]$/, message: /"ghost-entry", which does not exist/ },
  { rule: 'an entry is not related to itself', mutate: (d) => d.entries[0].related.push(d.entries[0].id), path: /\.related\[\d+\]$/, message: /itself/ },
  { rule: 'changelog versions increase', mutate: (d) => (d.changelog[1].version = '0.9.0'), path: 'changelog[1].version', message: /greater than/ },
  { rule: 'newest changelog equals version', mutate: (d) => (d.version = '9.0.0'), path: 'version', message: /newest changelog release is \d+\.\d+\.\d+/ },
  { rule: 'changelog dates in order', mutate: (d) => (d.changelog[0].date = '2027-01-01'), path: 'changelog[1].date', message: /earlier than the release before/ },
  { rule: 'updated not before newest release', mutate: (d) => (d.updated = '2020-01-01'), path: 'updated', message: /earlier than the newest/ },
  { rule: 'changelog adds an id once', mutate: (d) => d.changelog[1].added.push('elbit-systems'), path: /^changelog\[1\]\.added\[\d+\]$/, message: /already added/ },
  { rule: 'changed ids were added first', mutate: (d) => d.changelog[0].changed.push('unit-8200-azure'), path: /^changelog\[0\]\.changed\[\d+\]$/, message: /before any release added it/ },
  { rule: 'every entry is in the changelog', mutate: (d) => (d.changelog[1].added = ['unit-8200-azure']), path: /^entries\[\d+\]\.id$/, message: /not in any changelog/ },
  { rule: 'changelog entries exist', mutate: (d) => d.changelog[1].added.push('ghost'), path: 'changelog', message: /"ghost" exists, but there is no such entry/ },
  { rule: 'removed ids were added', mutate: (d) => d.changelog[1].removed.push('never-there'), path: /^changelog\[1\]\.removed\[0\]$/, message: /never added/ },
];

describe('each rule rejects a file that breaks it', () => {
  it.each(RULES)('$rule', ({ mutate, path, message }) => {
    const problems = problemsAfter(mutate);
    expect(problems.length).toBeGreaterThan(0);
    // The path is reported with the entry or source id after it: `entries[2].facts[0] (entry "elbit-systems")`.
    const purePath = (p: { path: string }) => p.path.replace(/ \((?:entry|source) "[^"]*"\)$/, '');
    const matching = problems.filter((p) => (typeof path === 'string' ? purePath(p) === path : path.test(purePath(p))) && message.test(p.message));
    expect(matching, JSON.stringify(problems, null, 2)).not.toEqual([]);
  });

  it('reads a file saved with a UTF-8 byte-order mark, as some Windows editors save it', () => {
    const text = JSON.stringify(rawKnowledge());
    const withMark = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    const result = parseKnowledgeBytes(withMark);
    expect(result.ok ? [] : result.problems).toEqual([]);
    // The mark is dropped, not kept as text: without it the same bytes give the same data.
    if (result.ok) expect(result.knowledge.data).toEqual((parseKnowledgeBytes(Buffer.from(text, 'utf8')) as { knowledge: { data: unknown } }).knowledge.data);
  });

  it('accepts three key facts in an entry, and reports only the ones past three', () => {
    expect(problemsAfter((d) => [0, 2, 4].forEach((i) => (d.entries[0].facts[i].key = true)))).toEqual([]);
    let count = 0;
    const problems = problemsAfter((d) => {
      count = d.entries[0].facts.length;
      d.entries[0].facts.forEach((fact: Loose) => (fact.key = true));
    });
    expect(count).toBeGreaterThan(3);
    const pastThree = Array.from({ length: count - 3 }, (_, i) => `entries[0].facts[${i + 3}].key`);
    expect(problems.map((p) => p.path.replace(/ \(entry "[^"]*"\)$/, ''))).toEqual(pastThree);
  });

  it('reports invalid JSON with its line and column', () => {
    const result = parseKnowledge('{\n  "version": "1.0.0",\n  oops\n}');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.message).toMatch(/not valid JSON at line 3, column 3/);
  });

  it('reports every problem, not just the first', () => {
    const problems = problemsAfter((d) => {
      d.version = 'x';
      d.entries[0].kind = 'x';
      d.sources[0].url = 'ftp://x';
    });
    expect(problems.length).toBeGreaterThanOrEqual(3);
  });
});

describe('npm run knowledge:check', () => {
  const run = (file?: string) => {
    try {
      const stdout = execFileSync(process.execPath, ['--import', 'tsx', 'src/knowledge/check.ts', ...(file ? [file] : [])], { encoding: 'utf8', stdio: 'pipe' });
      return { code: 0, out: stdout };
    } catch (error) {
      const e = error as { status: number; stderr: string; stdout: string };
      return { code: e.status, out: e.stdout + e.stderr };
    }
  };

  it('accepts the repo file', () => {
    const { code, out } = run();
    expect(code).toBe(0);
    expect(out).toMatch(/data\/knowledge\.json: OK, version \d+\.\d+\.\d+/);
  });

  it('prints each problem with its path and exits 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'notech-check-'));
    const file = join(dir, 'broken.json');
    const data = rawKnowledge() as Loose;
    data.entries[2].facts[1].sources[0] = 'no-such-source';
    data.version = '9.9.9';
    writeFileSync(file, JSON.stringify(data));
    const { code, out } = run(file);
    expect(code).toBe(1);
    expect(out).toContain(`${file}: entries[2].facts[1].sources[0] (entry "elbit-systems"): cites source "no-such-source"`);
    expect(out).toContain(`${file}: version: is 9.9.9`);
    expect(out).toMatch(/2 problems/);
  });

  it('says when the file does not exist', () => {
    const { code, out } = run('no/such/file.json');
    expect(code).toBe(1);
    expect(out).toContain('no/such/file.json: file not found');
  });
});
