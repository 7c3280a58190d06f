import { readFileSync } from 'node:fs';
import { Knowledge } from '../../src/knowledge/knowledge.js';
import { parseKnowledge } from '../../src/knowledge/load.js';
import type { KnowledgeData } from '../../src/knowledge/schema.js';

export const KNOWLEDGE_PATH = new URL('../../data/knowledge.json', import.meta.url);

/** The repo's knowledge file as raw JSON (a fresh copy each call, safe to mutate). */
export function rawKnowledge(): Record<string, unknown> & KnowledgeData {
  return JSON.parse(readFileSync(KNOWLEDGE_PATH, 'utf8')) as Record<string, unknown> & KnowledgeData;
}

let cached: Knowledge | undefined;

/** The repo's knowledge, validated. Throws with the problems if the file is broken. */
export function realKnowledge(): Knowledge {
  if (cached) return cached;
  const result = parseKnowledge(readFileSync(KNOWLEDGE_PATH, 'utf8'));
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  cached = result.knowledge;
  return cached;
}

/** The topics of the seed article, with an English and an Arabic way to ask for each. */
export const SEED_TOPICS: Array<{ id: string; en: string; ar: string }> = [
  { id: 'ips-consulting', en: 'israel prison service', ar: 'مصلحة السجون' },
  { id: 'elbit-onesim-azure', en: 'onesim', ar: 'ون سيم' },
  { id: 'elbit-systems', en: 'elbit', ar: 'إلبيت' },
  { id: 'stop-the-wall', en: 'stop the wall', ar: 'أوقفوا الجدار' },
  { id: 'palantir-azure', en: 'palantir azure', ar: 'بالانتير أزور' },
  { id: 'palantir', en: 'palantir', ar: 'بالانتير' },
  { id: 'anyvision-m12', en: 'anyvision', ar: 'أني فيجن' },
  { id: 'project-nimbus', en: 'project nimbus', ar: 'مشروع نيمبوس' },
  { id: 'no-tech-for-apartheid', en: 'no tech for apartheid', ar: 'لا تقنية للفصل العنصري' },
  { id: 'no-azure-for-apartheid', en: 'no azure for apartheid', ar: 'لا أزور للفصل العنصري' },
  { id: 'microsoft', en: 'microsoft', ar: 'مايكروسوفت' },
  { id: 'google', en: 'google', ar: 'جوجل' },
  { id: 'amazon', en: 'amazon', ar: 'أمازون' },
];

/** The repo file's version, and the next minor release after it: tests that make a release use these. */
export const CURRENT_VERSION: string = rawKnowledge().version;
export const NEXT_VERSION: string = CURRENT_VERSION.replace(/^(\d+)\.(\d+)\.\d+$/, (_all, major: string, minor: string) => `${major}.${Number(minor) + 1}.0`);
