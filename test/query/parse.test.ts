import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/** Any UTF-16 code unit, lone surrogates included: what a broken client could send. */
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
import { MAX_INPUT_CHARS, cleanInput, parseQuery, stripMentions } from '../../src/query/parse.js';

describe('the command grammar', () => {
  it.each([
    ['', 'help'],
    ['   ', 'help'],
    ['help', 'help'],
    ['HELP', 'help'],
    ['مساعدة', 'help'],
    ['list', 'list'],
    ['topics', 'list'],
    ['قائمة', 'list'],
    ['version', 'version'],
    ['changelog', 'version'],
    ['الإصدار', 'version'],
    ['search divestment', 'search'],
    ['ابحث سحب الاستثمارات', 'search'],
    ['search', 'help'],
    ['digest status', 'digest'],
    ['elbit', 'topic'],
    ['what about palantir?', 'topic'],
    ['مصلحة السجون', 'topic'],
  ])('%j → %s', (text, kind) => {
    expect(parseQuery(text).kind).toBe(kind);
  });

  it('keeps the words of a search and the text of a topic', () => {
    expect(parseQuery('search  Eric   Holder')).toMatchObject({ kind: 'search', words: 'Eric Holder' });
    expect(parseQuery('what about palantir?')).toMatchObject({ kind: 'topic', text: 'what about palantir?' });
    expect(parseQuery('digest subscribe monday 09:00 Europe/London')).toMatchObject({
      kind: 'digest',
      args: ['subscribe', 'monday', '09:00', 'Europe/London'],
    });
  });

  it.each([
    ['hi, list please', 'list'],
    ['hey help', 'help'],
    ['thanks! version', 'version'],
    ['مرحبا قائمة', 'list'],
    ['لو سمحت مساعدة', 'help'],
    ['مرحبا قائمہ', 'list'], // ہ typed on an Urdu keyboard
    ['what about list', 'topic'], // only greetings and thanks are skipped before a keyword
  ])('greetings before a keyword: %j → %s', (text, kind) => {
    expect(parseQuery(text).kind).toBe(kind);
  });

  it('keeps the words of a search after a greeting, and a topic its phrases', () => {
    expect(parseQuery('hey, search divestment')).toMatchObject({ kind: 'search', words: 'divestment' });
    expect(parseQuery('hey what about google and amazon? thanks')).toMatchObject({ kind: 'topic', text: 'hey what about google and amazon? thanks', phrases: [['google'], ['amazon']] });
  });

  it('asks for the full card with "full" (or كامل) before or after a topic', () => {
    expect(parseQuery('elbit full')).toMatchObject({ kind: 'topic', text: 'elbit', full: true, lang: 'en' });
    expect(parseQuery('FULL project nimbus')).toMatchObject({ kind: 'topic', text: 'project nimbus', full: true });
    expect(parseQuery('إلبيت كامل')).toMatchObject({ kind: 'topic', text: 'إلبيت', full: true, lang: 'ar' });
    expect(parseQuery('مصلحة السجون كاملة')).toMatchObject({ kind: 'topic', text: 'مصلحة السجون', full: true });
    expect(parseQuery('بالكامل إلبيت')).toMatchObject({ kind: 'topic', text: 'إلبيت', full: true });
    expect(parseQuery('elbit full lang:ar')).toMatchObject({ kind: 'topic', text: 'elbit', full: true, lang: 'ar' });
    // Alone, or in the middle, it is just a word of the topic.
    expect(parseQuery('full')).toEqual(expect.objectContaining({ kind: 'topic', text: 'full' }));
    expect(parseQuery('full').kind === 'topic' && parseQuery('full')).not.toHaveProperty('full');
    expect(parseQuery('elbit full systems')).not.toHaveProperty('full');
    expect(parseQuery('elbit')).not.toHaveProperty('full');
    // Other commands are not topics.
    expect(parseQuery('search full')).toMatchObject({ kind: 'search', words: 'full' });
  });

  it('property: "<topic> full" names the same topic as "<topic>"', () => {
    const word = fc.stringMatching(/^[a-z\u0621-\u064A]{1,12}$/).filter((w) => !['full', 'كامل', 'كاملة', 'بالكامل'].includes(w));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), (words) => {
        const plain = parseQuery(words.join(' '));
        fc.pre(plain.kind === 'topic');
        const full = parseQuery(`${words.join(' ')} full`);
        expect(full).toMatchObject({ kind: 'topic', text: (plain as { text: string }).text, full: true });
      }),
    );
  });

  it('answers Arabic in Arabic and English in English', () => {
    expect(parseQuery('مصلحة السجون').lang).toBe('ar');
    expect(parseQuery('elbit').lang).toBe('en');
    expect(parseQuery('ماذا عن Palantir؟').lang).toBe('ar');
  });

  it('lets lang:en / lang:ar override, anywhere in the text', () => {
    expect(parseQuery('elbit lang:ar')).toMatchObject({ kind: 'topic', text: 'elbit', lang: 'ar', langExplicit: true });
    expect(parseQuery('lang:en مصلحة السجون')).toMatchObject({ kind: 'topic', text: 'مصلحة السجون', lang: 'en' });
    expect(parseQuery('LANG:AR list')).toMatchObject({ kind: 'list', lang: 'ar' });
    expect(parseQuery('lang:ar')).toMatchObject({ kind: 'help', lang: 'ar' });
  });

  it('strips mentions of the bot and others', () => {
    expect(stripMentions('<@U0BOT> what about palantir?')).toBe('what about palantir?');
    expect(stripMentions('hey <@U123|maya> and <@W999>')).toBe('hey and');
  });
});

describe('grammar properties', () => {
  const anyText = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: anyCodeUnit, maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }));

  it('parses any text without throwing, into a known kind', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const query = parseQuery(text);
        expect(['help', 'list', 'version', 'search', 'topic', 'digest']).toContain(query.kind);
        expect(['en', 'ar']).toContain(query.lang);
      }),
      { numRuns: 2000 },
    );
  });

  it('an explicit lang flag always wins', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), fc.constantFrom('en', 'ar'), (text, lang) => {
        expect(parseQuery(`${text} lang:${lang}`).lang).toBe(lang);
      }),
    );
  });

  it('a topic never keeps control characters, lone surrogates or runs of spaces', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const query = parseQuery(text);
        const kept = query.kind === 'topic' ? query.text : query.kind === 'search' ? query.words : '';
        // eslint-disable-next-line no-control-regex -- asserting control characters are gone
        expect(kept).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/);
        expect(kept).not.toMatch(/\s{2,}/);
        expect(kept.isWellFormed()).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('caps huge input', () => {
    expect(cleanInput('x'.repeat(10_000)).length).toBe(MAX_INPUT_CHARS);
    expect(parseQuery('a '.repeat(10_000)).kind).toBe('topic');
  });

  it('removes NUL and invalid UTF-8 replacement characters', () => {
    expect(cleanInput('el\u0000bit\uFFFD')).toBe('elbit');
    expect(cleanInput('a\uD800b')).toBe('ab');
  });
});
