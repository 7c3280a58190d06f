import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replyToCommand, replyToDirectMessage, replyToMention } from '../../src/reply/index.js';
import { answer } from '../../src/query/answer.js';
import { parseQuery, stripMentions } from '../../src/query/parse.js';
import { parseKnowledge } from '../../src/knowledge/load.js';
import { readFileSync } from 'node:fs';
import { STRINGS } from '../../src/messages/i18n.js';
import { hostileText } from '../support/hostile.js';
import { KNOWLEDGE_PATH, realKnowledge } from '../helpers/knowledge.js';

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

describe('the resolution memo (issue 14): a text asked again is not read again', () => {
  const names = knowledge.entries.flatMap((entry) => [entry.id, entry.name.en, entry.name.ar, ...entry.aliases.en.slice(0, 1), ...entry.aliases.ar.slice(0, 1)]);
  const texts = fc.oneof(
    hostileText,
    fc.constantFrom(...names),
    // Names with one letter changed, doubled or dropped: the misspellings fuzzy search resolves.
    fc.tuple(fc.constantFrom(...names), fc.nat(), fc.constantFrom('', 'e', 'ا')).map(([name, at, letter]) => {
      const i = at % Math.max(1, name.length);
      return `${name.slice(0, i)}${letter}${name.slice(i + 1)}`;
    }),
    fc.constantFrom('palentir', 'elbit full', 'list', 'help', 'version', 'what about elbit?', 'ماذا عن إلبيت؟', 'google and amazon', 'lang:ar nimbus'),
  );

  it('property: a remembered answer equals reading the text afresh, on every surface, asked once or three times', () => {
    fc.assert(
      fc.property(texts, fc.constantFrom('en' as const, 'ar' as const), (text, fallback) => {
        const fresh = answer(parseQuery(text, fallback), knowledge);
        for (let i = 0; i < 3; i += 1) expect(replyToCommand(text, knowledge, fallback).answer).toEqual(fresh);
        const mention = answer(parseQuery(stripMentions(text)), knowledge);
        for (let i = 0; i < 3; i += 1) expect(replyToMention(text, knowledge).answer).toEqual(mention);
      }),
      { numRuns: 400 },
    );
  });

  it('keeps only answers that quote nothing typed: a card is the same object the second time, did-you-mean never', () => {
    const card = replyToCommand('palentir', knowledge);
    expect(card.answer).toMatchObject({ kind: 'card', entry: { id: 'palantir' } });
    expect(replyToCommand('palentir', knowledge).answer).toBe(card.answer);
    const miss = replyToCommand('qwxz secret plan', knowledge);
    expect(miss.answer.kind).toBe('did-you-mean');
    expect(replyToCommand('qwxz secret plan', knowledge).answer).not.toBe(miss.answer);
    const topics = replyToMention('google and amazon', knowledge);
    expect(replyToMention('google and amazon', knowledge).answer).not.toBe(topics.answer);
  });

  it('a new knowledge version reads the text afresh: the card comes from the new file', () => {
    const before = replyToCommand('elbit', knowledge).answer;
    const parsed = parseKnowledge(readFileSync(KNOWLEDGE_PATH, 'utf8'));
    if (!parsed.ok) throw new Error('the knowledge file is invalid');
    const reloaded = parsed.knowledge;
    const after = replyToCommand('elbit', reloaded).answer;
    expect(after).not.toBe(before);
    expect(after.kind === 'card' && after.entry).toBe(reloaded.entries.find((entry) => entry.id === 'elbit-systems'));
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
