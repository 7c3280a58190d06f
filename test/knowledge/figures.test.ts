import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIGURE_UNITS } from '../../src/knowledge/schema.js';
import { MAX_FIGURE_TEXT, readFigures, type ReadFigure } from '../../src/knowledge/figures.js';
import { CONTROL_SEQUENCES, hostileText } from '../support/hostile.js';

/** Any UTF-16 code unit, lone surrogates included. */
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));

const ARABIC_INDIC = '٠١٢٣٤٥٦٧٨٩';
const PERSIAN = '۰۱۲۳۴۵۶۷۸۹';

/** ASCII digits and separators written as Arabic-Indic (or Persian) digits, ٫ and ٬. */
function arabicDigits(text: string, digits = ARABIC_INDIC): string {
  return text.replace(/[0-9.,]/g, (char) => (char === '.' ? '٫' : char === ',' ? '٬' : digits[Number(char)]!));
}

/** A decimal written with its digits: m / 10^d, e.g. (12, 1) → "1.2". */
function decimal(mantissa: number, decimals: number): string {
  const digits = String(mantissa).padStart(decimals + 1, '0');
  return decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

/** An integer with thousands separators. */
function grouped(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** What a reading says, without its span (for comparing readings of the same figure). */
function said(text: string): Array<Pick<ReadFigure, 'value' | 'unit'> & { text: string }> {
  return readFigures(text).map((figure) => ({ value: figure.value, unit: figure.unit, text: text.slice(figure.span.start, figure.span.end) }));
}

describe('readFigures: what each way of writing a figure reads as', () => {
  it.each<[string, number, string, string]>([
    // text, value (base units), unit, span text
    ['$211k', 211_000, 'USD', '$211k'],
    ['the deal is worth US$1,200 million.', 1_200_000_000, 'USD', 'US$1,200 million'],
    ['USD 1.2B', 1_200_000_000, 'USD', 'USD 1.2B'],
    ['1,200,000,000 dollars', 1_200_000_000, 'USD', '1,200,000,000 dollars'],
    ['*$107 million*', 107_000_000, 'USD', '$107 million'],
    ['_1.2bn_', 1_200_000_000, 'USD', '1.2bn'],
    ['قيمة العقد ١٫٢ مليار دولار', 1_200_000_000, 'USD', '١٫٢ مليار دولار'],
    ['٥٠ مليون دولاراً', 50_000_000, 'USD', '٥٠ مليون دولاراً'],
    ['بقيمة ٢١١ ألف دولار', 211_000, 'USD', '٢١١ ألف دولار'],
    ['قيمتها ملياري دولار', 2_000_000_000, 'USD', 'ملياري دولار'],
    ['NOK 35.8 million', 35_800_000, 'NOK', 'NOK 35.8 million'],
    ['35.8 million kroner', 35_800_000, 'NOK', '35.8 million kroner'],
    ['£9m', 9_000_000, 'GBP', '£9m'],
    ['9 million pounds', 9_000_000, 'GBP', '9 million pounds'],
    ['٩ ملايين جنيه إسترليني', 9_000_000, 'GBP', '٩ ملايين جنيه إسترليني'],
    ['€5 million', 5_000_000, 'EUR', '€5 million'],
    ['٥ ملايين يورو', 5_000_000, 'EUR', '٥ ملايين يورو'],
    ['NIS 4.11M', 4_110_000, 'ILS', 'NIS 4.11M'],
    ['₪1.17M', 1_170_000, 'ILS', '₪1.17M'],
    ['4.11 million shekels', 4_110_000, 'ILS', '4.11 million shekels'],
    ['٤٫١١ مليون شيكل', 4_110_000, 'ILS', '٤٫١١ مليون شيكل'],
    ['99.9% of cases', 99.9, 'percent', '99.9%'],
    ['99.9 percent', 99.9, 'percent', '99.9 percent'],
    ['99.9 per cent', 99.9, 'percent', '99.9 per cent'],
    ['٩٩٫٩٪', 99.9, 'percent', '٩٩٫٩٪'],
    ['%٩٩٫٩ من القضايا', 99.9, 'percent', '%٩٩٫٩'],
    ['۹۹٫۹٪', 99.9, 'percent', '۹۹٫۹٪'],
    ['٩٩٫٩ بالمئة', 99.9, 'percent', '٩٩٫٩ بالمئة'],
    ['٩٩٫٩ في المئة', 99.9, 'percent', '٩٩٫٩ في المئة'],
    ['13.6 petabytes', 13.6, 'petabytes', '13.6 petabytes'],
    ['13.6PB', 13.6, 'petabytes', '13.6PB'],
    ['١٣٫٦ بيتابايت', 13.6, 'petabytes', '١٣٫٦ بيتابايت'],
    ['11,500 TB', 11_500, 'terabytes', '11,500 TB'],
    ['١١٬٥٠٠ تيرابايت', 11_500, 'terabytes', '١١٬٥٠٠ تيرابايت'],
    ['28 workers', 28, 'count', '28'],
    ['2,000 signatures', 2_000, 'count', '2,000'],
    ['1,264 detainees', 1_264, 'count', '1,264'],
    ['٣ آلاف عامل', 3_000, 'count', '٣ آلاف'],
    ['in 2021', 2021, 'year', '2021'],
    ['عام ٢٠٢١', 2021, 'year', '٢٠٢١'],
    ['\u200f٢٨\u200f عاملاً', 28, 'count', '٢٨'],
    ['USD1.2bn', 1_200_000_000, 'USD', 'USD1.2bn'],
    ['a $1.2-billion contract', 1_200_000_000, 'USD', '$1.2-billion'],
    ['الـ٢٨ موظفاً', 28, 'count', '٢٨'],
    ['ب٥٠ مليون دولار', 50_000_000, 'USD', '٥٠ مليون دولار'],
    ['1.2 مليار $', 1_200_000_000, 'USD', '1.2 مليار $'],
    ['1\u00a0200\u00a0000 dollars', 1_200_000, 'USD', '1\u00a0200\u00a0000 dollars'],
    ['١\u202f٢٦٤ معتقلاً', 1_264, 'count', '١\u202f٢٦٤'],
    ['١٬٢٦٤ معتقلاً', 1_264, 'count', '١٬٢٦٤'],
  ])('%j → %d %s', (text, value, unit, span) => {
    expect(said(text)).toEqual([{ value, unit, text: span }]);
  });

  it('reads every figure of a message, in order', () => {
    expect(said("Microsoft's prison contract was $211k and 99.9% of Palestinians are convicted")).toEqual([
      { value: 211_000, unit: 'USD', text: '$211k' },
      { value: 99.9, unit: 'percent', text: '99.9%' },
    ]);
    expect(said('4 workers were fired in August 2025')).toEqual([
      { value: 4, unit: 'count', text: '4' },
      { value: 2025, unit: 'year', text: '2025' },
    ]);
  });

  it.each([
    ['F-35 jets', 'a hyphen after a word makes a name'],
    ['COVID-19', 'a hyphen after a word makes a name'],
    ['M12 invested', 'digits inside a word'],
    ['<@U0BOSS> <#C0SECRET|hr>', 'Slack tokens'],
    ['see https://example.com/2024/05/99', 'URLs'],
    ['on 17/04/2024 at 10:30', 'dates and times with / and :'],
    ['3rd place, the 2020s, 5G', 'ordinals and numbers glued to letters'],
    ['5 GB, 3km, 4 kg', 'units the knowledge cannot hold'],
    ['1,2 million', 'a comma that does not group three digits is ambiguous'],
    ['1.200.000', 'several points are ambiguous'],
    ['12,34,567', 'groups that are not three digits are ambiguous'],
    ['1.200,5', 'a comma after the point is ambiguous'],
    ['٩٩،٩٪', 'an Arabic comma between digits that does not group three is ambiguous'],
    ['99,9%', 'a decimal comma is ambiguous'],
    ['1 200 000 dollars', 'groups split by plain spaces are ambiguous'],
    ['call 007 or 0100', 'a leading zero makes an identifier'],
    ['a 28-year-old on a 10-day strike', 'a number hyphenated to a word qualifies it'],
    ['1. Nimbus\n2) OneSim\n> 3. Elbit', "a list's numbering"],
    ['', 'empty text'],
  ])('reads nothing in %j (%s)', (text) => {
    expect(readFigures(text)).toEqual([]);
  });

  it('does not read a currency written before and a different one after', () => {
    expect(readFigures('$5 million euros')).toEqual([]);
  });

  it('does not read the day next to a month name, but reads the year', () => {
    expect(said('fired on 17 April 2024')).toEqual([{ value: 2024, unit: 'year', text: '2024' }]);
    expect(said('on April 17, 2024')).toEqual([{ value: 2024, unit: 'year', text: '2024' }]);
    expect(said('في ١٧ أبريل ٢٠٢٤')).toEqual([{ value: 2024, unit: 'year', text: '٢٠٢٤' }]);
    expect(said('2024-04-17')).toEqual([{ value: 2024, unit: 'year', text: '2024' }]);
  });

  it('skips the names it is given, in either digit script and any case', () => {
    expect(said('Unit 8200 kept 11.5 PB; unit ٨٢٠٠ too')).toEqual([
      { value: 8200, unit: 'count', text: '8200' },
      { value: 11.5, unit: 'petabytes', text: '11.5 PB' },
      { value: 8200, unit: 'count', text: '٨٢٠٠' },
    ]);
    const skipped = readFigures('Unit 8200 kept 11.5 PB; unit ٨٢٠٠ too', { ignoreNames: ['Unit 8200'] });
    expect(skipped.map((figure) => figure.value)).toEqual([11.5]);
    expect(readFigures('الوحدة ٨٢٠٠', { ignoreNames: ['الوحدة 8200'] })).toEqual([]);
  });

  it('reads ranges as one figure with both ends, never inventing a range', () => {
    expect(readFigures('10-15% of cases')).toMatchObject([{ value: 10, high: 15, unit: 'percent' }]);
    expect(readFigures('$1-2 billion')).toMatchObject([{ value: 1e9, high: 2e9, unit: 'USD' }]);
    expect(readFigures('$5m to $7m')).toMatchObject([{ value: 5e6, high: 7e6, unit: 'USD' }]);
    expect(readFigures('data for 2018–21')).toMatchObject([{ value: 2018, high: 2021, unit: 'year' }]);
    expect(readFigures('من ٢٠١٨ إلى ٢٠٢١')).toMatchObject([{ value: 2018, high: 2021, unit: 'year' }]);
    expect(readFigures('2024-04')).toEqual([expect.objectContaining({ value: 2024, unit: 'year' })]);
    expect(readFigures('2024-04')[0]!.high).toBeUndefined();
    expect(said('Nimbus $1.2bn – 99.9% convicted')).toEqual([
      { value: 1.2e9, unit: 'USD', text: '$1.2bn' },
      { value: 99.9, unit: 'percent', text: '99.9%' },
    ]);
    expect(said('10-5')).toEqual([{ value: 10, unit: 'count', text: '10' }]);
  });

  it('reads a minus sign before a number, not a hyphen after a word', () => {
    expect(readFigures('revenue fell -5% and −3 points')).toMatchObject([
      { value: -5, unit: 'percent' },
      { value: -3, unit: 'count' },
    ]);
    expect(readFigures('-$5m')).toMatchObject([{ value: -5e6, unit: 'USD' }]);
  });

  it('marks approximations, multiplier rounding and bounds', () => {
    const [about] = readFigures('about 13.6 PB');
    expect(about).toMatchObject({ approximate: true, precision: 0.1 });
    expect(readFigures('13.6 PB')[0]).toMatchObject({ approximate: false });
    expect(readFigures('~$211k')[0]).toMatchObject({ value: 211_000, approximate: true, precision: 1000 });
    expect(readFigures('حوالي ٢٨ عاملاً')[0]).toMatchObject({ value: 28, approximate: true });
    expect(readFigures('قرابة ٥٠ موظفاً')[0]).toMatchObject({ value: 50, approximate: true });
    expect(readFigures('٥٠ مليون دولار تقريباً')[0]).toMatchObject({ value: 5e7, approximate: true });
    expect(readFigures('1,200,000,000 dollars')[0]).toMatchObject({ approximate: false, precision: 1 });
    expect(readFigures('more than 2,000 signatures')[0]).toMatchObject({ value: 2000, unit: 'count', bound: 'more-than' });
    expect(readFigures('أكثر من ٢٠٠٠ توقيع')[0]).toMatchObject({ value: 2000, unit: 'count', bound: 'more-than' });
    expect(readFigures('at least $10 million')[0]).toMatchObject({ value: 1e7, bound: 'at-least' });
    expect(said('2,000+ signatures')).toEqual([{ value: 2000, unit: 'count', text: '2,000+' }]);
    expect(readFigures('2,000+ signatures')[0]).toMatchObject({ bound: 'more-than' });
    expect(readFigures('$1.2bn+')[0]).toMatchObject({ value: 1.2e9, unit: 'USD', bound: 'more-than' });
    expect(readFigures('١٠ ملايين دولار على الأقل')[0]).toMatchObject({ value: 1e7, bound: 'at-least' });
  });

  it('reads a multiplied number without a currency as money unless a noun follows', () => {
    expect(readFigures('Nimbus is worth 1.2 billion.')[0]).toMatchObject({ value: 1.2e9, unit: 'USD', currencyAssumed: true });
    expect(readFigures('1.2bn contract')[0]).toMatchObject({ value: 1.2e9, unit: 'USD', currencyAssumed: true });
    expect(readFigures('قيمة العقد ١٫٢ مليار')[0]).toMatchObject({ value: 1.2e9, unit: 'USD', currencyAssumed: true });
    expect(readFigures('1.5 million calls an hour')[0]).toMatchObject({ value: 1.5e6, unit: 'count' });
    expect(readFigures('٣ آلاف عامل')[0]!.currencyAssumed).toBeUndefined();
    expect(readFigures('$1.2 billion')[0]!.currencyAssumed).toBeUndefined();
  });

  it('reads Arabic duals without digits, and a singular only before a currency', () => {
    expect(readFigures('وقع أكثر من ألفي موظف')).toMatchObject([{ value: 2000, unit: 'count', bound: 'more-than' }]);
    expect(readFigures('قيمتها ملياري دولار')).toMatchObject([{ value: 2e9, unit: 'USD' }]);
    expect(readFigures('قيمتها ملياري دولار')[0]!.currencyAssumed).toBeUndefined();
    expect(readFigures('مليار يورو')).toMatchObject([{ value: 1e9, unit: 'EUR' }]);
    expect(readFigures('مليون مكالمة في الساعة')).toEqual([]);
    expect(readFigures('مليارات الدولارات')).toEqual([]);
  });

  it('reads a bare year followed by a noun as a year that may be a count', () => {
    expect(readFigures('2000 signatures')[0]).toMatchObject({ value: 2000, unit: 'year', countLike: true });
    expect(readFigures('in 2021.')[0]).toMatchObject({ value: 2021, unit: 'year' });
    expect(readFigures('in 2021.')[0]!.countLike).toBeUndefined();
    expect(readFigures('in August 2025 and')[0]!.countLike).toBeUndefined();
  });
});

/** Every way an organizer writes $N billion, for N = mantissa / 10^decimals. */
function billionVariants(mantissa: number, decimals: number): string[] {
  const billions = decimal(mantissa, decimals);
  const millions = grouped(String(mantissa) + '0'.repeat(3 - decimals));
  const dollars = String(mantissa) + '0'.repeat(9 - decimals);
  const english = [`$${billions} billion`, `${billions}bn`, `US$${millions} million`, `USD ${billions}B`, `${dollars} dollars`, `${grouped(dollars)} dollars`, `$${billions} bn`];
  const arabic = [`${billions} مليار دولار`, `${millions} مليون دولار`, `${dollars} دولار`];
  return [
    ...english,
    ...english.map((text) => arabicDigits(text)),
    ...arabic,
    ...arabic.map((text) => arabicDigits(text)),
    ...arabic.map((text) => arabicDigits(text, PERSIAN)),
  ];
}

describe('readFigures: properties', () => {
  it('reads every way of writing an amount of dollars as the same figure, in any sentence', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 99_999 }),
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom('', 'The Nimbus deal is worth ', 'قيمة عقد نيمبوس ', '*', 'about '),
        fc.constantFrom('', '.', ' in total', '؟', '*', ' تقريباً'),
        (mantissa, decimals, before, after) => {
          const value = Number(`${mantissa}e${9 - decimals}`);
          for (const variant of billionVariants(mantissa, decimals)) {
            const text = `${before}${variant}${after}`;
            const figures = readFigures(text);
            expect(figures.map(({ value, unit }) => ({ value, unit })), text).toEqual([{ value, unit: 'USD' }]);
            expect(text.slice(figures[0]!.span.start, figures[0]!.span.end), text).toContain(variant);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads every currency written before or after, in words of both languages', () => {
    const currencies: Array<[string, string[], string[]]> = [
      // unit, written before the number, written after it
      ['USD', ['$', 'US$', 'USD ', 'USD'], [' dollars', ' USD', '$', ' دولار', ' دولار أمريكي']],
      ['GBP', ['£', 'GBP '], [' pounds', ' GBP', ' sterling', ' جنيه', ' جنيه إسترليني']],
      ['EUR', ['€', 'EUR '], [' euros', ' EUR', '€', ' يورو']],
      ['ILS', ['₪', 'NIS ', 'ILS '], [' shekels', ' NIS', '₪', ' شيكل']],
      ['NOK', ['NOK ', 'kr '], [' kroner', ' NOK', ' كرونة']],
    ];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9_999 }), fc.integer({ min: 0, max: 2 }), fc.constantFrom('', ' million', ' مليون', 'm'), (mantissa, decimals, multiplier) => {
        const number = decimal(mantissa, decimals);
        const value = Number(`${mantissa}e${(multiplier === '' ? 0 : 6) - decimals}`);
        for (const [unit, before, after] of currencies) {
          const written = [...before.map((sign) => `${sign}${number}${multiplier}`), ...after.map((word) => `${number}${multiplier}${word}`)];
          for (const text of [...written, ...written.map((text) => arabicDigits(text))]) {
            expect(readFigures(text).map(({ value, unit }) => ({ value, unit })), text).toEqual([{ value, unit }]);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('reads percentages, data sizes and counts the same in both digit scripts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 2 }), (mantissa, decimals) => {
        const number = decimal(mantissa, decimals);
        const value = Number(`${mantissa}e${-decimals}`);
        const cases: Array<[string, string]> = [
          [`${number}%`, 'percent'],
          [`${number} percent`, 'percent'],
          [`${number} بالمئة`, 'percent'],
          [`${number} PB`, 'petabytes'],
          [`${number} terabytes`, 'terabytes'],
          [`${number} تيرابايت`, 'terabytes'],
        ];
        for (const [text, unit] of cases) {
          for (const written of [text, arabicDigits(text), arabicDigits(text, PERSIAN)]) {
            expect(readFigures(written).map(({ value, unit }) => ({ value, unit })), written).toEqual([{ value, unit }]);
          }
        }
        const count = grouped(String(mantissa));
        for (const written of [`${count} workers`, arabicDigits(`${count} عامل`)]) {
          const figures = readFigures(written);
          expect(figures).toHaveLength(1);
          expect(figures[0]!.value).toBe(mantissa);
          expect(figures[0]!.unit).toBe(mantissa >= 1900 && mantissa <= 2100 && count === String(mantissa) ? 'year' : 'count');
        }
      }),
      { numRuns: 300 },
    );
  });

  /** What any figure read from any text must be. */
  function expectSane(text: string, figures: ReadFigure[]): void {
    const units: readonly string[] = [...FIGURE_UNITS, 'year'];
    let previous = -1;
    for (const figure of figures) {
      expect(units).toContain(figure.unit);
      expect(Number.isFinite(figure.value)).toBe(true);
      expect(figure.precision).toBeGreaterThan(0);
      expect(figure.span.start).toBeGreaterThanOrEqual(0);
      expect(figure.span.end).toBeGreaterThan(figure.span.start);
      expect(figure.span.end).toBeLessThanOrEqual(Math.min(text.length, MAX_FIGURE_TEXT));
      expect(figure.span.start).toBeGreaterThanOrEqual(previous);
      previous = figure.span.start;
      if (figure.high !== undefined) expect(figure.high).toBeGreaterThan(figure.value);
      // A span holds digits, or an Arabic amount word for "ملياري دولار".
      expect(text.slice(figure.span.start, figure.span.end)).toMatch(/[\d٠-٩۰-۹]|مليار|مليون|[أاإآ]لف/);
    }
  }

  it('never throws and keeps spans within the text, for hostile input', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        expectSane(text, readFigures(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws for any code units, numbers among them, RTL marks and Slack tokens', () => {
    const piece = fc.oneof(
      fc.string({ unit: anyCodeUnit, maxLength: 20 }),
      fc.constantFrom(...CONTROL_SEQUENCES, '$', '%', '٪', '٫', '٬', ',', '.', '-', '–', '~', 'k', 'bn', 'مليار', 'ألف', 'دولار', 'PB', '\u200f', '\u200e', '\u202e', 'ً', 'ـ', ' '),
      fc.integer({ min: 0, max: 1e9 }).map(String),
      fc.integer({ min: 0, max: 1e6 }).map((n) => arabicDigits(String(n))),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        expectSane(text, readFigures(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads a huge message quickly and only up to its limit', () => {
    const text = 'Nimbus $1.2bn, 99.9% ٢٨ عاملاً <!channel> '.repeat(5000);
    const started = performance.now();
    const figures = readFigures(text);
    expect(performance.now() - started).toBeLessThan(5000);
    expectSane(text, figures);
    expect(figures.length).toBeGreaterThan(1000);
    expect(figures.every((figure) => figure.span.end <= MAX_FIGURE_TEXT)).toBe(true);
    expect(readFigures('9'.repeat(100_000))).toEqual([]);
  });
});
