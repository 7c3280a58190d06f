/**
 * Do two source trees give the same answers? Runs one query suite through the search index of
 * each tree and lists every query whose topic resolution (card or suggestions, in order) or
 * search result ids (in order) differ. Not part of CI: run it by hand when search changes.
 *
 *   npx tsx bench/compare-answers.ts OLD_TREE [NEW_TREE] [--entries 5000] [--out FILE]
 *
 * OLD_TREE is another checkout (e.g. `git worktree add /tmp/old main`, with node_modules
 * linked); NEW_TREE defaults to this one. The suite: generated queries over the generated
 * knowledge file (bench/generate-knowledge.ts) — names, aliases, ids, case and punctuation,
 * one and two typos, prefixes, Arabic, multi-word, filler words, unknown words, words from
 * facts — plus every string literal in test/ run against data/knowledge.json.
 * Prints a summary and writes every difference to --out (default /tmp/compare-answers.json).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateKnowledge, rng } from './generate-knowledge.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1]! : fallback;
};
const trees = args.filter((arg, i) => !arg.startsWith('--') && !args[i - 1]?.startsWith('--'));
const oldTree = resolve(trees[0] ?? '');
const newTree = resolve(trees[1] ?? '.');
const entryCount = Number(option('--entries', '5000'));
const out = option('--out', '/tmp/compare-answers.json');
if (!trees[0]) throw new Error('usage: compare-answers.ts OLD_TREE [NEW_TREE]');

/** The part of SearchIndex both trees share. */
interface Index {
  resolveTopic(query: string): { kind: 'match'; entry: { id: string }; how: string } | { kind: 'suggest'; suggestions: Array<{ id: string }> };
  search(query: string, limit?: number): Array<{ entry: { id: string } }>;
}
type Load = (text: string) => { ok: true; knowledge: { index: Index } } | { ok: false; problems: unknown[] };

async function loader(tree: string): Promise<Load> {
  const module = (await import(join(tree, 'src/knowledge/load.ts'))) as { parseKnowledge: Load };
  return module.parseKnowledge;
}

function indexOf(load: Load, text: string): Index {
  const result = load(text);
  if (!result.ok) throw new Error(`invalid knowledge: ${JSON.stringify(result.problems.slice(0, 3))}`);
  return result.knowledge.index;
}

/** Generated queries over a knowledge file, deterministic. */
function generatedQueries(data: ReturnType<typeof generateKnowledge>, perKind: number): string[] {
  const random = rng(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const letter = () => pick([...'abcdefghijklmnopqrstuvwxyz']);
  const arabicLetter = () => pick([...'ابتثجحخدذرزسشصضطظعغفقكلمنهوي']);
  const edit = (word: string, other: () => string): string => {
    if (word.length < 2) return word + other();
    const at = 1 + Math.floor(random() * (word.length - 1));
    switch (Math.floor(random() * 4)) {
      case 0: return word.slice(0, at) + word[at - 1] + word.slice(at); // doubled letter
      case 1: return word.slice(0, at) + word.slice(at + 1); // dropped letter
      case 2: return word.slice(0, at - 1) + (word[at] ?? '') + word[at - 1] + word.slice(at + 1); // swapped
      default: return word.slice(0, at) + other() + word.slice(at + 1); // replaced
    }
  };
  const editLongest = (text: string, other: () => string) => {
    const words = text.split(' ');
    const longest = words.reduce((a, b) => (b.length > a.length ? b : a));
    return words.map((word) => (word === longest ? edit(word, other) : word)).join(' ');
  };
  const { entries } = data;
  const entry = () => pick(entries);
  const queries: string[] = [];
  const add = (make: () => string) => {
    for (let i = 0; i < perKind; i += 1) queries.push(make());
  };
  add(() => entry().name.en);
  add(() => pick(entry().aliases.en));
  add(() => entry().id);
  add(() => `  ${pick(entry().aliases.en).toUpperCase()}?! `);
  add(() => editLongest(pick(entry().aliases.en), letter));
  add(() => editLongest(editLongest(entry().name.en, letter), letter));
  add(() => pick(entry().aliases.en).slice(0, 3 + Math.floor(random() * 4)));
  add(() => entry().name.ar);
  add(() => pick(entry().aliases.ar));
  add(() => editLongest(pick(entry().aliases.ar), arabicLetter));
  add(() => `ماذا عن ${pick(entry().aliases.ar)}؟`);
  add(() => `what about ${pick(entry().aliases.en)}?`);
  add(() => `${pick(entry().aliases.en)} contract`);
  add(() => `${entry().aliases.en[0]!} ${entry().aliases.en[0]!}`); // two entries named at once
  add(() => `${pick(entry().aliases.en)} ${pick(['surveillance', 'cloud', 'prison', 'military'])}`);
  add(() => Array.from({ length: 1 + Math.floor(random() * 3) }, () => Array.from({ length: 4 + Math.floor(random() * 5) }, letter).join('')).join(' '));
  add(() => pick(pick(entry().facts).text.en.split(' ').filter((word) => word.length > 4)));
  add(() => pick(entry().facts).text.en.split(' ').slice(1, 4).join(' '));
  add(() => pick(entry().facts).text.ar.split(' ').slice(1, 3).join(' '));
  add(() => editLongest(pick(entry().facts).text.en.split(' ').slice(1, 3).join(' '), letter));
  return queries;
}

/** Every string literal in the test files: the queries the tests use, and much else. */
function testStrings(): string[] {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const item of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, item.name);
      if (item.isDirectory()) walk(path);
      else if (path.endsWith('.ts')) {
        for (const match of readFileSync(path, 'utf8').matchAll(/'((?:[^'\\\n]|\\.){1,120})'|"((?:[^"\\\n]|\\.){1,120})"|`([^`$\n]{1,120})`/g)) {
          found.add(match[1] ?? match[2] ?? match[3]!);
        }
      }
    }
  };
  walk(join(newTree, 'test'));
  return [...found];
}

interface Difference {
  suite: string;
  query: string;
  what: 'resolution' | 'search';
  old: unknown;
  new: unknown;
}

function describeResolution(resolution: ReturnType<Index['resolveTopic']>) {
  return resolution.kind === 'match' ? `match ${resolution.entry.id} (${resolution.how})` : `suggest [${resolution.suggestions.map((entry) => entry.id).join(', ')}]`;
}

function compare(suite: string, queries: string[], oldIndex: Index, newIndex: Index, differences: Difference[]) {
  for (const query of queries) {
    const oldResolution = describeResolution(oldIndex.resolveTopic(query));
    const newResolution = describeResolution(newIndex.resolveTopic(query));
    if (oldResolution !== newResolution) differences.push({ suite, query, what: 'resolution', old: oldResolution, new: newResolution });
    const oldHits = oldIndex.search(query).map((hit) => hit.entry.id).join(', ');
    const newHits = newIndex.search(query).map((hit) => hit.entry.id).join(', ');
    if (oldHits !== newHits) differences.push({ suite, query, what: 'search', old: oldHits, new: newHits });
  }
}

const [oldLoad, newLoad] = [await loader(oldTree), await loader(newTree)];
const differences: Difference[] = [];
const counts: Record<string, number> = {};

const generated = JSON.stringify(generateKnowledge(entryCount));
const generatedSuite = generatedQueries(JSON.parse(generated) as ReturnType<typeof generateKnowledge>, 350);
compare(`generated (${entryCount} entries)`, generatedSuite, indexOf(oldLoad, generated), indexOf(newLoad, generated), differences);
counts[`generated (${entryCount} entries)`] = generatedSuite.length;

const real = readFileSync(join(newTree, 'data/knowledge.json'), 'utf8');
const realQueries = [...testStrings(), ...generatedQueries(JSON.parse(real) as ReturnType<typeof generateKnowledge>, 60)];
compare('data/knowledge.json', realQueries, indexOf(oldLoad, real), indexOf(newLoad, real), differences);
counts['data/knowledge.json'] = realQueries.length;

writeFileSync(out, `${JSON.stringify({ oldTree, newTree, counts, differences }, null, 2)}\n`);
const total = Object.values(counts).reduce((a, b) => a + b, 0);
const by = (what: Difference['what']) => differences.filter((d) => d.what === what).length;
console.log(JSON.stringify({ queries: counts, total, resolutionDifferences: by('resolution'), searchDifferences: by('search'), written: out }, null, 2));
