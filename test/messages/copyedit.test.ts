/**
 * Copy-editing rules for every card NoTech composes, checked over every entry of the real
 * knowledge in both languages (compact card, full card in a message and in the modal, digest
 * spotlight): how a sentence meets the sourcing note after it, and that each date is said once.
 * The dates are recognised here with Intl's own month names, not with the cards' code
 * (format.ts's statesDate), so the two can disagree.
 */
import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { Entry, Fact, Figure } from '../../src/knowledge/schema.js';
import { factCard, withNote } from '../../src/messages/card.js';
import { compactCard } from '../../src/messages/compact-card.js';
import { digestMessage } from '../../src/messages/digest.js';
import { escapeMrkdwn } from '../../src/messages/escape.js';
import { formatAsOf, formatFigureValue, formatPartialDate, statesDate } from '../../src/messages/format.js';
import { t, type Lang } from '../../src/messages/strings/index.js';
import type { SlackMessage } from '../../src/messages/types.js';
import { replyToCheck, replyToCommand } from '../../src/reply/index.js';
import { STRINGS } from '../../src/messages/strings/index.js';
import { rawKnowledge, realKnowledge } from '../helpers/knowledge.js';

const knowledge = realKnowledge();
const LANGS: Lang[] = ['en', 'ar'];

/** Every mrkdwn text of a message (sections, context elements), in order. */
function texts(message: SlackMessage): string[] {
  return message.blocks.flatMap((block: KnownBlock) => {
    if (block.type === 'section') return block.text ? [block.text.text] : [];
    if (block.type === 'context') return block.elements.flatMap((element) => ('text' in element ? [element.text] : []));
    return [];
  });
}

/** Every card an organizer may see for `entry` in `lang`, named for the failure message. */
function cards(entry: Entry, lang: Lang): Array<[string, SlackMessage]> {
  return [
    [`${entry.id} ${lang} compact`, compactCard(entry, lang, knowledge)],
    [`${entry.id} ${lang} full`, factCard(entry, lang, knowledge)],
    [`${entry.id} ${lang} modal`, factCard(entry, lang, knowledge, { surface: 'modal' })],
    [`${entry.id} ${lang} digest`, digestMessage({ knowledge, releases: [], spotlight: entry }, { lang, at: new Date('2026-11-30T09:00:00Z'), timezone: 'UTC' })],
  ];
}

const ALL = knowledge.entries.flatMap((entry) => LANGS.flatMap((lang) => cards(entry, lang).map(([name, message]) => ({ entry, lang, name, message }))));

/**
 * A card's items: each "• …" line with the indented lines under it (the full card's sourcing
 * note and caveat), so an item's own words and its notes are read together.
 */
function items(message: SlackMessage): string[] {
  const out: string[] = [];
  for (const line of texts(message).flatMap((text) => text.split('\n'))) {
    if (line.startsWith('• ')) out.push(line);
    else if (line.startsWith('      ') && out.length > 0) out[out.length - 1] += `\n${line}`;
  }
  return out;
}

/** The card's item showing these words (a fact's text, a figure's label), if it shows it. */
function itemWith(message: SlackMessage, words: string): string | undefined {
  const escaped = escapeMrkdwn(words);
  return items(message).find((item) => item.includes(escaped));
}

/**
 * Whether `words` say `date` at its precision, as Intl writes dates in `lang`: "31 December
 * 2008" or "31 Dec 2008" for a day, "December 2008" or "Dec 2008" for a month, the digits for a year.
 */
function saysDate(words: string, date: string, lang: Lang): boolean {
  const [year, month, day] = date.split('-').map(Number) as [number, number | undefined, number | undefined];
  if (month === undefined) return new RegExp(`(?<!\\d)${year}(?!\\d)`).test(words);
  const at = new Date(Date.UTC(year, month - 1, day ?? 1));
  const forms = (['long', 'short'] as const).map((monthStyle) =>
    new Intl.DateTimeFormat(t(lang).locale, { ...(day === undefined ? {} : { day: 'numeric' }), month: monthStyle, year: 'numeric', timeZone: 'UTC' }).format(at),
  );
  return forms.some((form) => words.includes(form));
}

describe('a sentence meets its sourcing note without doubled punctuation', () => {
  it('no card has a closing mark (. ? ! : ; , … ، ؛ ؟), perhaps before a quote, right before a " · " separator', () => {
    const found = ALL.flatMap(({ name, message }) =>
      texts(message)
        .flatMap((text) => text.split('\n'))
        .filter((line) => /[.!?…:;,،؛؟]["”’»)]*[ \u00a0]+·/u.test(line))
        .map((line) => `${name}: ${line.slice(0, 100)}`),
    );
    expect(found).toEqual([]);
  });

  it('the sentence keeps its own closing mark: every key fact a compact card shows is there whole, its note after a space', () => {
    let checked = 0;
    for (const entry of knowledge.entries) {
      for (const lang of LANGS) {
        const card = compactCard(entry, lang, knowledge);
        for (const fact of entry.facts) {
          const item = itemWith(card, fact.text[lang]);
          if (item === undefined) continue;
          checked += 1;
          const level = t(lang).levels[fact.level];
          expect(item, `${entry.id} ${lang}`).toContain(`${escapeMrkdwn(fact.text[lang])} ${level.marker} _${level.words}_`);
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('no doubled separator, doubled space or space before a mark, on any card', () => {
    const found = ALL.flatMap(({ name, message }) =>
      texts(message)
        .flatMap((text) => text.split('\n'))
        .filter((line) => /·\s*·|\S {2,}\S| [,.;:،؛؟?!](?!\d)/u.test(line))
        .map((line) => `${name}: ${line.slice(0, 100)}`),
    );
    expect(found).toEqual([]);
  });

  it('withNote: a space after a sentence (also «…». and ."), " · " after a label, a dangling comma or colon dropped', () => {
    expect(withNote('Found unlawful in 2004.', 'N')).toBe('Found unlawful in 2004. N');
    expect(withNote('Was it?', 'N')).toBe('Was it? N');
    expect(withNote('هل كان كذلك؟', 'N')).toBe('هل كان كذلك؟ N');
    expect(withNote('He said "no."', 'N')).toBe('He said "no." N');
    expect(withNote('قال «لا».', 'N')).toBe('قال «لا». N');
    expect(withNote('Contract value', 'N')).toBe('Contract value · N');
    expect(withNote('Contract value (2021)', 'N')).toBe('Contract value (2021) · N');
    expect(withNote('Contract value:', 'N')).toBe('Contract value · N');
    expect(withNote('قيمة العقد،', 'N')).toBe('قيمة العقد · N');
  });
});

/** Every fact and figure of the knowledge with an `asOf`, with the words a card shows next to it. */
const DATED = knowledge.entries.flatMap((entry) =>
  LANGS.flatMap((lang) => [
    ...entry.figures.filter((figure) => figure.asOf !== undefined).map((figure: Figure) => ({ entry, lang, words: figure.label[lang], asOf: figure.asOf! })),
    ...entry.facts.filter((fact) => fact.asOf !== undefined).map((fact: Fact) => ({ entry, lang, words: fact.text[lang], asOf: fact.asOf! })),
  ]),
);

describe('each date is said once', () => {
  it('an as-of date its own words already say is not said again; one they do not say is kept, on every card', () => {
    let dropped = 0;
    let kept = 0;
    for (const { entry, lang, words, asOf } of DATED) {
      const stated = saysDate(words, asOf, lang);
      for (const [name, message] of cards(entry, lang)) {
        // The item without its own words, which may say "as of July 2025" themselves.
        const item = itemWith(message, words)?.replace(escapeMrkdwn(words), '');
        if (item === undefined) continue;
        if (stated) {
          expect(item, name).not.toContain(formatAsOf(asOf, lang));
          dropped += 1;
        } else {
          expect(item, name).toContain(formatAsOf(asOf, lang));
          kept += 1;
        }
      }
    }
    // Both cases occur in the knowledge, in both languages: the test is not vacuous.
    expect(dropped).toBeGreaterThan(20);
    expect(kept).toBeGreaterThan(5);
  });

  it('a figure’s year in parentheses only when neither its label nor its as-of date says that year', () => {
    let checked = 0;
    for (const entry of knowledge.entries) {
      for (const lang of LANGS) {
        for (const figure of entry.figures) {
          if (figure.year === undefined || figure.covers) continue;
          for (const [name, message] of cards(entry, lang)) {
            const item = itemWith(message, figure.label[lang]);
            // The item that shows the figure's own value (not a contract line naming it).
            if (item === undefined || !item.startsWith('• *')) continue;
            checked += 1;
            const year = String(figure.year);
            const asOfShown = figure.asOf !== undefined && item.includes(formatAsOf(figure.asOf, lang));
            const said = saysDate(figure.label[lang], year, lang) || (asOfShown && figure.asOf!.startsWith(year));
            if (said) expect(item, name).not.toContain(`(${year})`);
            else expect(item, name).toContain(`* (${year}): `);
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('the period a figure covers is not given again when its label says both ends; a whole calendar year is the year', () => {
    let checked = 0;
    for (const entry of knowledge.entries) {
      for (const lang of LANGS) {
        for (const figure of entry.figures) {
          if (!figure.covers) continue;
          const { from, to } = figure.covers;
          const label = figure.label[lang];
          for (const [name, message] of cards(entry, lang)) {
            const item = itemWith(message, label);
            if (item === undefined || !item.startsWith('• *')) continue;
            checked += 1;
            const covers = t(lang).covers('').trim();
            if (saysDate(label, from, lang) && saysDate(label, to, lang)) expect(item, name).not.toContain(`(${covers}`);
            else if (from.slice(0, 4) === to.slice(0, 4) && from.endsWith('-01') && to.endsWith('-12')) expect(item, name).toContain(`(${t(lang).covers(formatPartialDate(from.slice(0, 4), lang))})`);
            else expect(item, name).toContain(`(${covers}`);
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(4);
  });
});

describe('statesDate: a date in the words, at least as precise', () => {
  it.each([
    ['at 31 Dec 2008, sold in 2009', '2008-12-31', true],
    ['on 31 December 2008', '2008-12-31', true],
    ['on December 31, 2008', '2008-12-31', true],
    ['on 2008-12-31', '2008-12-31', true],
    ['في 31 ديسمبر 2008', '2008-12-31', true],
    ['في 31 كانون الأول 2008', '2008-12-31', true],
    ['في ٣١ ديسمبر ٢٠٠٨', '2008-12-31', true],
    ['in early September 2025', '2025-09', true],
    ['في أوائل سبتمبر 2025', '2025-09', true],
    ['in Sept. 2025', '2025-09', true],
    ['On 25 September 2025 Microsoft said', '2025-09', true],
    ['sold in 2009', '2009', true],
    // Less precise than the date, or another date: not stated.
    ['by August 2025', '2025-08-26', false],
    ['حتى أغسطس 2025', '2025-08-26', false],
    ['in December 2008', '2008-12-31', false],
    ['on 1 December 2008', '2008-12-31', false],
    ['in 2025', '2025-09', false],
    ['in 20091 votes', '2009', false],
    ['the Decision of 2008', '2008-12', false],
  ])('%s / %s → %s', (words, date, expected) => {
    expect(statesDate(words, date)).toBe(expected);
  });
});

describe('the status line', () => {
  it('gives the status’s as-of date unless the summary right under it says that date, on the compact and full cards', () => {
    let dropped = 0;
    let kept = 0;
    for (const entry of knowledge.entries) {
      if (entry.status === undefined || entry.statusAsOf === undefined) continue;
      for (const lang of LANGS) {
        const said = saysDate(entry.summary[lang], entry.statusAsOf, lang);
        for (const message of [compactCard(entry, lang, knowledge), factCard(entry, lang, knowledge)]) {
          const kindLine = texts(message).find((text) => text.startsWith(t(lang).kinds[entry.kind]))!;
          expect(kindLine, `${entry.id} ${lang}`).toContain(`${t(lang).status}: ${t(lang).statuses[entry.status]}`);
          if (said) expect(kindLine, `${entry.id} ${lang}`).not.toContain(formatAsOf(entry.statusAsOf, lang));
          else expect(kindLine, `${entry.id} ${lang}`).toContain(`(${formatAsOf(entry.statusAsOf, lang)})`);
          if (said) dropped += 1;
          else kept += 1;
        }
      }
    }
    expect(dropped).toBeGreaterThan(0);
    expect(kept).toBeGreaterThan(0);
  });
});

describe('a figure’s label is a caption', () => {
  it('never follows a comma (", Contract value"), on any card in either language', () => {
    let checked = 0;
    const found: string[] = [];
    for (const { entry, name, message, lang } of ALL) {
      const text = texts(message).join('\n');
      const figures = [entry, ...entry.related.map((id) => knowledge.entry(id)).filter((other): other is Entry => other !== undefined)].flatMap((e) => e.figures);
      for (const figure of figures) {
        const label = escapeMrkdwn(figure.label[lang]);
        if (!text.includes(label)) continue;
        checked += 1;
        if (text.includes(`, ${label}`) || text.includes(`، ${label}`)) found.push(`${name}: ${label}`);
      }
    }
    expect(found).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });
});

/** A fact's or figure's caveat and what the seed said, where it has them. */
function notes(item: Fact | Figure, lang: Lang): string[] {
  const { caveat, seedSaid } = item as { caveat?: Record<Lang, string>; seedSaid?: Record<Lang, string> };
  return [caveat?.[lang] ?? '', seedSaid?.[lang] ?? ''];
}

/** Every knowledge text a card may show, escaped as cards show it, longest first. */
const KNOWLEDGE_WORDS = [
  ...knowledge.entries.flatMap((entry) =>
    LANGS.flatMap((lang) => [
      entry.name[lang],
      entry.summary[lang],
      ...(entry.parties ?? []).map((party) => party[lang]),
      ...entry.figures.flatMap((figure) => [figure.label[lang], ...notes(figure, lang)]),
      ...entry.facts.flatMap((fact) => [fact.text[lang], ...notes(fact, lang)]),
    ]),
  ),
  ...knowledge.data.sources.flatMap((source) => [source.title, source.publisher]),
]
  .filter((words) => words !== '')
  .map(escapeMrkdwn)
  .sort((a, b) => b.length - a.length);

/** A check answer for a message naming an entry's first figure and the next entry, in `lang`. */
function checkAnswers(lang: Lang): Array<[string, SlackMessage]> {
  const entries = knowledge.entries.filter((entry) => entry.figures.length > 0);
  return entries.map((entry, i) => {
    const other = entries[(i + 1) % entries.length]!;
    const said = `${entry.name[lang]} ${formatFigureValue(entry.figures[0]!, lang)}. ${other.name[lang]} ${formatFigureValue(other.figures[0]!, lang)}.`;
    return [`check ${entry.id} ${lang}`, replyToCheck(said, knowledge).message];
  });
}

describe('one colon per phrase', () => {
  it('no " · " part of a line the cards compose has two colons ("Contract: X (2022): $107 million"), on any card or check answer', () => {
    const messages = [...ALL.map(({ name, message }) => [name, message] as const), ...checkAnswers('en'), ...checkAnswers('ar')];
    const found: string[] = [];
    let withTopics = 0;
    for (const [name, message] of messages) {
      for (const text of texts(message)) {
        let own = text;
        for (const words of KNOWLEDGE_WORDS) own = own.split(words).join('…');
        for (const line of own.split('\n')) {
          for (const part of line.split(' · ')) if ((part.match(/: /g) ?? []).length > 1) found.push(`${name}: ${line.slice(0, 120)}`);
        }
      }
      if (name.startsWith('check') && texts(message).some((text) => text.includes(' · *'))) withTopics += 1;
    }
    expect(found).toEqual([]);
    // Check answers naming several topics (the topic before each figure) are among them.
    expect(withTopics).toBeGreaterThan(5);
  });
});

describe('one apostrophe in English', () => {
  // The knowledge writes "Norway's", "Elbit's" with a straight apostrophe; a card that also shows
  // "the campaign’s claim" from the interface mixes two on one screen.
  const knowledgeText = JSON.stringify(rawKnowledge().entries);
  it('the knowledge writes straight apostrophes only (the premise of the next check)', () => {
    expect(knowledgeText).toMatch(/[a-z]'[a-z]/);
    expect(knowledgeText).not.toMatch(/’/);
  });

  it('no English card, help or check answer, nor any English interface string, has a curly apostrophe', () => {
    const english = [
      ...ALL.filter(({ lang }) => lang === 'en').map(({ name, message }) => [name, texts(message).join('\n')] as const),
      ['help', texts(replyToCommand('help', knowledge).message).join('\n')] as const,
      ['check', texts(replyToCheck('Norway sold its Elbit stake worth NOK 35.8 million.', knowledge).message).join('\n')] as const,
      ['strings', JSON.stringify(STRINGS.en, (_key, value: unknown) => (typeof value === 'function' ? String((value as (...args: unknown[]) => unknown)('X', 'Y', 'Z')) : value))] as const,
    ];
    const curly = english.filter(([, text]) => /[A-Za-z]’[A-Za-z]/.test(text)).map(([name]) => name);
    expect(curly).toEqual([]);
  });
});
