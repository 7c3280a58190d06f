/**
 * Issue 15's pure parts: the report modal, the report as the maintainers see it, the source URL
 * check, the escaping of what reporters type (fast-check), and review dates on cards and lists
 * with an injected clock, in English and Arabic.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Knowledge } from '../../src/knowledge/knowledge.js';
import { parseKnowledge } from '../../src/knowledge/load.js';
import { compose, listBlocks } from '../../src/messages/compose.js';
import { escapeMrkdwn, unsafeSequences } from '../../src/messages/escape.js';
import { COMPACT, keyFacts } from '../../src/messages/compact-card.js';
import { checkMessage, checkView, type ModalLike } from '../../src/messages/limits.js';
import { displayRows, renderMessage } from '../../src/messages/plain-text.js';
import { checkSourceUrl, escapedPieces, readReportMetadata, REPORT, reportMessage, reportModal, resolveReportPath } from '../../src/messages/report.js';
import { reviewDay, staleBanner, timeAgo } from '../../src/messages/review-dates.js';
import { replyToCommand } from '../../src/reply/index.js';
import { rawKnowledge, realKnowledge } from '../helpers/knowledge.js';

const knowledge = realKnowledge();

/** The real file with one entry's `verified` moved back, so it alone is stale on `NOW`. */
function withOldEntry(id: string, verified: string): Knowledge {
  const raw = rawKnowledge();
  const entry = raw.entries.find((e) => e.id === id)!;
  entry.verified = verified;
  const parsed = parseKnowledge(JSON.stringify(raw));
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
  return parsed.knowledge;
}

const NOW = new Date('2027-01-15T08:00:00Z');

describe('timeAgo and the stale banner', () => {
  it.each([
    ['2027-01-01', 'en', '14 days ago'],
    ['2026-12-15', 'en', '1 month ago'],
    ['2026-05-01', 'en', '8 months ago'],
    ['2024-06-01', 'en', '2 years ago'],
    ['2027-01-05', 'ar', 'قبل 10 أيام'],
    ['2024-06-01', 'ar', 'قبل سنتين'],
  ] as const)('%s in %s: %s', (date, lang, expected) => {
    expect(timeAgo(date, NOW, lang)).toBe(expected);
  });

  it('writes Arabic month counts with their number agreement (1, 2, 3–10, 11+)', () => {
    const monthsAgo = (n: number) => new Date(Date.UTC(2027, 0, 15) - Math.ceil(n * 30.4375) * 86_400_000).toISOString().slice(0, 10);
    expect(timeAgo(monthsAgo(1), NOW, 'ar')).toBe('قبل شهر واحد');
    expect(timeAgo(monthsAgo(2), NOW, 'ar')).toBe('قبل شهرين');
    expect(timeAgo(monthsAgo(3), NOW, 'ar')).toBe('قبل 3 أشهر');
    expect(timeAgo(monthsAgo(10), NOW, 'ar')).toBe('قبل 10 أشهر');
    expect(timeAgo(monthsAgo(11), NOW, 'ar')).toBe('قبل 11 شهرًا');
  });

  it('is there only when the entry is overdue, in both languages', () => {
    const old = withOldEntry('palantir', '2026-05-01');
    const palantir = old.entry('palantir')!;
    expect(staleBanner(palantir, old, 'en', NOW)).toBe('⏳ *Last checked 8 months ago:* check the sources before repeating');
    expect(staleBanner(palantir, old, 'ar', NOW)).toBe('⏳ *آخر تحقق قبل 8 أشهر:* راجع المصادر قبل أن تكرر ما هنا');
    expect(staleBanner(old.entry('elbit-systems')!, old, 'en', NOW)).toBeUndefined();
    // On the last day of its interval (180 days) it is still fresh; the day after, stale.
    expect(staleBanner(palantir, old, 'en', new Date('2026-10-28T23:59:00Z'))).toBeUndefined();
    expect(staleBanner(palantir, old, 'en', new Date('2026-10-29T00:00:00Z'))).toContain('Last checked');
  });

  it('cards, lists and the reply cache follow the clock', () => {
    const old = withOldEntry('palantir', '2026-05-01');
    const card = (now?: Date) => replyToCommand('palantir', old, 'en', now ? { now } : {}).message;
    expect(JSON.stringify(card(NOW).blocks[0])).toContain('Last checked 8 months ago');
    expect(JSON.stringify(card(new Date('2026-06-01')).blocks)).not.toContain('Last checked');
    expect(JSON.stringify(card().blocks)).not.toContain('Last checked');
    expect(JSON.stringify(card(NOW).blocks[0])).toContain('Last checked 8 months ago');
    const list = JSON.stringify(listBlocks(old, 'en', NOW));
    expect(list).toContain('*Palantir Technologies* ⏳');
    expect(list.match(/⏳/g)).toHaveLength(2); // the one stale entry and the legend
    expect(JSON.stringify(listBlocks(old, 'en'))).not.toContain('⏳');
    expect(reviewDay(NOW)).toBe('2027-01-15');
    for (const lang of ['en', 'ar'] as const) {
      for (const full of [false, true]) {
        const message = compose({ kind: 'card', entry: old.entry('palantir')!, lang, full }, old, { now: NOW, reportable: true, shareQuery: 'palantir' });
        expect(checkMessage(message)).toEqual([]);
        expect(message.blocks[0]!.type).toBe('context');
      }
    }
  });
});

describe('the compact card with the stale banner and "Report a problem"', () => {
  const STALE = new Date('2027-08-01T00:00:00Z');
  it.each(knowledge.entries.flatMap((entry) => (['en', 'ar'] as const).map((lang) => [entry.id, lang] as const)))('%s (%s) stays one screen and still shows a figure or a fact', (id, lang) => {
    const entry = knowledge.entry(id)!;
    const message = compose({ kind: 'card', entry, lang }, knowledge, { now: STALE, reportable: true, shareQuery: id });
    expect(checkMessage(message)).toEqual([]);
    const plain = renderMessage(message, { color: false, width: COMPACT.columns });
    expect(displayRows(plain, COMPACT.columns)).toBeLessThanOrEqual(COMPACT.rows);
    expect(JSON.stringify(message).length).toBeLessThanOrEqual(COMPACT.jsonChars);
    const shown = JSON.stringify(message.blocks);
    const items = [...keyFacts(entry).map((fact) => fact.text[lang]), ...entry.figures.map((figure) => figure.label[lang])];
    expect(items.some((text) => shown.includes(JSON.stringify(escapeMrkdwn(text)).slice(1, -1)))).toBe(true);
    expect(message.blocks[0]).toMatchObject({ type: 'context' });
  });
});

describe('the report modal', () => {
  it.each(knowledge.entries.map((entry, index) => [entry.id, index] as const))('%s: within view limits, one option per fact and figure by JSON path', (id, index) => {
    const entry = knowledge.entries[index]!;
    for (const lang of ['en', 'ar'] as const) {
      const view = reportModal(entry, index, lang);
      expect(checkView(view as unknown as ModalLike)).toEqual([]);
      for (const text of [view.title, view.submit!, view.close!]) expect(text.text.length).toBeLessThanOrEqual(24);
      expect(readReportMetadata(view.private_metadata)).toEqual({ id, lang });
      const select = (view.blocks[1] as { element: { options: Array<{ text: { text: string }; value: string }> } }).element;
      expect(select.options.length).toBeLessThanOrEqual(REPORT.options);
      for (const option of select.options) {
        expect([...option.text.text].length).toBeLessThanOrEqual(REPORT.optionText);
        expect(resolveReportPath(option.value, id, knowledge, lang)).toMatchObject({ path: option.value, entry: { id } });
      }
    }
  });

  it('rejects metadata that is not ours', () => {
    for (const raw of [undefined, '', 'x', '{"id":"elbit-systems"}', '{"id":"<!channel>","lang":"en"}', '{"id":"a","lang":"fr"}', `{"id":"${'a'.repeat(400)}","lang":"en"}`]) {
      expect(readReportMetadata(raw)).toBeUndefined();
    }
  });

  it('resolves only paths that exist', () => {
    for (const path of ['', 'entries[0].facts[999]', 'entries[0].sources[0]', 'entries[0].facts[0]x', '__proto__']) {
      expect(resolveReportPath(path, knowledge.entries[0]!.id, knowledge, 'en')).toBeUndefined();
    }
    expect(resolveReportPath('entries[0]', 'no-such-entry', knowledge, 'en')).toBeUndefined();
  });

  it('follows the entry when an edit has moved it since the modal opened', () => {
    const moved = resolveReportPath('entries[999].facts[0]', 'palantir', knowledge, 'en')!;
    const index = knowledge.entries.findIndex((entry) => entry.id === 'palantir');
    expect(moved).toEqual({ path: `entries[${index}].facts[0]`, entry: knowledge.entry('palantir'), text: knowledge.entry('palantir')!.facts[0]!.text.en });
  });
});

describe('checkSourceUrl', () => {
  it.each(['https://example.org', 'https://www.972mag.com/a/b?c=d#e', ' https://example.org/page '])('accepts %j', (url) => {
    expect(checkSourceUrl(url)).toBe(new URL(url.trim()).href);
  });
  it.each(['http://example.org', 'javascript:alert(1)', 'example.org', 'https://', 'https://localhost', 'https://a b.org', 'https://user:pw@example.org', 'https://example.org/<!channel>', 'https://example.org/a|b', `https://example.org/${'a'.repeat(600)}`])(
    'refuses %j',
    (url) => expect(checkSourceUrl(url)).toBe(false),
  );
  it('treats empty as no source', () => {
    expect(checkSourceUrl('')).toBeUndefined();
    expect(checkSourceUrl('   ')).toBeUndefined();
    expect(checkSourceUrl(null)).toBeUndefined();
  });
  it('anything accepted is an https URL Slack shows as one link', () => {
    fc.assert(
      fc.property(fc.oneof(fc.webUrl(), fc.string(), fc.string().map((s) => `https://${s}`)), (raw) => {
        const url = checkSourceUrl(raw);
        if (typeof url !== 'string') return;
        expect(url.startsWith('https://')).toBe(true);
        expect(url).not.toMatch(/[\s<>|]/);
      }),
    );
  });
});

describe('the report the maintainers see', () => {
  const index = knowledge.entries.findIndex((entry) => entry.id === 'elbit-systems');
  const hostile = fc.oneof(fc.string({ maxLength: 2000 }), fc.constantFrom('<!channel>', '<@U123>', '@here', '&lt;!channel&gt;', '<https://evil|x>'), fc.array(fc.constantFrom('<', '>', '&', '@', 'channel', 'here', 'ع', '😀', ' '), { maxLength: 2000 }).map((parts) => parts.join('').slice(0, 2000)));

  it('escaped pieces put together are the escaped text; no piece splits an entity or is too long', () => {
    fc.assert(
      fc.property(hostile, fc.integer({ min: 10, max: 3000 }), (text, max) => {
        const pieces = escapedPieces(text, max);
        expect(pieces.join('')).toBe(escapeMrkdwn(text));
        for (const piece of pieces) {
          expect(piece.length).toBeLessThanOrEqual(max);
          expect(piece).not.toMatch(/&(?!amp;|lt;|gt;)/);
        }
      }),
    );
  });

  it('pings and links nobody but the reporter who chose to be named, within Slack\'s limits', () => {
    fc.assert(
      fc.property(hostile, fc.boolean(), (text, named) => {
        const message = reportMessage({ entryId: 'elbit-systems', lang: 'en', path: `entries[${index}].facts[0]`, text, ...(named ? { reporter: 'U0NAMED' } : {}) }, knowledge);
        expect(checkMessage(message, 'message', { allow: named ? ['<@U0NAMED>'] : [] })).toEqual([]);
        const all = JSON.stringify(message);
        expect(all.includes('U0NAMED')).toBe(named);
        expect(all).not.toMatch(/<!|<@U1|@(here|channel|everyone)\b/i);
      }),
      { numRuns: 200 },
    );
  });

  it('names only a Slack user id: anything else in its place leaves the report anonymous', () => {
    for (const reporter of ['<!channel>', 'U123|x', 'here', '']) {
      const message = reportMessage({ entryId: 'palantir', lang: 'en', path: 'entries[0]', text: 'x', reporter }, knowledge);
      expect(checkMessage(message)).toEqual([]);
      expect(JSON.stringify(message.blocks)).toContain('Reported anonymously');
    }
  });

  it('says so when the fact is no longer there (the knowledge changed)', () => {
    const message = reportMessage({ entryId: 'palantir', lang: 'en', path: `entries[${index}].facts[999]`, text: 'x' }, knowledge);
    expect(JSON.stringify(message.blocks)).toContain(`entries[${index}].facts[999]\` (not in the knowledge file as it is now)`);
    expect(unsafeSequences(message.text)).toEqual([]);
  });
});
