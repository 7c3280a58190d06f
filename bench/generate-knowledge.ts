/**
 * A generated knowledge file of N entries with realistic lengths in both languages, for the
 * benchmark (never committed: it is rebuilt from a seed on every run). It passes the same
 * schema and cross-checks as the real file. Lengths follow the averages of data/knowledge.json:
 * about 3.9 facts per entry, 27 English and 25 Arabic words per fact, 27 words per summary,
 * 5.7 English and 4 Arabic aliases, one figure.
 */
import type { KnowledgeData } from '../src/knowledge/schema.js';

const EN_WORDS = 'cloud contract military surveillance prison service ministry defense data storage consulting investment divestment campaign workers petition protest firing azure platform analytics targeting facial recognition checkpoint settlement occupation report investigation review audit subsidiary procurement tender license software hardware drone simulation training intelligence unit records calls storage region network security company fund pension bank shares holding sale factory site union letter signatories organizers employees'.split(' ');
const AR_WORDS = 'سحابة عقد عسكري مراقبة سجن خدمة وزارة دفاع بيانات تخزين استشارات استثمار سحب حملة عمال عريضة احتجاج فصل منصة تحليل استهداف التعرف الوجوه حاجز استيطان احتلال تقرير تحقيق مراجعة تدقيق شركة تابعة مشتريات مناقصة ترخيص برمجيات أجهزة طائرة محاكاة تدريب استخبارات وحدة سجلات مكالمات منطقة شبكة أمن صندوق تقاعد بنك أسهم حصة بيع مصنع موقع نقابة رسالة موقعين منظمين موظفين'.split(' ');
const LATIN_SYLLABLES = 'ka ri to ne mo la vi sa ro te pa lu ze bo ni ga fe du'.split(' ');
const ARABIC_SYLLABLES = 'كا ري تو نو مو لا في سا رو تي با لو زي بو ني غا فا دو'.split(' ');

/** A small deterministic random number generator (numbers in [0, 1)), so every run is the same. */
export function rng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

export function generateKnowledge(count: number, seed = 42): KnowledgeData {
  const random = rng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const sentence = (words: readonly string[], length: number) => Array.from({ length }, () => pick(words)).join(' ');
  const used = new Set<string>();
  const uniqueName = (): { en: string; ar: string } => {
    for (;;) {
      const syllables = 2 + Math.floor(random() * 3);
      const indexes = Array.from({ length: syllables }, () => Math.floor(random() * LATIN_SYLLABLES.length));
      const en = indexes.map((i) => LATIN_SYLLABLES[i]).join('');
      const ar = indexes.map((i) => ARABIC_SYLLABLES[i]).join('');
      if (used.has(en) || used.has(ar)) continue;
      used.add(en);
      used.add(ar);
      return { en: en[0]!.toUpperCase() + en.slice(1), ar };
    }
  };

  const sourceCount = Math.max(10, Math.floor(count / 2));
  const sources = Array.from({ length: sourceCount }, (_, i) => ({
    id: `source-${i}`,
    kind: 'news' as const,
    publisher: `${pick(['The', 'Daily', 'Global', 'Weekly'])} ${pick(['Reporter', 'Times', 'Monitor', 'Observer'])}`,
    title: sentence(EN_WORDS, 8 + Math.floor(random() * 8)),
    date: `20${10 + Math.floor(random() * 15)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
    url: `https://news.example.org/${i}/${sentence(EN_WORDS, 5).replace(/ /g, '-')}`,
  }));
  const cited = new Set<string>();
  const cite = () => {
    const id = pick(sources).id;
    cited.add(id);
    return [id];
  };

  const entries = Array.from({ length: count }, (_, i) => {
    const company = uniqueName();
    const partner = uniqueName();
    const kind = (['contract', 'company', 'campaign'] as const)[i % 3]!;
    const facts = Array.from({ length: 3 + Math.floor(random() * 2.75) }, () => ({
      text: { en: `${company.en} ${sentence(EN_WORDS, 19 + Math.floor(random() * 15))}.`, ar: `${company.ar} ${sentence(AR_WORDS, 17 + Math.floor(random() * 15))}.` },
      level: pick(['reported', 'reported', 'campaign'] as const),
      sources: cite(),
    }));
    return {
      id: `entry-${i}-${company.en.toLowerCase()}`,
      kind,
      name: { en: `${company.en} ${pick(['Systems', 'Cloud', 'Analytics', 'Defense', 'Vision'])}`, ar: `${company.ar} ${pick(['سيستمز', 'كلاود', 'للتحليل', 'للدفاع'])}` },
      aliases: {
        en: [company.en, `${company.en} ${partner.en}`, `${company.en} Group`, `${company.en} Cloud`, `${company.en} ${partner.en} deal`, `${company.en} Holdings`],
        ar: [company.ar, `${company.ar} ${partner.ar}`, `مجموعة ${company.ar}`, `${company.ar} القابضة`],
      },
      summary: { en: `${company.en} ${sentence(EN_WORDS, 19 + Math.floor(random() * 15))}.`.slice(0, 300), ar: `${company.ar} ${sentence(AR_WORDS, 19 + Math.floor(random() * 15))}.`.slice(0, 300) },
      parties: [{ en: `${partner.en} Ministry`, ar: `وزارة ${partner.ar}` }],
      year: 2000 + Math.floor(random() * 26),
      status: pick(['active', 'ended', 'divested'] as const),
      figures: [{ label: { en: 'Contract value', ar: 'قيمة العقد' }, value: Math.floor(random() * 1e9), unit: 'USD' as const, year: 2020, level: 'reported' as const, sources: cite() }],
      facts,
      related: i > 0 ? [`entry-${i - 1}`] : [],
      verified: '2026-11-28',
    };
  });
  // related ids must exist: point at the real previous id.
  entries.forEach((entry, i) => {
    entry.related = i > 0 ? [entries[i - 1]!.id] : [];
  });

  return {
    version: '1.0.0',
    updated: '2026-11-28',
    changelog: [{ version: '1.0.0', date: '2026-11-28', added: entries.map((e) => e.id), changed: [], removed: [], note: { en: 'Generated for the benchmark.', ar: 'مولّد لقياس الأداء.' } }],
    sources: sources.filter((source) => cited.has(source.id)),
    entries,
  };
}
