/**
 * The compact card: one screen wherever a card appears, for every entry in both languages, and
 * still one screen when the knowledge file grows (more, longer facts; more figures, contracts,
 * sources with long URLs). Limits are measured on what Slack is sent (JSON) and on the console's
 * plain-text rendering at 100 columns, counted here independently of the card's own budget.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Knowledge } from '../../src/knowledge/knowledge.js';
import { parseKnowledge } from '../../src/knowledge/load.js';
import type { Entry, KnowledgeData } from '../../src/knowledge/schema.js';
import { keyFacts } from '../../src/messages/compact-card.js';
import { compose } from '../../src/messages/compose.js';
import { escapeMrkdwn } from '../../src/messages/escape.js';
import { t } from '../../src/messages/strings/index.js';
import { checkMessage } from '../../src/messages/limits.js';
import { renderMessage } from '../../src/messages/plain-text.js';
import type { SlackMessage } from '../../src/messages/types.js';
import { replyToCommand, replyToMention } from '../../src/reply/index.js';
import { rawKnowledge, realKnowledge } from '../helpers/knowledge.js';

const knowledge = realKnowledge();
const LANGS = ['en', 'ar'] as const;

/** Terminal rows at `columns` wide: every line wraps each `columns` characters. */
function rowsAt(text: string, columns: number): number {
  let rows = 0;
  for (const line of text.split('\n')) rows += Math.max(1, Math.ceil(Array.from(line).length / columns));
  return rows;
}

const plain = (message: SlackMessage) => renderMessage(message, { color: false, width: 100 });
const bytes = (message: SlackMessage) => Buffer.byteLength(JSON.stringify(message), 'utf8');
const bodyText = (message: SlackMessage) => JSON.stringify(message.blocks);
const contains = (message: SlackMessage, mrkdwn: string) => bodyText(message).includes(JSON.stringify(mrkdwn).slice(1, -1));

/** The three places a compact card appears: a private answer, a shared card, a mention reply. */
function variants(k: Knowledge, entry: Entry, lang: 'en' | 'ar'): Array<[string, SlackMessage]> {
  const card = { kind: 'card' as const, entry, lang };
  return [
    ['private', replyToCommand(`${entry.id} lang:${lang}`, k).message],
    ['shared', compose(card, k, { preface: t(lang).sharedBy('<@U0MAYA>') })],
    ['mention', replyToMention(`${entry.id} lang:${lang}`, k).message],
  ];
}

function expectOneScreen(message: SlackMessage, label: string) {
  expect(checkMessage(message, 'message', { allow: ['<@U0MAYA>'] }), label).toEqual([]);
  expect(rowsAt(plain(message), 100), label).toBeLessThanOrEqual(25);
  expect(plain(message).length, label).toBeLessThanOrEqual(2000);
  expect(JSON.stringify(message).length, label).toBeLessThanOrEqual(2500);
}

describe('every compact card fits one screen', () => {
  for (const entry of knowledge.entries) {
    for (const lang of LANGS) {
      it(`${entry.id} (${lang}): 25 rows at 100 columns, 2,000 characters, 2,500 characters of JSON, as a private answer, a shared card and a mention reply`, () => {
        for (const [where, message] of variants(knowledge, entry, lang)) expectOneScreen(message, `${entry.id} ${lang} ${where}`);
      });
    }
  }

  it('Elbit, the issue’s example: at most 2,000 characters of text, and 2.5 KB of JSON in English (2,500 characters in Arabic, whose letters take two bytes)', () => {
    expect(bytes(replyToCommand('elbit', knowledge).message)).toBeLessThanOrEqual(2500);
    for (const text of ['elbit', 'إلبيت']) {
      const message = replyToCommand(text, knowledge).message;
      expect(plain(message).length).toBeLessThanOrEqual(2000);
      expect(JSON.stringify(message).length).toBeLessThanOrEqual(2500);
      // Before: the full card, twice as large and more.
      expect(bytes(replyToCommand(`${text} full`, knowledge).message)).toBeGreaterThan(2 * 2500);
    }
  });
});

describe('an Arabic reader is shown as much as an English one', () => {
  // The JSON budget once counted UTF-8 bytes, in which an Arabic letter weighs two: 6 of 24
  // Arabic cards showed a figure or a fact fewer than the English card of the same entry.
  const items = (message: SlackMessage) => (JSON.stringify(message.blocks).match(/•/g) ?? []).length;
  it.each(knowledge.entries.map((entry) => entry.id))('%s: the same number of figures, contracts and facts in both languages', (id) => {
    const en = items(replyToCommand(`${id} lang:en`, knowledge).message);
    expect(en).toBeGreaterThan(0);
    expect(items(replyToCommand(`${id} lang:ar`, knowledge).message)).toBe(en);
  });
});

describe('what the compact card says', () => {
  const elbit = knowledge.entry('elbit-systems')!;

  it.each(LANGS)('title, kind line without parties, summary; the buttons All facts then Share (%s)', (lang) => {
    const entry = knowledge.entry('project-nimbus')!;
    const message = replyToCommand(`project-nimbus lang:${lang}`, knowledge).message;
    expect(message.blocks[0]).toMatchObject({ type: 'header', text: { text: entry.name[lang] } });
    expect(message.blocks[1]).toMatchObject({ type: 'context' });
    const kind = JSON.stringify(message.blocks[1]);
    expect(kind).toContain(t(lang).kinds[entry.kind]);
    expect(kind).not.toContain(t(lang).parties);
    expect(contains(message, escapeMrkdwn(entry.summary[lang]))).toBe(true);
    const actions = message.blocks.at(-1)!;
    expect(actions.type).toBe('actions');
    expect((actions as { elements: Array<{ action_id: string }> }).elements.map((element) => element.action_id)).toEqual(['notech_all_facts', 'notech_share']);
  });

  it('each figure and fact shown says its sourcing level in words and links exactly one source it cites', () => {
    for (const entry of knowledge.entries) {
      for (const lang of LANGS) {
        const message = replyToCommand(`${entry.id} lang:${lang}`, knowledge).message;
        const text = message.blocks.flatMap((block) => (block.type === 'section' && block.text ? block.text.text.split('\n') : []));
        const items = [
          ...entry.figures.map((figure) => ({ item: figure, marker: escapeMrkdwn(figure.label[lang]) })),
          ...entry.facts.map((fact) => ({ item: fact, marker: escapeMrkdwn(fact.text[lang]) })),
        ];
        for (const { item, marker } of items) {
          const line = text.find((candidate) => candidate.startsWith('•') && candidate.includes(marker));
          if (line === undefined) continue;
          expect(line).toContain(t(lang).levels[item.level].words);
          const links = [...line.matchAll(/<(https:[^|>]+)\|/g)].map((match) => match[1]);
          expect(links, line).toHaveLength(1);
          expect(item.sources.map((id) => knowledge.source(id)!.url)).toContain(links[0]);
        }
      }
    }
  });

  it('shows at most three facts, all of them key facts, and at least one fact for every entry in English', () => {
    for (const entry of knowledge.entries) {
      const message = replyToCommand(`${entry.id} lang:en`, knowledge).message;
      const shown = entry.facts.filter((fact) => contains(message, escapeMrkdwn(fact.text.en)));
      expect(shown.length, entry.id).toBeLessThanOrEqual(3);
      expect(shown.length, entry.id).toBeGreaterThan(0);
      for (const fact of shown) expect(keyFacts(entry)).toContain(fact);
    }
  });

  it('a company lists its contracts one line each, with the command for each', () => {
    const message = replyToCommand('elbit', knowledge).message;
    const onesim = knowledge.entry('elbit-onesim-azure')!;
    const line = bodyText(message).split('\\n').find((candidate) => candidate.includes(onesim.name.en))!;
    expect(line).toContain('`/notech elbit-onesim-azure`');
    expect(line).toContain(t('en').levels[onesim.figures[0]!.level].words);
  });

  it('the "All facts" button counts the entry’s facts and carries only the entry id and language', () => {
    const message = replyToCommand('elbit', knowledge).message;
    const button = (message.blocks.at(-1) as { elements: Array<{ action_id: string; value: string; text: { text: string } }> }).elements[0]!;
    expect(button.text.text).toBe(`All ${elbit.facts.length} facts and sources`);
    expect(JSON.parse(button.value)).toEqual({ v: 1, q: 'elbit-systems', lang: 'en' });
  });
});

describe('key facts', () => {
  const entry = (facts: Array<{ level: 'reported' | 'campaign' | 'corrected'; key?: boolean }>): Entry =>
    ({ facts: facts.map((fact, i) => ({ text: { en: `f${i}`, ar: `ح${i}` }, sources: ['s'], ...fact, ...(fact.level === 'corrected' ? { seedSaid: { en: 'x', ar: 'س' } } : {}) })) }) as unknown as Entry;
  const texts = (e: Entry) => keyFacts(e).map((fact) => fact.text.en);

  it('are the facts marked key, in the file’s order', () => {
    expect(texts(entry([{ level: 'campaign' }, { level: 'campaign', key: true }, { level: 'reported' }, { level: 'corrected', key: true }]))).toEqual(['f1', 'f3']);
  });

  it('with none marked: reported first, then corrected, then campaign, three at most, shown in the file’s order', () => {
    expect(texts(entry([{ level: 'campaign' }, { level: 'corrected' }, { level: 'reported' }, { level: 'campaign' }, { level: 'reported' }]))).toEqual(['f1', 'f2', 'f4']);
    expect(texts(entry([{ level: 'campaign' }, { level: 'campaign' }, { level: 'campaign' }, { level: 'campaign' }]))).toEqual(['f0', 'f1', 'f2']);
    expect(texts(entry([{ level: 'campaign' }]))).toEqual(['f0']);
  });

  it('marked in the knowledge file, they are the facts the card shows', () => {
    const data = rawKnowledge() as KnowledgeData;
    const elbit = data.entries.find((e) => e.id === 'elbit-systems')!;
    // The two shortest facts past the first three, so they fit the screen beside the figures.
    const marked = elbit.facts
      .map((fact, i) => ({ i, length: fact.text.en.length }))
      .filter(({ i }) => i >= 3)
      .sort((a, b) => a.length - b.length)
      .slice(0, 2)
      .map(({ i }) => i)
      .sort((a, b) => a - b);
    elbit.facts.forEach((fact, i) => (fact.key = marked.includes(i) ? true : undefined));
    const parsed = parseKnowledge(JSON.stringify(data));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const message = replyToCommand('elbit', parsed.knowledge).message;
    const shown = elbit.facts.flatMap((fact, i) => (contains(message, escapeMrkdwn(fact.text.en)) ? [i] : []));
    expect(marked).toHaveLength(2);
    expect(shown).toEqual(marked);
  });
});

describe('the compact card stays one screen as the knowledge grows', () => {
  /** Elbit with many more, longer facts and figures, contracts and sources with long URLs. */
  function grown(size: 'more' | 'huge'): Knowledge {
    const data = rawKnowledge() as KnowledgeData;
    const n = size === 'more' ? 1 : 8;
    const url = (i: number) => `https://news.example/${'long-path-segment/'.repeat(n * 6)}${i}`;
    for (let i = 0; i < 40; i += 1) data.sources.push({ id: `grown-${i}`, kind: i < 20 ? 'news' : 'campaign', publisher: `Publisher ${i} ${'with a long name '.repeat(n)}`, title: `Title ${i}`, date: '2026-01', url: url(i) });
    const elbit = data.entries.find((e) => e.id === 'elbit-systems')!;
    const words = (i: number) => `Fact ${i}: ${'a sentence an organizer may repeat, with a figure and a date, '.repeat(n * 4)}`.trim();
    for (let i = 0; i < 20; i += 1) {
      elbit.facts.unshift({ text: { en: words(i), ar: `حقيقة ${i}: ${'جملة يكررها المنظمون، فيها رقم وتاريخ، '.repeat(n * 4)}`.trim() }, level: 'reported', sources: [`grown-${i}`, `grown-${i + 20}`] });
      elbit.figures.unshift({ label: { en: `Figure ${i} ${'label '.repeat(15)}`.slice(0, 120), ar: `رقم ${i} ${'تسمية '.repeat(15)}`.slice(0, 120) }, value: 1_234_567 + i, unit: 'USD', year: 2025, level: 'campaign', sources: [`grown-${i + 20}`] });
    }
    // Seven more contracts for the company.
    for (let i = 0; i < 7; i += 1) {
      const id = `grown-contract-${i}`;
      data.entries.push({
        id,
        kind: 'contract',
        name: { en: `Grown contract ${i} ${'with a long name '.repeat(5)}`.slice(0, 100), ar: `عقد ${i} ${'باسم طويل '.repeat(8)}`.slice(0, 100) },
        aliases: { en: [], ar: [`عقد منمى ${'أ'.repeat(i + 1)}`] },
        summary: { en: 'A generated contract.', ar: 'عقد مولّد.' },
        year: 2026,
        figures: [{ label: { en: 'Value', ar: 'القيمة' }, value: 10_000_000 + i, unit: 'USD', level: 'reported', sources: ['grown-0'] }],
        facts: [{ text: { en: 'Generated.', ar: 'مولّد.' }, level: 'reported', sources: ['grown-0'] }],
        related: [],
        verified: '2026-11-30',
      });
      elbit.related.unshift(id);
      data.changelog.at(-1)!.added.push(id);
    }
    const parsed = parseKnowledge(JSON.stringify(data));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems.slice(0, 3)));
    return parsed.knowledge;
  }

  it.each(['more', 'huge'] as const)('%s facts, figures, contracts and longer URLs: still within every limit, in every place', (size) => {
    const k = grown(size);
    const elbit = k.entry('elbit-systems')!;
    for (const lang of LANGS) {
      for (const [where, message] of variants(k, elbit, lang)) {
        expectOneScreen(message, `${size} ${lang} ${where}`);
        // Still the title and the summary, and the way to everything else.
        expect(contains(message, escapeMrkdwn(elbit.summary[lang])), where).toBe(true);
        expect(bodyText(message)).toContain('notech_all_facts');
      }
    }
    // With the extra text of normal length, the card still shows figures and facts.
    if (size === 'more') {
      const message = replyToCommand('elbit', k).message;
      expect(elbit.figures.some((figure) => contains(message, escapeMrkdwn(figure.label.en)))).toBe(true);
      expect(keyFacts(elbit).some((fact) => contains(message, escapeMrkdwn(fact.text.en)))).toBe(true);
    }
  });
});

describe('property: whatever an entry holds, its compact card is one screen', () => {
  it('for any number and length of facts, figures, contracts, URLs and publishers, in both languages', () => {
    const shape = fc.record({
      facts: fc.array(fc.record({ length: fc.integer({ min: 1, max: 2500 }), key: fc.boolean(), level: fc.constantFrom('reported' as const, 'campaign' as const) }), { minLength: 1, maxLength: 12 }),
      figures: fc.array(fc.integer({ min: 1, max: 120 }), { maxLength: 8 }),
      contracts: fc.integer({ min: 0, max: 6 }),
      url: fc.integer({ min: 10, max: 1500 }),
      publisher: fc.integer({ min: 1, max: 300 }),
      summary: fc.integer({ min: 1, max: 300 }),
    });
    fc.assert(
      fc.property(shape, (spec) => {
        const data = rawKnowledge() as KnowledgeData;
        const text = (n: number) => 'word & <b> '.repeat(Math.ceil(n / 11)).slice(0, n).trim() || 'w';
        const arabic = (n: number) => `ع${'كلمة '.repeat(Math.ceil(n / 5))}`.slice(0, n).trim() || 'ع';
        data.sources.push({ id: 'prop', kind: 'news', publisher: text(spec.publisher), title: 'T', date: null, url: `https://x.example/${'p'.repeat(spec.url)}` });
        const elbit = data.entries.find((e) => e.id === 'elbit-systems')!;
        elbit.summary = { en: text(spec.summary), ar: arabic(spec.summary) };
        let keys = 0;
        // The generated facts and figures come first; the real ones stay after them, so every source is still cited.
        // Only generated facts are key (the real ones' marks are dropped: at most three per entry).
        elbit.facts = [
          ...spec.facts.map((fact) => ({ text: { en: text(fact.length), ar: arabic(fact.length) }, level: fact.level, sources: ['prop'], ...(fact.key && keys++ < 3 ? { key: true } : {}) })),
          ...elbit.facts.map(({ key: _key, ...fact }) => fact),
        ];
        elbit.figures = [...spec.figures.map((length, i) => ({ label: { en: text(length), ar: arabic(length) }, value: 1000 + i, unit: 'count' as const, level: 'reported' as const, sources: ['prop'] })), ...elbit.figures];
        elbit.related = data.entries.filter((e) => e.kind === 'contract').slice(0, spec.contracts).map((e) => e.id);
        const parsed = parseKnowledge(JSON.stringify(data));
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems.slice(0, 3)));
        for (const lang of LANGS) {
          for (const [where, message] of variants(parsed.knowledge, parsed.knowledge.entry('elbit-systems')!, lang)) expectOneScreen(message, `${lang} ${where}`);
        }
      }),
      { numRuns: 25 },
    );
  }, 60_000);
});

/**
 * The rule for maintainers (README, "Key facts"): a fact marked key must show on the compact
 * card, in English and Arabic, as a private answer, a shared card and a mention reply. A key
 * fact that cannot fit beside the entry's figures and contracts (the card's budget: 25 rows,
 * 2,000 characters, 2,500 bytes; Arabic takes two bytes a letter) fails here: mark a shorter one.
 *
 * The one exception is a card with no room for any fact at all: the title, the summary, every
 * figure and every contract fill it. Those cards are listed here, and the list is checked both
 * ways: a listed card that starts to show a fact must leave the list.
 */
const NO_ROOM_FOR_A_FACT: ReadonlyArray<[id: string, lang: 'en' | 'ar']> = [
  // Empty since campaign, report and event cards offer their own key facts before linked
  // contracts (microsoft-proposal-9 in Arabic was here: the Unit 8200 contract line took the room).
];

describe('the key facts marked in data/knowledge.json', () => {
  const opening = (text: string) => `${text.split(' ').slice(0, 8).join(' ')}…`;

  // An entry may mark none (the card then picks by sourcing level); today all of them mark some.
  const marking = knowledge.entries.filter((entry) => entry.facts.some((fact) => fact.key === true));
  it('are marked by entries (otherwise the tests below check nothing)', () => {
    expect(marking.length).toBeGreaterThan(0);
  });

  for (const entry of marking) {
    for (const lang of LANGS) {
      const noRoom = NO_ROOM_FOR_A_FACT.some(([id, l]) => id === entry.id && l === lang);
      it(`${entry.id} (${lang}): ${noRoom ? 'no fact fits beside every figure and contract' : 'every key fact shows, in every place'}`, () => {
        const marked = entry.facts.filter((fact) => fact.key === true);
        for (const [where, message] of variants(knowledge, entry, lang)) {
          if (noRoom) {
            expect(entry.facts.filter((fact) => contains(message, escapeMrkdwn(fact.text[lang]))), `${where}: shows a fact now; remove "${entry.id}" (${lang}) from NO_ROOM_FOR_A_FACT`).toEqual([]);
            for (const figure of entry.figures.slice(0, 3)) expect(contains(message, escapeMrkdwn(figure.label[lang])), `${where}: ${figure.label.en}`).toBe(true);
            for (const contract of entry.related.map((id) => knowledge.entry(id)!).filter((other) => other.kind === 'contract').slice(0, 3)) expect(bodyText(message), where).toContain(`/notech ${contract.id}`);
            continue;
          }
          for (const fact of marked) {
            expect(contains(message, escapeMrkdwn(fact.text[lang])), `key fact "${opening(fact.text.en)}" is not on the ${where} card in ${lang}: it does not fit beside the figures and contracts; mark a shorter fact`).toBe(true);
          }
        }
      });
    }
  }
});
