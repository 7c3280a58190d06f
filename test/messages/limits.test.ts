import { describe, expect, it } from 'vitest';
import { Knowledge } from '../../src/knowledge/knowledge.js';
import { parseKnowledge } from '../../src/knowledge/load.js';
import type { KnowledgeData } from '../../src/knowledge/schema.js';
import { answer } from '../../src/query/answer.js';
import { parseQuery } from '../../src/query/parse.js';
import { replyToCommand } from '../../src/reply/index.js';
import { compose } from '../../src/messages/compose.js';
import { checkMessage, LIMITS } from '../../src/messages/limits.js';
import { rawKnowledge, realKnowledge } from '../helpers/knowledge.js';

const knowledge = realKnowledge();

function longestEntry(): string {
  const size = (id: string) => JSON.stringify(knowledge.entry(id)).length;
  return [...knowledge.entries].sort((a, b) => size(b.id) - size(a.id))[0]!.id;
}

/** A knowledge file whose first entry is as large as the schema allows and full of hostile text. */
function oversizedKnowledge(): Knowledge {
  const data = rawKnowledge() as KnowledgeData;
  const entry = data.entries[0]!;
  const hostile = '<!channel> <!here> <@U123> <#C123|x> <https://evil.example|click> & ';
  const long = (n: number) => (hostile + 'word '.repeat(n)).slice(0, n);
  entry.name = { en: long(100), ar: `ع${long(99)}` };
  entry.summary = { en: long(300), ar: `ع${long(299)}` };
  entry.facts = Array.from({ length: 80 }, () => ({
    text: { en: long(2500), ar: `ع${long(2500)}` },
    level: 'corrected' as const,
    seedSaid: { en: long(400), ar: `ع${long(400)}` },
    caveat: { en: long(400), ar: `ع${long(400)}` },
    sources: data.sources.map((source) => source.id),
  }));
  const parsed = parseKnowledge(JSON.stringify(data));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems.slice(0, 3)));
  return parsed.knowledge;
}

describe('every message stays within Block Kit limits', () => {
  for (const entry of knowledge.entries) {
    for (const lang of ['en', 'ar'] as const) {
      it(`card ${entry.id} (${lang})`, () => {
        const message = replyToCommand(`${entry.id} lang:${lang}`, knowledge).message;
        expect(checkMessage(message)).toEqual([]);
        // The card is not cut: sources and the footer are all there.
        expect(JSON.stringify(message.blocks)).not.toContain('size limit');
      });
    }
  }

  it.each(['help', 'list', 'version', 'search israel', 'search x', 'xyzzy', 'palantirr azur', 'help lang:ar', 'list lang:ar', 'version lang:ar'])('%s', (text) => {
    expect(checkMessage(replyToCommand(text, knowledge).message)).toEqual([]);
  });

  it(`the longest real entry (${longestEntry()}) fits without cutting`, () => {
    for (const lang of ['en', 'ar'] as const) {
      const message = compose(answer(parseQuery(`${longestEntry()} lang:${lang}`), knowledge), knowledge, { shareQuery: 'x' });
      expect(checkMessage(message)).toEqual([]);
      expect(message.blocks.at(-1)?.type).toBe('actions');
    }
  });

  it('an oversized, hostile entry: its full card is cut to fit, keeps its Share button, and pings nobody', () => {
    const big = oversizedKnowledge();
    for (const lang of ['en', 'ar'] as const) {
      const compact = replyToCommand(`${big.entries[0]!.id} lang:${lang}`, big).message;
      expect(checkMessage(compact)).toEqual([]);
      expect(rendered(compact)).not.toMatch(/<!(channel|here|everyone)>|<@U123>|<#C123/);
      expect(compact.blocks.at(-1)?.type).toBe('actions');
      const message = replyToCommand(`${big.entries[0]!.id} full lang:${lang}`, big).message;
      expect(checkMessage(message)).toEqual([]);
      expect(message.blocks.length).toBeLessThanOrEqual(LIMITS.messageBlocks);
      expect(rendered(message)).not.toMatch(/<!(channel|here|everyone)>|<@U123>|<#C123/);
      expect(message.blocks.at(-1)?.type).toBe('actions');
      expect(JSON.stringify(message.blocks)).toMatch(/size limit|حدّ الحجم/);
    }
  });

  it('the checker catches what it should', () => {
    const blocks = Array.from({ length: 51 }, () => ({ type: 'section' as const, text: { type: 'mrkdwn' as const, text: 'x' } }));
    expect(checkMessage({ text: 'x', blocks })).toContainEqual(expect.stringMatching(/51 blocks, limit 50/));
    expect(checkMessage({ text: 'x', blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }] })).toContainEqual(
      expect.stringMatching(/\/blocks\/0\/text: 151 chars, limit 150/),
    );
    expect(checkMessage({ text: 'x', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hi <!channel>' } }] })).toContainEqual(
      expect.stringMatching(/unescaped control sequence <!channel>/),
    );
    expect(checkMessage({ text: '', blocks: [] })).toContainEqual(expect.stringMatching(/fallback text is empty/));
  });
});

/** What Slack renders: everything but button values (data we read back, never shown). */
const rendered = (message: unknown) => JSON.stringify(message, (key, value: unknown) => (key === 'value' ? undefined : value));

describe('user text in answers', () => {
  it.each(['<!channel>', '<!here> elbit', '<@U0123> what', '<#C999|secret>', '<https://evil.example|click me>', '&lt;!channel&gt;'])(
    '%s is shown, never acted on',
    (text) => {
      for (const prefix of ['', 'search ']) {
        const message = replyToCommand(prefix + text, knowledge).message;
        expect(checkMessage(message)).toEqual([]);
        expect(rendered(message)).not.toMatch(/<!(channel|here|everyone)>|<@U0123>|<#C999|<https:\/\/evil/);
      }
    },
  );
});
