import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateKnowledge } from '../../bench/generate-knowledge.js';
import { parseKnowledge } from '../../src/knowledge/load.js';
import { normalize } from '../../src/knowledge/normalize.js';
import { namesOf } from '../../src/knowledge/names.js';
import { SEED_TOPICS, realKnowledge } from '../helpers/knowledge.js';
import { turnsDuring } from '../support/turns.js';

const knowledge = realKnowledge();
const { index } = knowledge;

function resolvedId(query: string): string | undefined {
  const result = index.resolveTopic(query);
  return result.kind === 'match' ? result.entry.id : undefined;
}

/** One typo: a letter doubled in the middle of the longest word. */
function typo(text: string): string {
  const words = text.split(' ');
  const longest = words.reduce((a, b) => (b.length > a.length ? b : a));
  const at = Math.floor(longest.length / 2);
  const misspelled = longest.slice(0, at) + longest[at] + longest.slice(at);
  return words.map((word) => (word === longest ? misspelled : word)).join(' ');
}

describe('every name and alias finds its entry', () => {
  for (const entry of knowledge.entries) {
    it(entry.id, () => {
      for (const name of namesOf(entry)) {
        expect(resolvedId(name), name).toBe(entry.id);
        expect(resolvedId(name.toUpperCase()), name.toUpperCase()).toBe(entry.id);
        expect(resolvedId(`  ${name}?! `), `${name}?!`).toBe(entry.id);
      }
    });
  }
});

describe('seed topics in English and Arabic', () => {
  it.each(SEED_TOPICS)('$id', ({ id, en, ar }) => {
    expect(resolvedId(en)).toBe(id);
    expect(resolvedId(ar)).toBe(id);
  });
});

describe('misspellings', () => {
  it.each(knowledge.entries.map((entry) => [entry.id, typo(entry.name.en)] as const))('%s from "%s"', (id, misspelled) => {
    const result = index.resolveTopic(misspelled);
    // A typo either still finds the entry, or offers it first: never a different card.
    if (result.kind === 'match') expect(result.entry.id).toBe(id);
    else expect(result.suggestions[0]?.id).toBe(id);
  });

  it.each([
    ['elbitt', 'elbit-systems'],
    ['Elbot', 'elbit-systems'],
    ['palentir', 'palantir'],
    ['palantier', 'palantir'],
    ['anyvison', 'anyvision-m12'],
    ['nimbuss', 'project-nimbus'],
    ['microsfot', 'microsoft'],
    ['prison', 'ips-consulting'],
    ['بالنتير', 'palantir'],
  ])('%s → %s', (query, id) => {
    expect(resolvedId(query)).toBe(id);
  });
});

describe('two-edit typos in short words', () => {
  it('offers the entry first rather than guessing', () => {
    const result = index.resolveTopic('elbti');
    expect(result.kind).toBe('suggest');
    if (result.kind === 'suggest') expect(result.suggestions[0]?.id).toBe('elbit-systems');
  });
});

describe('Arabic spelling variants', () => {
  it.each([
    ['hamza forms of alef', 'ألبيت', 'elbit-systems'],
    ['alef without hamza', 'البيت', 'elbit-systems'],
    ['ta marbuta as ha', 'مصلحه السجون', 'ips-consulting'],
    ['diacritics', 'مَصْلَحَةُ السُّجُونِ', 'ips-consulting'],
    ['tatweel', 'مصلـــحة السجون', 'ips-consulting'],
    ['Arabic-Indic digits', 'الوحدة ٨٢٠٠', 'unit-8200-azure'],
    ['Extended Arabic-Indic digits', 'الوحدة ۸۲۰۰', 'unit-8200-azure'],
    ['a question around the name', 'ماذا عن بالانتير؟', 'palantir'],
    ['right-to-left marks', '\u200fإلبيت\u200f', 'elbit-systems'],
  ])('%s: %s', (_label, query, id) => {
    expect(resolvedId(query)).toBe(id);
  });

  it('folds alef maqsura and Latin diacritics', () => {
    expect(normalize('مستشفى')).toBe(normalize('مستشفي'));
    expect(normalize('Élbït')).toBe('elbit');
  });
});

describe('never a wrong answer dressed as right', () => {
  it('gives suggestions, not a card, for a query naming two topics', () => {
    const result = index.resolveTopic('project nimbus and google');
    expect(result.kind).toBe('suggest');
    if (result.kind === 'suggest') expect(result.suggestions.map((e) => e.id).slice(0, 2).sort()).toEqual(['google', 'project-nimbus']);
  });

  it('gives no card for gibberish', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[qxzjvkw]{6,14}$/), (gibberish) => {
        expect(index.resolveTopic(gibberish).kind).toBe('suggest');
      }),
    );
  });

  it('never throws and returns known entries for any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const result = index.resolveTopic(text);
        const ids = result.kind === 'match' ? [result.entry.id] : result.suggestions.map((e) => e.id);
        for (const id of ids) expect(knowledge.entry(id)).toBeDefined();
      }),
      { numRuns: 300 },
    );
  });

  it('handles empty and huge queries', () => {
    expect(index.resolveTopic('')).toEqual({ kind: 'suggest', suggestions: [] });
    expect(index.resolveTopic('   ')).toEqual({ kind: 'suggest', suggestions: [] });
    expect(index.resolveTopic('elbit '.repeat(2000)).kind).toBeDefined();
  });
});

describe('free-text search', () => {
  it('finds entries by words from their facts', () => {
    expect(index.search('Ferranti Oldham').map((hit) => hit.entry.id)).toContain('elbit-systems');
    expect(index.search('Eric Holder').map((hit) => hit.entry.id)[0]).toBe('anyvision-m12');
    expect(index.search('سحب الاستثمارات').map((hit) => hit.entry.id)).toContain('stop-the-wall');
  });

  it('ranks an exact alias first', () => {
    expect(index.search('microsoft')[0]?.entry.id).toBe('microsoft');
    expect(index.search('palantir')[0]?.entry.id).toBe('palantir');
  });

  it('returns nothing for nothing', () => {
    expect(index.search('')).toEqual([]);
    expect(index.search('?!')).toEqual([]);
  });
});

describe('how close a word must be', () => {
  it('ranks the exact word above a typo, and a typo above a longer word sharing its start', () => {
    // "elbit" (exact), "elbti" (one swap, two edits) and "elbitsystems" (prefix) over the real file.
    expect(index.search('elbit')[0]?.entry.id).toBe('elbit-systems');
    expect(index.search('Ferranti')[0]?.entry.id).toBe(index.search('Ferrantii')[0]?.entry.id);
  });

  it('allows no typo in words of 3 letters, one up to 6 letters, two beyond', () => {
    expect(resolvedId('ips')).toBe('ips-consulting');
    expect(resolvedId('ipz')).toBeUndefined();
    expect(resolvedId('elbot')).toBe('elbit-systems'); // 5 letters, one edit
    expect(resolvedId('elbbot')).toBeUndefined(); // 6 letters, two edits
    expect(resolvedId('palanteer')).toBe('palantir'); // 9 letters, two edits
  });

  it('matches a word by its start only in free-text search, and only from 4 letters', () => {
    expect(index.search('Ferran').map((hit) => hit.entry.id)).toContain('elbit-systems');
    expect(index.search('Fer').map((hit) => hit.entry.id)).not.toContain('elbit-systems');
  });
});

describe('building the index in steps', () => {
  const data = generateKnowledge(300);
  const text = JSON.stringify(data);
  const loaded = () => {
    const result = parseKnowledge(text);
    if (!result.ok) throw new Error('generated knowledge is invalid');
    return result.knowledge;
  };

  it('gives the same answers as building it at once', async () => {
    const atOnce = loaded();
    const inSteps = loaded();
    await inSteps.prepareIndex();
    const queries = data.entries.slice(0, 60).flatMap((entry) => [entry.aliases.en[1]!, `${entry.aliases.en[0]!}x`, entry.aliases.ar[0]!, entry.facts[0]!.text.en.split(' ').slice(1, 3).join(' ')]);
    for (const query of queries) {
      expect(inSteps.index.resolveTopic(query), query).toEqual(atOnce.index.resolveTopic(query));
      expect(inSteps.index.search(query), query).toEqual(atOnce.index.search(query));
    }
  });

  it('lets other work run while it builds', async () => {
    const knowledge = loaded();
    const { turns } = await turnsDuring(() => knowledge.prepareIndex());
    // 300 entries in chunks of 10 (text) and 400 (names): dozens of steps, each letting a turn run.
    expect(turns).toBeGreaterThan(20);
  });
});
