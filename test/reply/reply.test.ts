import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replyToCommand, replyToDirectMessage, replyToMention } from '../../src/reply/index.js';
import { STRINGS } from '../../src/messages/i18n.js';
import { hostileText } from '../support/hostile.js';
import { realKnowledge } from '../helpers/knowledge.js';

const knowledge = realKnowledge();

describe('the message cache keeps nothing a person typed', () => {
  it('a card is remembered by its entry and language, whatever text asked for it', () => {
    const first = replyToCommand('palantir', knowledge);
    const second = replyToCommand('hey, what about palantir technologies? thanks', knowledge);
    expect(second.answer).toMatchObject({ kind: 'card', entry: { id: 'palantir' } });
    expect(second.message).toBe(first.message);
    expect(replyToCommand('palantir lang:ar', knowledge).message).not.toBe(first.message);
    expect(replyToMention('palantir', knowledge).message).not.toBe(first.message); // no Share button in a thread
  });

  it('answers that quote the text are composed each time, never kept', () => {
    const text = 'xyzzy secret plan';
    const first = replyToCommand(text, knowledge);
    expect(first.answer.kind).toBe('did-you-mean');
    expect(JSON.stringify(first.message)).toContain(text);
    expect(replyToCommand(text, knowledge).message).not.toBe(first.message);
    const topics = replyToMention('google and amazon', knowledge);
    expect(topics.answer.kind).toBe('topics');
    expect(replyToMention('google and amazon', knowledge).message).not.toBe(topics.message);
  });
});

describe('a DM is read exactly as a mention (issue 16)', () => {
  it('property: the same answer for any text; only the short help differs (no @NoTech to type in a DM)', () => {
    fc.assert(
      fc.property(fc.oneof(hostileText, fc.constantFrom('thanks!', 'مرحبا', 'what about palantir?', 'google and amazon', 'list', 'ماذا عن إلبيت؟')), (text) => {
        const dm = replyToDirectMessage(text, knowledge);
        const mention = replyToMention(text, knowledge);
        expect(dm.answer).toEqual(mention.answer);
        const isHelp = mention.answer.kind === 'did-you-mean' && mention.answer.suggestions.length === 0;
        if (isHelp) expect(JSON.stringify(dm.message)).toContain(STRINGS[mention.answer.lang].dmQuickHelp.slice(0, 20));
        else expect(dm.message).toEqual(mention.message);
      }),
      { numRuns: 300 },
    );
  });
});
