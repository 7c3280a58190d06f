/**
 * What the fact card says about knowledge 1.2.0's fields: as-of dates, the period a figure's data
 * covers, what kind a source is and its archived copy. The fixture is its own small knowledge
 * file, so these tests do not depend on what data/knowledge.json holds today.
 */
import type { KnownBlock } from '@slack/types';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Knowledge } from '../../src/knowledge/knowledge.js';
import { parseKnowledge } from '../../src/knowledge/load.js';
import type { KnowledgeData, Source } from '../../src/knowledge/schema.js';
import { factCard } from '../../src/messages/card.js';
import { digestMessage } from '../../src/messages/digest.js';
import { unsafeSequences } from '../../src/messages/escape.js';
import { t } from '../../src/messages/i18n.js';
import { checkMessage } from '../../src/messages/limits.js';
import type { SlackMessage } from '../../src/messages/types.js';
import { replyToCommand } from '../../src/reply/index.js';

const ARCHIVE = 'https://web.archive.org/web/2025/https://news.example/report';

/** Fixture values, not facts: two entries using every 1.2.0 field, and sources of each kind. */
function fixture(): KnowledgeData {
  const source = (id: string, extra: Partial<Source> = {}): Source => ({
    id,
    kind: 'news',
    publisher: `Publisher ${id}`,
    title: `Title ${id}`,
    date: '2025-09-25',
    url: `https://${id}.example/page`,
    ...extra,
  });
  return {
    version: '1.2.0',
    updated: '2026-11-30',
    changelog: [{ version: '1.2.0', date: '2026-11-30', added: ['dated-contract', 'dated-company'], changed: [], removed: [], note: { en: 'Fixture.', ar: 'بيانات اختبار.' } }],
    sources: [
      source('news', { kind: 'news', archiveUrl: ARCHIVE }),
      source('campaign', { kind: 'campaign' }),
      source('republished', { kind: 'republication', note: 'A copy of Publisher news, first published there.' }),
      source('official', { kind: 'official' }),
      source('unkinded', { kind: 'ngo' }),
    ],
    entries: [
      {
        id: 'dated-contract',
        kind: 'contract',
        name: { en: 'Dated contract', ar: 'عقد مؤرخ' },
        aliases: { en: [], ar: ['العقد المؤرخ'] },
        summary: { en: 'A fixture contract.', ar: 'عقد للاختبار.' },
        parties: [{ en: 'Party A', ar: 'الطرف أ' }],
        year: 2021,
        status: 'suspended',
        statusAsOf: '2025-10',
        figures: [
          { label: { en: 'Rate', ar: 'النسبة' }, value: 99.74, unit: 'percent', year: 2021, covers: { from: '2018-01', to: '2021-04' }, level: 'reported', sources: ['news'] },
          { label: { en: 'Count', ar: 'العدد' }, value: 2000, unit: 'count', year: 2025, asOf: '2025-08', level: 'reported', sources: ['official'] },
          { label: { en: 'One year', ar: 'سنة واحدة' }, value: 5, unit: 'count', covers: { from: '2010', to: '2010' }, level: 'campaign', sources: ['campaign'] },
        ],
        facts: [
          { text: { en: 'Services were cut off.', ar: 'قُطعت الخدمات.' }, asOf: '2025-09-25', level: 'reported', sources: ['news', 'republished'] },
          { text: { en: 'The campaign says more.', ar: 'تقول الحملة المزيد.' }, level: 'campaign', sources: ['campaign', 'unkinded'] },
        ],
        related: [],
        verified: '2026-11-30',
      },
      {
        id: 'dated-company',
        kind: 'company',
        name: { en: 'Dated company', ar: 'شركة مؤرخة' },
        aliases: { en: [], ar: ['الشركة المؤرخة'] },
        summary: { en: 'A fixture company.', ar: 'شركة للاختبار.' },
        figures: [],
        facts: [{ text: { en: 'It exists.', ar: 'إنها موجودة.' }, level: 'reported', sources: ['official'] }],
        related: ['dated-contract'],
        verified: '2026-11-30',
      },
    ],
  };
}

function load(data: KnowledgeData): Knowledge {
  const parsed = parseKnowledge(JSON.stringify(data));
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return parsed.knowledge;
}

const knowledge = load(fixture());

/** Every mrkdwn text in the message, one per block element, in order. */
function texts(message: SlackMessage): string[] {
  return message.blocks.flatMap((block: KnownBlock) => {
    if (block.type === 'section') return block.text ? [block.text.text] : [];
    if (block.type === 'context') return block.elements.map((element) => ('text' in element ? element.text : ''));
    return [];
  });
}

function card(id: string, lang: 'en' | 'ar', from = knowledge): SlackMessage {
  return factCard(from.entry(id)!, lang, from);
}

/** The card's source lines, "[n] …", keyed by the source's URL. */
function sourceLines(message: SlackMessage): Map<string, string> {
  const lines = texts(message).flatMap((text) => text.split('\n')).filter((line) => /^\[\d+\] /.test(line));
  return new Map(lines.map((line) => [/^\[\d+\] <(https:[^|>]+)\|/.exec(line)?.[1] ?? line, line]));
}

describe('as-of dates in words', () => {
  it('the kind line gives the status with its statusAsOf', () => {
    expect(texts(card('dated-contract', 'en'))).toContain('Contract · 2021 · Status: partly suspended (as of October 2025) · Parties: Party A');
    expect(texts(card('dated-contract', 'ar'))).toContain('عقد · 2021 · الحالة: معلّق جزئيًا (بحسب آخر المعلومات في أكتوبر 2025) · الأطراف: الطرف أ');
  });

  it('a status without statusAsOf stays as it was', () => {
    const data = fixture();
    delete data.entries[0]!.statusAsOf;
    expect(texts(card('dated-contract', 'en', load(data)))).toContain('Contract · 2021 · Status: partly suspended · Parties: Party A');
  });

  it('a fact with asOf gives the date after its sourcing level, in both languages', () => {
    const en = texts(card('dated-contract', 'en')).join('\n');
    expect(en).toContain('• Services were cut off. [1][4]\n      ✅ _Independently reported_ · as of 25 September 2025\n');
    // A fact without asOf gets no date.
    expect(en).toContain('• The campaign says more. [3][5]\n      ⚠️ _Campaign\'s claim, not independently confirmed_\n');
    const ar = texts(card('dated-contract', 'ar')).join('\n');
    expect(ar).toContain('• قُطعت الخدمات. [1][4]\n      ✅ _نقلته مصادر مستقلة_ · بحسب آخر المعلومات في 25 سبتمبر 2025\n');
  });

  it('a figure with asOf gives it after its sourcing level, and not its year again', () => {
    // The figure's year (2025) is in its as-of date: said once, "as of August 2025", not "(2025)" too.
    expect(texts(card('dated-contract', 'en')).join('\n')).toContain('• *2,000*: Count [2]\n      ✅ _Independently reported_ · as of August 2025');
    expect(texts(card('dated-contract', 'ar')).join('\n')).toContain('✅ _نقلته مصادر مستقلة_ · بحسب آخر المعلومات في أغسطس 2025');
  });
});

describe('the period a figure covers', () => {
  it('replaces the bare year, in both languages', () => {
    const en = texts(card('dated-contract', 'en')).join('\n');
    expect(en).toContain('• *99.74%* (data for January 2018 – April 2021): Rate [1]');
    expect(en).not.toContain('(2021): Rate');
    expect(en).toContain('• *5* (data for 2010): One year [3]');
    const ar = texts(card('dated-contract', 'ar')).join('\n');
    expect(ar).toContain('(بيانات الفترة من يناير 2018 إلى أبريل 2021): النسبة');
    expect(ar).toContain('(بيانات 2010): سنة واحدة');
  });

  it('is shown with the headline figure on a company card’s contract line', () => {
    expect(texts(card('dated-company', 'en')).join('\n')).toContain('• *Dated contract* (2021): 99.74% (data for January 2018 – April 2021) · Rate [1]');
  });

  it('and in the digest spotlight, with the figure’s sourcing level', () => {
    const plan = { knowledge, releases: [], spotlight: knowledge.entry('dated-contract')!, shownAfter: [] };
    const message = digestMessage(plan, { lang: 'en', at: new Date('2026-11-30T09:00:00Z'), timezone: 'UTC' });
    expect(texts(message).join('\n')).toContain('• *99.74%* (data for January 2018 – April 2021): Rate · ✅ _Independently reported_');
  });
});

describe('sources say what they are', () => {
  it('campaign sources and republications are marked in words; other kinds are not', () => {
    for (const [lang, campaign, republication] of [
      ['en', 'campaign source', 'republished copy'],
      ['ar', 'مصدر الحملة', 'نسخة أُعيد نشرها'],
    ] as const) {
      const lines = sourceLines(card('dated-contract', lang));
      expect(lines.get('https://campaign.example/page')).toMatch(new RegExp(` · ${campaign}$`));
      expect(lines.get('https://republished.example/page')).toMatch(new RegExp(` · ${republication}$`));
      for (const plain of ['official', 'unkinded']) {
        expect(lines.get(`https://${plain}.example/page`)).toMatch(new RegExp(`^\\[\\d\\] <[^>]+>: Publisher \\w+${t(lang).listSeparator}[^·]+$`));
      }
    }
  });

  it('a source with archiveUrl ends with an "archived copy" link', () => {
    expect(sourceLines(card('dated-contract', 'en')).get('https://news.example/page')).toBe(
      `[1] <https://news.example/page|Title news>: Publisher news, 25 September 2025 · <${ARCHIVE}|archived copy>`,
    );
    expect(sourceLines(card('dated-contract', 'ar')).get('https://news.example/page')).toMatch(new RegExp(` · <${ARCHIVE}\\|نسخة مؤرشفة>$`));
  });

  it('every card fits Slack’s limits', () => {
    for (const id of ['dated-contract', 'dated-company']) {
      for (const lang of ['en', 'ar'] as const) {
        const message = replyToCommand(`${id} lang:${lang}`, knowledge).message;
        expect(checkMessage(message)).toEqual([]);
        expect(JSON.stringify(message.blocks)).not.toMatch(/size limit|حدّ الحجم/);
      }
    }
  });
});

describe('mrkdwn-hostile source values', () => {
  /** Knowledge built without the schema, as a bad edit might look if a check were ever skipped. */
  const unchecked = (edit: (source: Source) => void) => {
    const data = fixture();
    edit(data.sources[0]!);
    return new Knowledge(data);
  };
  /** The links in a line, as Slack parses `<url|label>`. */
  const links = (line: string) => [...line.matchAll(/<([^|>]*)\|([^>]*)>/g)].map((m) => m[1]);

  it('a hostile title and publisher cannot open, close or add links, or ping anyone', () => {
    const hostile = '<!channel> *bold* _it_ ~s~ `c` | > & <https://evil.example|click> <@U123>';
    const message = card('dated-contract', 'en', unchecked((source) => {
      source.title = hostile;
      source.publisher = hostile;
    }));
    expect(checkMessage(message)).toEqual([]);
    const line = sourceLines(message).get('https://news.example/page')!;
    expect(links(line)).toEqual(['https://news.example/page', ARCHIVE]);
    expect(line).toMatch(new RegExp(` · <${ARCHIVE}\\|archived copy>$`));
  });

  it('an archiveUrl the schema would refuse is never made a link', () => {
    for (const archiveUrl of ['https://evil.example/a|<!channel>', 'https://x.example/>', 'javascript:alert(1)', 'http://plain.example/', 'https://a b.example/']) {
      const message = card('dated-contract', 'en', unchecked((source) => {
        source.archiveUrl = archiveUrl;
      }));
      expect(checkMessage(message)).toEqual([]);
      const line = sourceLines(message).get('https://news.example/page')!;
      expect(links(line)).toEqual(['https://news.example/page']);
      expect(line).toMatch(/ · archived copy$/);
    }
  });

  it('property: whatever the title and publisher, the line has exactly our links and no control sequence', () => {
    const piece = fc.constantFrom('<', '>', '|', '&', '*', '_', '~', '`', '!channel', '@U1', 'https://e.x', ' ', '\n', 'ع', 'a');
    const text = fc.array(piece, { minLength: 1, maxLength: 30 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, text, (title, publisher) => {
        const message = card('dated-contract', 'ar', unchecked((source) => {
          source.title = title;
          source.publisher = publisher;
        }));
        const all = texts(message).join('\n');
        expect(unsafeSequences(all)).toEqual([]);
        expect(all).toContain(` · <${ARCHIVE}|نسخة مؤرشفة>`);
        expect(all.match(/<https:[^|>]*\|/g)).toHaveLength(6); // five sources and one archived copy
      }),
      { numRuns: 200 },
    );
  });
});

describe('Arabic cards use Arabic punctuation', () => {
  /** The fixture with two parties, a corrected fact (what the seed said) and two releases' worth of names. */
  function punctuated(): Knowledge {
    const data = fixture();
    const contract = data.entries[0]!;
    contract.parties = [
      { en: 'Party A', ar: 'الطرف أ' },
      { en: 'Party B', ar: 'الطرف ب' },
    ];
    contract.facts.push({ text: { en: 'It was smaller.', ar: 'كان أصغر.' }, level: 'corrected', seedSaid: { en: 'It was larger.', ar: 'كان أكبر.' }, sources: ['news'] });
    data.entries[1]!.related = ['dated-contract', 'dated-contract-2'];
    data.entries.push({ ...structuredClone(contract), id: 'dated-contract-2', name: { en: 'Second contract', ar: 'عقد ثانٍ' }, aliases: { en: [], ar: ['العقد الثاني'] }, related: [] });
    data.changelog[0]!.added.push('dated-contract-2');
    return load(data);
  }
  const k = punctuated();

  it('the kind line joins two parties with "، " in Arabic and ", " in English', () => {
    expect(texts(card('dated-contract', 'ar', k))[0]).toBe('عقد · 2021 · الحالة: معلّق جزئيًا (بحسب آخر المعلومات في أكتوبر 2025) · الأطراف: الطرف أ، الطرف ب');
    expect(texts(card('dated-contract', 'en', k))[0]).toBe('Contract · 2021 · Status: partly suspended (as of October 2025) · Parties: Party A, Party B');
  });

  it('what the seed said is quoted «…» in Arabic and “…” in English', () => {
    expect(texts(card('dated-contract', 'ar', k)).join('\n')).toContain('✏️ _مُصحَّح_: قال المقال الأصلي «كان أكبر.»');
    expect(texts(card('dated-contract', 'en', k)).join('\n')).toContain('✏️ _Corrected_: the seed article said “It was larger.”');
  });

  // The fixture's Arabic text holds no Latin comma, so any on an Arabic card is the card's own:
  // the kind line, a contract's value and label, a source's publisher and date, the related
  // commands, the names in a release.
  it('no Latin comma or quotation mark anywhere on an Arabic card, full or compact, or in the version answer', () => {
    // [message, whether it joins anything]: the compact card lists no parties or related commands.
    const arabic: Array<[SlackMessage, boolean]> = [
      [card('dated-contract', 'ar', k), true],
      [card('dated-company', 'ar', k), true],
      [replyToCommand('dated-company lang:ar', k).message, false],
      [replyToCommand('dated-company full lang:ar', k).message, true],
      [replyToCommand('الإصدار', k).message, true],
    ];
    for (const [message, joins] of arabic) {
      const text = texts(message).join('\n');
      if (joins) expect(text).toMatch(/، /);
      // A comma between digits is a number's (2,000), not punctuation.
      expect(text).not.toMatch(/,(?!\d)|[“”]/);
    }
    // The same messages in English do use them: the check above can fail.
    expect(texts(card('dated-company', 'en', k)).join('\n')).toMatch(/, /);
    expect(texts(replyToCommand('version', k).message).join('\n')).toContain('Dated contract, Dated company, Second contract');
  });
});
