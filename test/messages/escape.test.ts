import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/** Any UTF-16 code unit, lone surrogates included: what a broken client could send. */
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
import { escapeMrkdwn, link, quoteUserText, unsafeSequences } from '../../src/messages/escape.js';

const unescape = (text: string) => text.replace(/@\u2060(channel|here|everyone)/gi, '@$1').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('mrkdwn escaping', () => {
  it.each(['<!channel>', '<!here>', '<!everyone>', '<@U123ABC>', '<#C123|general>', '<https://evil.example|click>', '<!subteam^S1>', '<!date^1^{date}|x>'])(
    'neutralises %s',
    (sequence) => {
      const escaped = escapeMrkdwn(`hi ${sequence} there`);
      expect(escaped).not.toContain('<');
      expect(unsafeSequences(escaped)).toEqual([]);
      // A well-formed https link is the one sequence we produce ourselves, so only escaping protects against a typed one.
      if (!sequence.startsWith('<https://')) expect(unsafeSequences(sequence)).not.toEqual([]);
    },
  );

  it('escapes only & < >', () => {
    expect(escapeMrkdwn('a & b < c > d *e* _f_ `g` "h"')).toBe('a &amp; b &lt; c &gt; d *e* _f_ `g` "h"');
  });

  it('round-trips and leaves no control characters, for any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 500 }), fc.string({ unit: anyCodeUnit, maxLength: 500 })), (text) => {
        const escaped = escapeMrkdwn(text);
        expect(escaped).not.toMatch(/[<>]/);
        expect(unescape(escaped)).toBe(text);
        expect(unsafeSequences(escaped)).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps @channel, @here and @everyone inert, in any case, and nothing else', () => {
    expect(escapeMrkdwn('@channel @HERE @everyone @heresy a@here.org')).toBe('@\u2060channel @\u2060HERE @\u2060everyone @heresy a@\u2060here.org');
    expect(escapeMrkdwn('@\u2060channel')).toBe('@\u2060channel');
  });

  it('is not fooled by pre-escaped input', () => {
    expect(escapeMrkdwn('&lt;!channel&gt;')).toBe('&amp;lt;!channel&amp;gt;');
  });

  it('builds links only for https URLs and escapes their labels', () => {
    expect(link('https://example.org/a', 'A <b>')).toBe('<https://example.org/a|A &lt;b&gt;>');
    expect(link('javascript:alert(1)', 'x')).toBe('x');
    expect(link('https://example.org/a|<!channel>', 'x')).toBe('x');
    expect(unsafeSequences(link('https://example.org/', '<!here>'))).toEqual([]);
  });

  it('quotes user text short, on one line, escaped', () => {
    const quoted = quoteUserText(`<!channel>\n${'x'.repeat(500)}`);
    expect(quoted.startsWith('&lt;!channel&gt; xxx')).toBe(true);
    expect([...quoted].length).toBeLessThanOrEqual(90);
    expect(quoted).not.toContain('\n');
  });
});
