/**
 * A small, valid knowledge file as raw JSON (three entries, two sources, release 1.0.0), for
 * tests that edit, diff and release a file without carrying the real one's weight.
 */
import { parseKnowledge } from '../../src/knowledge/load.js';
import type { KnowledgeData } from '../../src/knowledge/schema.js';

// Raw JSON is edited freely by the tests; loose typing keeps each edit a single line.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;

export function smallEntry(id: string, en: string, ar: string, source: string): Loose {
  return {
    id,
    kind: 'company',
    name: { en, ar },
    aliases: { en: [], ar: [ar] },
    summary: { en: `${en} makes things.`, ar: `${ar} تصنع أشياء.` },
    facts: [{ text: { en: `${en} signed a contract.`, ar: `وقّعت ${ar} عقدًا.` }, sources: [source], level: 'reported' }],
    verified: '2026-01-01',
  };
}

function smallSource(id: string): Loose {
  return { id, kind: 'news', publisher: 'Example News', title: `Report ${id}`, date: '2025-03-04', url: `https://example.org/${id}` };
}

export function smallKnowledge(): Loose {
  return {
    version: '1.0.0',
    updated: '2026-01-01',
    changelog: [
      {
        version: '1.0.0',
        date: '2026-01-01',
        added: ['alpha', 'beta', 'gamma'],
        changed: [],
        removed: [],
        note: { en: 'First release.', ar: 'الإصدار الأول.' },
      },
    ],
    sources: [smallSource('s-one'), smallSource('s-two')],
    entries: [
      smallEntry('alpha', 'Alphacorp', 'ألفا', 's-two'),
      smallEntry('beta', 'Betacorp', 'بيتا', 's-one'),
      smallEntry('gamma', 'Gammacorp', 'غاما', 's-one'),
    ],
  };
}

/** Raw JSON validated by the real loader; throws with the problems when it does not load. */
export function validated(raw: Loose): KnowledgeData {
  const result = parseKnowledge(JSON.stringify(raw));
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return result.knowledge.data;
}
