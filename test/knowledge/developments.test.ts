/**
 * Issue #12, part 2: the later developments from truth audit 2 are in the knowledge file, each
 * findable the way organizers ask, and each fact cites sources that say what kind they are.
 * Queries go through the real path (parse → answer → compose) over the repo's knowledge file.
 */
import { describe, expect, it } from 'vitest';
import type { Entry, Fact, Source, SourceKind } from '../../src/knowledge/schema.js';
import { replyToCommand } from '../../src/reply/index.js';
import { renderMessage } from '../../src/messages/plain-text.js';
import { homeBlocks } from '../../src/slack/views/home.js';
import { realKnowledge } from '../helpers/knowledge.js';

const knowledge = realKnowledge();

/** The new entries and two of their aliases in each language. */
const NEW_ENTRIES: Array<{ id: string; kind: Entry['kind']; aliasesEn: [string, string]; aliasesAr: [string, string] }> = [
  { id: 'storebrand-palantir', kind: 'event', aliasesEn: ['Storebrand', 'Palantir divestment'], aliasesAr: ['ستوربراند', 'سحب الاستثمارات من بالانتير'] },
  { id: 'gpfg-caterpillar-israeli-banks', kind: 'event', aliasesEn: ['Caterpillar', 'Norway wealth fund'], aliasesAr: ['كاتربيلر', 'صندوق الثروة النرويجي'] },
  { id: 'palestine-action', kind: 'campaign', aliasesEn: ['Palestine Action ban', 'Huda Ammori'], aliasesAr: ['حظر فلسطين أكشن', 'هدى عموري'] },
  { id: 'google-ai-idf', kind: 'contract', aliasesEn: ['Vertex AI', 'Google AI principles'], aliasesAr: ['جيميناي', 'مبادئ جوجل للذكاء الاصطناعي'] },
  { id: 'nimbus-winking-mechanism', kind: 'contract', aliasesEn: ['winking mechanism', 'Nimbus secret code'], aliasesAr: ['آلية الغمز', 'بنود نيمبوس السرية'] },
  { id: 'microsoft-build-2025-protest', kind: 'event', aliasesEn: ['Joe Lopez', 'Build 2025'], aliasesAr: ['جو لوبيز', 'احتجاج Build'] },
  { id: 'microsoft-proposal-9', kind: 'event', aliasesEn: ['Proposal 9', 'Microsoft shareholder vote'], aliasesAr: ['المقترح 9', 'تصويت مساهمي مايكروسوفت'] },
  { id: 'amazon-shahrour-firing', kind: 'event', aliasesEn: ['Ahmed Shahrour', 'Amazon firing'], aliasesAr: ['أحمد شحرور', 'فصل موظف أمازون'] },
  { id: 'un-albanese-report-2025', kind: 'report', aliasesEn: ['Albanese report', 'UN report'], aliasesAr: ['تقرير ألبانيزي', 'اقتصاد الإبادة الجماعية'] },
];

/** Facts added at the end of existing entries: a fragment of the English text, its level, and the kinds its sources may have. */
const NEW_FACTS: Array<{ entry: string; says: string; level: Fact['level']; kinds: SourceKind[] }> = [
  { entry: 'microsoft', says: '"priority target"', level: 'reported', kinds: ['news', 'republication'] },
  { entry: 'microsoft', says: 'From economy of occupation to economy of genocide', level: 'reported', kinds: ['news', 'ngo'] },
  { entry: 'idf-azure-support', says: '"limited emergency support"', level: 'reported', kinds: ['official', 'news'] },
  { entry: 'no-azure-for-apartheid', says: 'asked the FBI', level: 'reported', kinds: ['news'] },
  { entry: 'no-azure-for-apartheid', says: 'Immigration and Customs Enforcement (ICE)', level: 'reported', kinds: ['news'] },
  { entry: 'unit-8200-azure', says: 'likely to Amazon Web Services', level: 'reported', kinds: ['news'] },
  { entry: 'unit-8200-azure', says: 'Yossi Sariel resigned', level: 'reported', kinds: ['news'] },
  { entry: 'google', says: 'Communication Workers Union', level: 'reported', kinds: ['news'] },
  { entry: 'google', says: '$45 million advertising contract', level: 'reported', kinds: ['news'] },
  { entry: 'google', says: 'From economy of occupation to economy of genocide', level: 'reported', kinds: ['news', 'ngo'] },
  { entry: 'amazon', says: 'mass-surveillance data', level: 'reported', kinds: ['news'] },
  { entry: 'amazon', says: 'From economy of occupation to economy of genocide', level: 'reported', kinds: ['news', 'ngo'] },
  { entry: 'no-tech-for-apartheid', says: 'National Labor Relations Board', level: 'reported', kinds: ['news'] },
  { entry: 'palantir', says: 'From economy of occupation to economy of genocide', level: 'reported', kinds: ['news', 'ngo'] },
  { entry: 'palantir', says: 'six were arrested in New York', level: 'reported', kinds: ['republication'] },
  { entry: 'palantir', says: 'On 20 January 2026', level: 'reported', kinds: ['news'] },
  { entry: 'ips-consulting', says: '3,577 in early September 2025', level: 'reported', kinds: ['ngo', 'news'] },
  { entry: 'elbit-systems', says: 'Aztec West', level: 'reported', kinds: ['news'] },
  { entry: 'elbit-systems', says: 'Elite KL', level: 'reported', kinds: ['news'] },
  { entry: 'elbit-systems', says: 'Dreadnought', level: 'reported', kinds: ['news'] },
  { entry: 'elbit-systems', says: 'Raytheon UK', level: 'campaign', kinds: ['republication'] },
  { entry: 'elbit-systems', says: 'whistleblower', level: 'reported', kinds: ['news'] },
  { entry: 'project-nimbus', says: 'in October 2025, Bloomberg reported', level: 'reported', kinds: ['republication'] },
];

function entry(id: string): Entry {
  const found = knowledge.entry(id);
  if (!found) throw new Error(`no entry ${id}`);
  return found;
}

function source(id: string): Source {
  const found = knowledge.source(id);
  if (!found) throw new Error(`no source ${id}`);
  return found;
}

/** What `/notech <text>` resolves to. */
function resolve(text: string) {
  const reply = replyToCommand(text, knowledge);
  return { answer: reply.answer, lang: reply.lang, blocks: JSON.stringify(reply.message) };
}

describe('each new development answers /notech by its names', () => {
  describe.each(NEW_ENTRIES)('$id', ({ id, kind, aliasesEn, aliasesAr }) => {
    const e = entry(id);

    it(`is a ${kind} entry with two names, aliases in both languages, and related entries that link back`, () => {
      expect(e.kind).toBe(kind);
      expect(e.aliases.en.length).toBeGreaterThanOrEqual(2);
      expect(e.aliases.ar.length).toBeGreaterThanOrEqual(2);
      expect(e.aliases.en).toEqual(expect.arrayContaining(aliasesEn));
      expect(e.aliases.ar).toEqual(expect.arrayContaining(aliasesAr));
      expect(e.related.length).toBeGreaterThan(0);
      for (const other of e.related) expect(entry(other).related, `${other} → ${id}`).toContain(id);
      expect(e.verified).toBe('2026-11-30');
      if (e.status !== undefined) expect(e.statusAsOf, 'a status says when it was true').toMatch(/^\d{4}/);
      // A title is shown as a header and a list item: quotes there would be escaped or misread.
      expect(`${e.name.en}${e.name.ar}`).not.toMatch(/["*_`]/);
    });

    it.each([
      ['its English name', () => e.name.en, 'en'],
      ['its Arabic name', () => e.name.ar, 'ar'],
      ...aliasesEn.map((alias) => [`the alias "${alias}"`, () => alias, 'en'] as const),
      ...aliasesAr.map((alias) => [`the alias "${alias}"`, () => alias, 'ar'] as const),
      ['a question in English', () => `what about ${aliasesEn[0]}?`, 'en'],
      ['a question in Arabic', () => `ماذا عن ${aliasesAr[0]}؟`, 'ar'],
    ] as const)('by %s', (_, text, lang) => {
      const { answer, lang: answeredIn, blocks } = resolve(text());
      expect(answer.kind).toBe('card');
      if (answer.kind !== 'card') return;
      expect(answer.entry.id).toBe(id);
      expect(answeredIn).toBe(lang);
      // The card itself links one of the entry's sources (the compact card links one per item shown).
      const cited = [...e.facts, ...e.figures].flatMap((item) => item.sources).map((sourceId) => source(sourceId).url);
      expect(cited.some((url) => blocks.includes(url))).toBe(true);
    });
  });
});

describe('each new fact cites sources of a stated kind', () => {
  it.each(NEW_FACTS)('$entry: "$says"', ({ entry: id, says, level, kinds }) => {
    const matches = entry(id).facts.filter((fact) => fact.text.en.includes(says));
    expect(matches, `one fact on ${id} says ${says}`).toHaveLength(1);
    const fact = matches[0]!;
    expect(fact.level).toBe(level);
    for (const sourceId of fact.sources) expect(kinds).toContain(source(sourceId).kind);
  });

  const newFacts = [
    ...NEW_ENTRIES.flatMap(({ id }) => [...entry(id).facts, ...entry(id).figures].map((fact) => ({ id, fact }))),
    ...NEW_FACTS.map(({ entry: id, says }) => ({ id, fact: entry(id).facts.find((fact) => fact.text.en.includes(says))! })),
  ];

  it('every source they cite has a kind, and a republication says what its original is', () => {
    for (const { id, fact } of newFacts) {
      for (const sourceId of fact.sources) {
        const cited = source(sourceId);
        expect(cited.kind, `${id} cites ${sourceId}`).toBeDefined();
        if (cited.kind === 'republication') expect(cited.note, `${sourceId} names its original`).toBeTruthy();
      }
    }
  });

  it('a fact seen only in republications or secondary copies says so in both languages', () => {
    for (const { id, fact } of newFacts) {
      const onlyCopies = fact.sources.every((sourceId) => source(sourceId).kind === 'republication');
      if (!onlyCopies) continue;
      expect(fact.caveat, `${id}: ${JSON.stringify(fact.sources)}`).toBeDefined();
      expect(fact.caveat!.en).toMatch(/republication|secondary|copy|copies|quoted/i);
      expect(fact.caveat!.ar).toMatch(/لم يُطَّلَع/);
    }
  });

  it("a campaign's claim is attributed, never stated as reported", () => {
    const campaignFacts = newFacts.filter(({ fact }) => fact.level === 'campaign');
    expect(campaignFacts.length).toBeGreaterThan(0);
    for (const { id, fact } of campaignFacts) {
      expect('text' in fact ? fact.text.en : '', id).toMatch(/\bsays?\b/);
      expect('text' in fact ? fact.text.ar : '', id).toMatch(/يقول|تقول/);
    }
  });

  it('an outcome that is not known is said to be unknown', () => {
    const appeal = entry('palestine-action').facts.find((fact) => fact.text.en.includes('permission to appeal'))!;
    expect(appeal.text.en).toMatch(/outcome of the appeal was not found/);
    expect(appeal.asOf).toBe('2026-02');
    const nlrb = entry('no-tech-for-apartheid').facts.find((fact) => fact.text.en.includes('National Labor Relations Board'))!;
    expect(nlrb.text.en).toMatch(/outcome of the complaint was not found/);
  });
});

describe('the Arabic of the new text is written as Arabic', () => {
  const texts = [
    ...NEW_ENTRIES.flatMap(({ id }) => {
      const e = entry(id);
      return [e.name.ar, e.summary.ar, ...e.facts.flatMap((f) => [f.text.ar, f.caveat?.ar ?? '']), ...e.figures.map((f) => f.label.ar)];
    }),
    ...NEW_FACTS.flatMap(({ entry: id, says }) => {
      const fact = entry(id).facts.find((f) => f.text.en.includes(says))!;
      return [fact.text.ar, fact.caveat?.ar ?? ''];
    }),
  ].filter((text) => text !== '');

  it('uses Arabic punctuation: no Latin comma, semicolon or question mark (a comma between digits is a thousands separator)', () => {
    for (const text of texts) {
      expect(text.replace(/(?<=\d),(?=\d{3})/g, ''), text).not.toMatch(/[,;?]/);
    }
  });

  it('says "not seen" impersonally, never with a subjectless feminine passive', () => {
    for (const text of texts) expect(text, text).not.toMatch(/لم تُطّلع|ولم تُطّلع/);
  });
});

describe("the UN Special Rapporteur's report is an entry of its own", () => {
  const report = entry('un-albanese-report-2025');

  it.each([
    ['economy of genocide', 'en'],
    ['Francesca Albanese', 'en'],
    ['تقرير الأمم المتحدة', 'ar'],
    ['ماذا عن تقرير ألبانيزي؟', 'ar'],
  ] as const)('answers /notech %s with its card', (text, lang) => {
    const { answer, lang: answeredIn } = resolve(text);
    expect(answer.kind === 'card' ? answer.entry.id : answer.kind).toBe('un-albanese-report-2025');
    expect(answeredIn).toBe(lang);
  });

  it('links the companies it names, and they link back', () => {
    expect(report.related).toEqual(expect.arrayContaining(['microsoft', 'google', 'amazon', 'palantir', 'elbit-systems']));
    for (const id of ['microsoft', 'google', 'amazon', 'palantir', 'elbit-systems']) expect(entry(id).related).toContain(report.id);
  });

  it('cites news, NGO summaries or marked copies, and says when and to whom it was presented', () => {
    for (const fact of report.facts) {
      for (const sourceId of fact.sources) expect(['news', 'ngo', 'republication']).toContain(source(sourceId).kind);
    }
    const presented = report.facts.filter((fact) => fact.text.en.includes('Human Rights Council in Geneva on 3 July 2025'));
    expect(presented).toHaveLength(1);
    expect(presented[0]!.text.ar).toContain('3 يوليو 2025');
  });

  it("states the report's findings as the Special Rapporteur's, never as established fact", () => {
    const findings = report.facts.filter((fact) => /\bthe report names\b|\bit says\b|\bAlbanese says\b/.test(fact.text.en));
    expect(findings.length).toBeGreaterThanOrEqual(3);
    for (const fact of findings) {
      expect(fact.caveat?.en, fact.text.en).toMatch(/Special Rapporteur's own/);
      expect(fact.caveat?.ar, fact.text.en).toMatch(/استنتاجات المقررة الخاصة نفسها/);
      expect(fact.text.ar, fact.text.en).toMatch(/يذكر التقرير|يقول|تقول/);
    }
  });

  it('its card shows the kind in words, in each language', () => {
    expect(resolve('Albanese report').blocks).toContain('Report · 2025');
    expect(resolve('تقرير ألبانيزي').blocks).toContain('تقرير · 2025');
  });
});

/** The group headings of `/notech list`, in the order organizers see them. */
const GROUPS = {
  en: { contract: 'Contracts', company: 'Companies', campaign: 'Campaigns', report: 'Reports', event: 'Events' },
  ar: { contract: 'العقود', company: 'الشركات', campaign: 'الحملات', report: 'التقارير', event: 'الأحداث' },
} as const;
const GROUP_ORDER = ['contract', 'company', 'campaign', 'report', 'event'] as const;

describe('/notech list groups every entry by kind, contracts and companies first', () => {
  it.each([
    ['list', 'en'],
    ['قائمة', 'ar'],
  ] as const)('/notech %s', (text, lang) => {
    const reply = replyToCommand(text, knowledge);
    expect(reply.answer.kind).toBe('list');
    const lines = renderMessage(reply.message, { color: false }).split('\n');
    const headingAt = GROUP_ORDER.map((kind) => lines.indexOf(GROUPS[lang][kind]));
    for (const at of headingAt) expect(at, lines.join('\n')).toBeGreaterThanOrEqual(0);
    expect([...headingAt].sort((a, b) => a - b)).toEqual(headingAt);

    for (const e of knowledge.entries) {
      const group = GROUP_ORDER.indexOf(e.kind);
      const at = lines.findIndex((line) => line.includes(`/notech ${e.id}\``));
      expect(at, e.id).toBeGreaterThan(headingAt[group]!);
      if (group + 1 < GROUP_ORDER.length) expect(at, e.id).toBeLessThan(headingAt[group + 1]!);
      expect(lines[at], e.id).toContain(e.name[lang]);
    }
    const reportLines = lines.slice(headingAt[3]! + 1, headingAt[4]);
    expect(reportLines.join('\n')).toContain('/notech un-albanese-report-2025`');
    const eventLines = lines.slice(headingAt[4]! + 1);
    for (const id of ['microsoft-build-2025-protest', 'microsoft-proposal-9', 'amazon-shahrour-firing']) expect(eventLines.join('\n')).toContain(`/notech ${id}\``);
  });

  it('and so does the Home tab, with both languages in each heading', () => {
    const blocks = homeBlocks(knowledge).map((block) => JSON.stringify(block));
    const headerAt = (kind: (typeof GROUP_ORDER)[number]) => blocks.findIndex((block) => block.includes(`"type":"header"`) && block.includes(`${GROUPS.en[kind]} · ${GROUPS.ar[kind]}`));
    const headingAt = GROUP_ORDER.map(headerAt);
    for (const at of headingAt) expect(at).toBeGreaterThan(0);
    expect([...headingAt].sort((a, b) => a - b)).toEqual(headingAt);
    for (const e of knowledge.entries) {
      const group = GROUP_ORDER.indexOf(e.kind);
      // Each entry's Open buttons carry its id; they sit under its kind's heading.
      const at = blocks.findIndex((block) => block.includes(`"block_id":"home_${e.id}"`));
      expect(at, e.id).toBeGreaterThan(headingAt[group]!);
      if (group + 1 < GROUP_ORDER.length) expect(at, e.id).toBeLessThan(headingAt[group + 1]!);
    }
  });
});
