import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalize, tokens } from '../../src/knowledge/normalize.js';

// Characters where splitting first and normalising per word could differ from normalising
// the whole text: spaces of every kind, invisible marks (U+FEFF is also JavaScript whitespace),
// Greek final sigma, ligatures that decompose into several words or letters.
const tricky = fc.constantFrom(' ', '\t', '\n', '\u00a0', '\u2003', '\u3000', '\u1680', '\u2028', '\ufeff', '\u200f', '\u200b', '\u0640', 'Σ', 'ΑΣ', 'ﷺ', '¨', 'ﻻ', 'ﬁ', 'İ', 'ß', 'أ', 'ة', 'ى', '٨', '۸', '.', '-', 'é', 'a', 'Z');

describe('tokens', () => {
  it('joined by spaces, equal normalize() of the whole text (name keys rely on it)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.array(tricky, { maxLength: 14 }).map((parts) => parts.join(''))), (text) => {
        expect(tokens(text).join(' ')).toBe(normalize(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('does not let an invisible U+FEFF split a word', () => {
    expect(tokens('إل\ufeffبيت')).toEqual(['البيت']);
  });
});

describe('Persian and Urdu keyboards', () => {
  it.each([
    ['بالانتیر', 'بالانتير'], // ی Farsi yeh
    ['مایکروسوفت', 'مايكروسوفت'], // ی and ک keheh
    ['مصلحۃ', 'مصلحه'], // ۃ teh marbuta goal
    ['قائمہ', 'قائمه'], // ہ heh goal
    ['مساعدە', 'مساعده'], // ە ae
    ['ھ', 'ه'], // ھ heh doachashmee
    ['ې ۍ ے ۓ', 'ي ي ي ي'],
    ['ڪ ګ', 'ك ك'],
    ['ٱلسجون', 'السجون'], // alef wasla
    ['۸۲۰۰ ٨٢٠٠', '8200 8200'],
  ])('%s → %s', (typed, arabic) => {
    expect(normalize(typed)).toBe(normalize(arabic));
  });
});

