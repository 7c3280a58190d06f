import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerLine } from '../../src/console/console.js';
import { renderMessage } from '../../src/messages/plain-text.js';
import { KnowledgeStore } from '../../src/knowledge/store.js';
import { createLogger } from '../../src/log.js';
import { replyToCommand, replyToMention } from '../../src/reply/index.js';
import { decodeSlackText } from '../../src/slack/decode.js';
import { realKnowledge } from '../helpers/knowledge.js';
import { CONTROL_SEQUENCES, hostileText, shown } from '../support/hostile.js';
import { typedText } from '../support/slack-encode.js';

const knowledge = realKnowledge();
const store = KnowledgeStore.of(knowledge, createLogger({ level: 'silent' }));
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
const BOT = 'U0NOTECH';

describe('decodeSlackText', () => {
  it.each([
    ['Google &amp; Amazon', 'Google & Amazon'],
    ['a &lt;b&gt; c', 'a <b> c'],
    ['&amp;lt;', '&lt;'],
    ['&amp;amp;', '&amp;'],
    ['elbit :fire:', 'elbit 🔥'],
    [':wave::skin-tone-3: hi', '👋🏼 hi'],
    [':+1::skin-tone-6:', '👍🏿'],
    [':fire::fire:', '🔥🔥'],
    [':partyparrot: elbit', ':partyparrot: elbit'],
    [':partyparrot::fire:', ':partyparrot:🔥'],
    ['meet at 10:30:45', 'meet at 10:30:45'],
    ['10:100:', '10:100:'],
    [':100: :1234:', '💯 🔢'],
    ['re:nimbus:', 're:nimbus:'],
    ['<@U0MAYA|maya> and <@U0BOSS>', '@maya and @U0BOSS'],
    [`hey <@${BOT}> what about palantir?`, 'hey   what about palantir?'],
    ['<#C0ORGANIZE|organizing> <#C0OTHER>', '#organizing #C0OTHER'],
    ['<!here> <!channel> <!everyone> <!channel|@channel> <!here|here>', '@here @channel @everyone @channel @here'],
    ['<!subteam^S0ORG|@organizers> <!subteam^S0ORG>', '@organizers @S0ORG'],
    ['<!date^1392734382^{date_num} {time_secs}|2014-02-18 6:39:42 AM PST>', '2014-02-18 6:39:42 AM PST'],
    ['<https://example.org/a?b=1&amp;c=2|a &amp; b> <https://example.org/x>', 'a & b https://example.org/x'],
    ['<mailto:maya@example.org|maya@example.org> <mailto:x@example.org>', 'maya@example.org x@example.org'],
    // Raw brackets never come from typing (Slack encodes them); a stray pair reads as a bare link.
    ['a <b c> d <e', 'a b c d <e'],
    ['&quot;not ours&#39;', '&quot;not ours&#39;'],
  ])('%j → %j', (sent, typed) => {
    expect(decodeSlackText(sent, { self: BOT })).toBe(typed);
  });

  it('never throws, for any string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: anyCodeUnit, maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), hostileText), (text) => {
        expect(typeof decodeSlackText(text, { self: BOT })).toBe('string');
      }),
      { numRuns: 3000 },
    );
  });

  it('gives back what was typed, for anything typed (Slack encoding, then decoding)', () => {
    fc.assert(
      fc.property(typedText(), ({ typed, sent }) => {
        expect(decodeSlackText(sent)).toBe(typed);
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves text without & < > or shortcodes as it is (idempotent there)', () => {
    fc.assert(
      fc.property(fc.string({ unit: anyCodeUnit, maxLength: 200 }).filter((text) => !/[<>&]|:[^\s:]*:/.test(text)), (text) => {
        expect(decodeSlackText(text)).toBe(text);
        expect(decodeSlackText(decodeSlackText(text))).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('Slack-encoded text gets the answer the console gives for the typed text', () => {
  it('/notech: the same message', () => {
    fc.assert(
      fc.property(typedText(), ({ typed, sent }) => {
        const fromSlack = replyToCommand(decodeSlackText(sent), knowledge);
        expect(fromSlack.message).toEqual(replyToCommand(typed, knowledge).message);
      }),
      { numRuns: 1500 },
    );
  });

  it('@NoTech mentions: the same message the console renders', () => {
    fc.assert(
      fc.property(typedText(), fc.constantFrom('', 'hey '), ({ typed, sent }, before) => {
        const fromSlack = replyToMention(decodeSlackText(`${escapeBefore(before)}<@${BOT}> ${sent}`, { self: BOT }), knowledge);
        expect(fromSlack.message).toEqual(replyToMention(`${before}${typed}`, knowledge).message);
        // What the console shows for the typed line is what Slack gets.
        if (before === '') expect(renderMessage(fromSlack.message, { color: false })).toBe(answerLine(`@NoTech ${typed}`, { store, color: false }));
      }),
      { numRuns: 1500 },
    );
  });
});

function escapeBefore(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

describe('a decoded <!channel> never becomes a live mention', () => {
  it('in any reply to any text, command or mention', () => {
    const live = /<!(?:channel|here|everyone|subteam)|(?<!\u2060)@(?:channel|here|everyone)\b/i;
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...CONTROL_SEQUENCES, '@channel', '@here', '<!channel|@channel>'), hostileText), { maxLength: 6 }), (parts) => {
        const sent = parts.join(' ');
        for (const reply of [replyToCommand(decodeSlackText(sent), knowledge), replyToMention(decodeSlackText(`<@${BOT}> ${sent}`, { self: BOT }), knowledge)]) {
          expect(shown(reply.message)).not.toMatch(live);
        }
      }),
      { numRuns: 1500 },
    );
  });
});
