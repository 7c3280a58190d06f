/**
 * The second truth audit of data/knowledge.json 1.1.0 (issue #12): one check per problem fixed
 * (R1–R35 in /work/shared/research/truth-audit-2.md), plus the "as of" dates and source kinds.
 *
 * Each check must hold for the repo file, loaded through the real loader, and must fail for
 * the 1.1.0 file (kept as a fixture), so that none of them can pass by asserting nothing.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { realKnowledge } from '../helpers/knowledge.js';

// The checks read plain JSON: the 1.1.0 fixture predates required source kinds, so it cannot go
// through the loader, and the same predicate has to run on both files.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Data = any;
type Item = any;

const V110: Data = JSON.parse(readFileSync(new URL('./fixtures/knowledge-1.1.0.json', import.meta.url), 'utf8'));

const entry = (d: Data, id: string): Data => d.entries.find((e: Data) => e.id === id) ?? {};
const source = (d: Data, id: string): Data => d.sources.find((s: Data) => s.id === id) ?? {};
const cited = (d: Data, item: Item): Data[] => (item?.sources ?? []).map((id: string) => source(d, id));
const fact = (d: Data, id: string, i: number): Item => entry(d, id).facts?.[i] ?? {};
const figure = (d: Data, id: string, i: number): Item => entry(d, id).figures?.[i] ?? {};
const items = (d: Data): Item[] => d.entries.flatMap((e: Data) => [...(e.facts ?? []), ...(e.figures ?? [])]);

/** Every string in the file, with where it is. */
function strings(value: unknown, path = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
  return [];
}

const CHECKS: Array<{ row: string; what: string; holds: (d: Data) => boolean }> = [
  {
    row: 'R1',
    what: 'the Oldham sale: that Elbit left the site is attributed to the activists, and Elbit says work continues there',
    holds: (d) => {
      const f = fact(d, 'elbit-systems', 5);
      return !/left that site/.test(f.text?.en) && !f.text?.ar?.includes('وغادرت الموقع') && /continue on the Oldham site/.test(f.text?.en) && /Palestine Action[^.]*said Elbit was leaving/.test(f.text?.en);
    },
  },
  {
    row: 'R1',
    what: 'sibling: Stop the Wall entry does not say the campaign "won" the sale',
    holds: (d) => !/was won by/.test(fact(d, 'stop-the-wall', 3).text?.en) && /claimed/.test(fact(d, 'stop-the-wall', 3).text?.en),
  },
  {
    row: 'R2',
    what: 'the count of other UK sites is attributed to the campaign group that gives it',
    holds: (d) => {
      const f = fact(d, 'elbit-systems', 5);
      return !/about ten/.test(f.caveat?.en) && /nine other Elbit sites/.test(f.caveat?.en) && cited(d, f).some((s) => s.kind === 'campaign' && s.url.includes('gmfriendsofpalestine'));
    },
  },
  { row: 'R3', what: "Elbit's size and products are reported, not only the campaign's claim", holds: (d) => fact(d, 'elbit-systems', 0).level === 'reported' },
  {
    row: 'R4',
    what: "HSBC: CAAT named, and HSBC's own account given",
    holds: (d) => /Campaign Against Arms Trade/.test(fact(d, 'elbit-systems', 3).text?.en) && /"regular process"/.test(fact(d, 'elbit-systems', 3).text?.en),
  },
  {
    row: 'R5',
    what: 'NOK 35.8M is the value of the holding at 31 Dec 2008',
    holds: (d) => /31 Dec 2008/.test(figure(d, 'elbit-systems', 0).label?.en) && figure(d, 'elbit-systems', 0).asOf === '2008-12-31',
  },
  {
    row: 'R6',
    what: 'the Swedish exclusion is dated March 2010, from a dated source',
    holds: (d) => /March 2010/.test(fact(d, 'elbit-systems', 2).text?.en) && cited(d, fact(d, 'elbit-systems', 2)).some((s) => String(s.date).startsWith('2010-03')),
  },
  { row: 'R7', what: 'Money Magazine is not cited for a claim it contradicts', holds: (d) => !fact(d, 'stop-the-wall', 2).sources?.includes('moneymag-super-funds') },
  {
    row: 'R8',
    what: 'English and Arabic say the same wall: no "apartheid wall" in Arabic where English says "separation"',
    holds: (d) => items(d).every((i: Item) => !i.text?.ar?.includes('جدار الفصل العنصري') || /apartheid wall/i.test(i.text.en)),
  },
  { row: 'R9', what: 'the Hatzor quote cites the Jerusalem Post', holds: (d) => cited(d, fact(d, 'elbit-onesim-azure', 2)).some((s) => s.url?.includes('jpost.com/israel-news/article-728103')) },
  {
    row: 'R10',
    what: "Microsoft's summary does not state the unconfirmed prison-service tie as fact",
    holds: (d) => {
      const en: string = entry(d, 'microsoft').summary?.en ?? '';
      return !/military and prison system/.test(en) && (!/[Pp]rison/.test(en) || /campaign also says[^;.]*Prison Service, which no independent source confirms/.test(en));
    },
  },
  { row: 'R11', what: 'Arabic says "more than doubled"', holds: (d) => fact(d, 'ips-consulting', 3).text?.ar?.includes('زاد على الضعف') },
  {
    row: 'R12',
    what: 'no Arabic feminine passive without a subject ("تُطّلع على"), anywhere',
    holds: (d) => strings(d).every(([, s]) => !/تُطّ?َ?لَ?ع على/.test(s)) && figure(d, 'ips-consulting', 0).caveat?.ar?.includes('يُطَّلَع على حواشي'),
  },
  {
    row: 'R13',
    what: 'the 2010 conviction rate covers 2010, and the newer HRDF rate (Jan 2018 – Apr 2021) is given',
    holds: (d) =>
      figure(d, 'ips-consulting', 1).covers?.to === '2010-12' &&
      (entry(d, 'ips-consulting').figures ?? []).some((g: Item) => g.value === 96 && g.unit === 'percent' && g.covers?.from === '2018-01' && g.covers?.to === '2021-04'),
  },
  {
    row: 'R14',
    what: 'the pressure on Microsoft came from #DropAnyVision, not "the ACLU"',
    holds: (d) => /#DropAnyVision/.test(fact(d, 'anyvision-m12', 3).text?.en) && !/the ACLU/.test(fact(d, 'anyvision-m12', 3).text?.en),
  },
  {
    row: 'R15',
    what: 'Arabic "minority" is about control (أقلية), not size (الصغير)',
    holds: (d) => fact(d, 'anyvision-m12', 3).text?.ar?.includes('أقلية') && !/الصغير|الصغيرة/.test(fact(d, 'anyvision-m12', 3).text?.ar),
  },
  {
    row: 'R16',
    what: 'Arabic "Series A" is not "the first funding round"',
    holds: (d) => [fact(d, 'anyvision-m12', 0).text?.ar, figure(d, 'anyvision-m12', 0).label?.ar].every((t) => t?.includes('Series A') && !t.includes('جولة التمويل الأولى')),
  },
  {
    row: 'R17',
    what: "TIME's original is cited, the draft is said to be unsigned, and the Portuguese-only caveat is gone",
    holds: (d) => {
      const f = fact(d, 'project-nimbus', 2);
      return cited(d, f).some((s) => s.url?.startsWith('https://time.com/6966102/')) && /not signed/.test(f.text?.en) && f.caveat === undefined;
    },
  },
  { row: 'R18', what: 'Arabic says Google billed the ministry, not that the ministry paid', holds: (d) => !fact(d, 'project-nimbus', 2).text?.ar?.includes('دفعت') && fact(d, 'project-nimbus', 2).text?.ar?.includes('تطالبها') },
  { row: 'R19', what: "No Tech for Apartheid's origin in opposing Nimbus is reported", holds: (d) => fact(d, 'project-nimbus', 3).level === 'reported' },
  {
    row: 'R20',
    what: 'the open letter cites the Guardian letter and a news report, not only its opponent EMET',
    holds: (d) =>
      [fact(d, 'no-tech-for-apartheid', 0), fact(d, 'amazon', 1)].every((f) => cited(d, f).some((s) => s.url?.includes('theguardian.com/commentisfree/2021/oct/12')) && cited(d, f).some((s) => s.kind === 'news')),
  },
  {
    row: 'R21',
    what: 'Google shares the Nimbus contract with Amazon, in both languages',
    holds: (d) => /with Amazon/.test(entry(d, 'google').summary?.en) && entry(d, 'google').summary?.ar?.includes('مع أمازون') && !entry(d, 'google').summary?.ar?.includes('مع الحكومة الإسرائيلية'),
  },
  { row: 'R22', what: "Palantir's founding year cites a news report, not only a dataset", holds: (d) => cited(d, fact(d, 'palantir', 0)).some((s) => s.kind === 'news' && !s.url.includes('huggingface')) },
  { row: 'R23', what: 'the Palantir–Israel partnership cites Reuters', holds: (d) => cited(d, fact(d, 'palantir', 1)).some((s) => /Reuters/.test(s.publisher)) },
  { row: 'R24', what: 'the Globes article has a date (inferred, with a note saying so)', holds: (d) => source(d, 'globes-palantir-israel').date !== null && /inferred/.test(source(d, 'globes-palantir-israel').note) },
  { row: 'R25', what: 'Palantir-on-Azure lists only products the sources name (no Apollo)', holds: (d) => !/Apollo/.test(fact(d, 'palantir-azure', 0).text?.en) && /Azure Government Secret/.test(fact(d, 'palantir-azure', 0).text?.en) },
  {
    row: 'R26',
    what: 'Ibtihal Aboussad, fired after 4 April 2025, is named, and Agrawal resigned early',
    holds: (d) => (entry(d, 'no-azure-for-apartheid').facts ?? []).some((f: Item) => /Ibtihal Aboussad/.test(f.text.en) && /resignation immediately effective/.test(f.text.en) && f.text.ar.includes('ابتهال')),
  },
  {
    row: 'R27',
    what: 'the demands cite The Verge and include those of August 2025',
    holds: (d) => /reparations/.test(fact(d, 'no-azure-for-apartheid', 1).text?.en) && cited(d, fact(d, 'no-azure-for-apartheid', 1)).some((s) => /The Verge/.test(s.publisher)),
  },
  { row: 'R28', what: "the petition count is the campaign's own", holds: (d) => figure(d, 'no-azure-for-apartheid', 0).level === 'campaign' },
  {
    row: 'R29',
    what: 'the 11,500 TB figure is Israeli military data, not audio only',
    holds: (d) => /Israeli military data/.test(figure(d, 'unit-8200-azure', 0).label?.en) && !/[Aa]udio data/.test(figure(d, 'unit-8200-azure', 0).label?.en),
  },
  {
    row: 'R30',
    what: 'the cut-off came while the review was ongoing, not after it',
    holds: (d) => /review was still ongoing/.test(fact(d, 'unit-8200-azure', 2).text?.en) && !/after an external review/.test(fact(d, 'unit-8200-azure', 2).text?.en),
  },
  {
    row: 'R31',
    what: "the campaign's statement is quoted exactly, from a source that carries it",
    holds: (d) => {
      const f = fact(d, 'unit-8200-azure', 3);
      return f.text?.en?.includes('"Microsoft\'s decision today only cuts a specific subset of its cloud and AI services to a specific unit in the Israeli military."') && !f.sources?.includes('dawn-reuters-imod') && cited(d, f).some((s) => s.url?.includes('tag24.com'));
    },
  },
  {
    row: 'R32',
    what: 'the $10M is attributed to the Guardian and Drop Site, the rise in use to AP',
    holds: (d) => !/according to AP and the Guardian/.test(entry(d, 'idf-azure-support').summary?.en) && /Drop Site/.test(entry(d, 'idf-azure-support').summary?.en),
  },
  { row: 'R33', what: 'the Ahram/AP title is not an ellipsis taken from the URL', holds: (d) => !source(d, 'ahram-ap-detention').title?.includes('…') },
  {
    row: 'R34',
    what: "the Norwegian press release has its own title",
    holds: (d) => source(d, 'regjeringen-elbit-exclusion').title === 'Supplier of surveillance equipment for the separation barrier in the West Bank excluded from the Government Pension Fund – Global',
  },
  {
    row: 'R35',
    what: "the scraper copy of TechCrunch says what it is, on the card too",
    holds: (d) => source(d, 'techcrunch-oosto-metropolis').kind === 'republication' && /scraper/.test(fact(d, 'anyvision-m12', 4).caveat?.en),
  },
  // Part 3: states that change carry the date they were true.
  { row: 'as of', what: 'every entry with a status says when it was true', holds: (d) => d.entries.every((e: Data) => e.status === undefined || /^\d{4}/.test(e.statusAsOf ?? '')) },
  { row: 'as of', what: 'Project Nimbus is active as of October 2025', holds: (d) => entry(d, 'project-nimbus').status === 'active' && entry(d, 'project-nimbus').statusAsOf >= '2025-10' },
  {
    row: 'as of',
    what: 'detention counts and services cut off carry their date',
    holds: (d) => figure(d, 'ips-consulting', 2).asOf === '2023-09' && fact(d, 'unit-8200-azure', 2).asOf === '2025-09-25' && figure(d, 'unit-8200-azure', 0).asOf === '2025-07',
  },
  // Part 4: sources say what they are.
  { row: 'kinds', what: 'every source has a kind', holds: (d) => d.sources.every((s: Data) => typeof s.kind === 'string') },
  { row: 'kinds', what: "the campaign's own pages are kind campaign", holds: (d) => ['primer', 'noazure-site', 'actionnetwork-petition', 'mondoweiss-oldham'].every((id) => source(d, id).kind === 'campaign') },
  {
    row: 'kinds',
    what: 'no reported or corrected item cites only campaign publications',
    holds: (d) => items(d).every((i: Item) => i.level === 'campaign' || cited(d, i).some((s) => s.kind !== undefined && s.kind !== 'campaign')),
  },
];

describe('audit 2 (issue #12): the repo file', () => {
  const data = realKnowledge().data;
  it.each(CHECKS)('$row: $what', ({ holds }) => {
    expect(holds(data)).toBe(true);
  });
});

describe('audit 2 (issue #12): each check fails on the 1.1.0 file it corrects', () => {
  it.each(CHECKS)('$row: $what', ({ holds }) => {
    expect(holds(V110)).toBe(false);
  });
});
