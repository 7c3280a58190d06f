import { describe, expect, it } from 'vitest';
import { replyToCommand, replyToMention } from '../../src/reply/index.js';
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
