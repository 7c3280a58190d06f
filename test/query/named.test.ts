import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { namesOf } from '../../src/knowledge/names.js';
import { answer } from '../../src/query/answer.js';
import { parseQuery, topicPhrasesOf } from '../../src/query/parse.js';
import { realKnowledge } from '../helpers/knowledge.js';

const knowledge = realKnowledge();
const ask = (text: string) => answer(parseQuery(text), knowledge);
const named = (text: string) => {
  const result = ask(text);
  return result.kind === 'card' ? [result.entry.id] : result.kind === 'topics' ? result.entries.map((entry) => entry.id) : result.kind;
};

describe('topicPhrasesOf', () => {
  it.each([
    ['hey, what about palantir? thanks', [['palantir']]],
    ['can you tell me about the IPS contract please', [['ips']]],
    ['google and amazon', [['google'], ['amazon']]],
    ['Google & Amazon', [['google'], ['amazon']]],
    ['compare nimbus with palantir', [['nimbus'], ['palantir']]],
    ['elbit, palantir', [['elbit'], ['palantir']]],
    ['@maya asked in #organizing about :partyparrot: https://example.org/x nimbus', [['asked', 'nimbus']]],
    ['مرحبا، ماذا عن بالانتير؟ شكرا', [['بالانتير']]],
    ['من فضلك أخبرني عن مصلحة السجون', [['مصلحه', 'السجون']]],
    ['أخبرنی عن إلبیت، شکرا', [['البيت']]],
    ['thanks!', []],
    ['مرحبا', []],
  ])('%j → %j', (text, phrases) => {
    expect(topicPhrasesOf(text)).toEqual(phrases);
  });
});

describe('names inside sentences', () => {
  const entries = knowledge.entries;
  const frames = [(name: string) => `hey, what about ${name}? thanks`, (name: string) => `مرحبا، ماذا عن ${name}؟ شكرا`, (name: string) => `can you tell me about ${name} please`, (name: string) => `من فضلك أخبرني عن ${name}`];

  it('every name and alias of every entry, inside a greeting and a question, gets that card', () => {
    let checked = 0;
    for (const entry of entries) {
      for (const name of namesOf(entry)) {
        for (const frame of frames) {
          expect(named(frame(name)), frame(name)).toEqual([entry.id]);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('any two entries named together are both offered, in order, and neither answered alone', () => {
    const pairs = [(a: string, b: string) => `hey, what about ${a} and ${b}?`, (a: string, b: string) => `${a}, ${b}`, (a: string, b: string) => `compare ${a} with ${b}`, (a: string, b: string) => `ماذا عن ${a} و ${b}؟`];
    for (const a of entries) {
      for (const b of entries) {
        if (a.id === b.id) continue;
        for (const pair of pairs.slice(0, 3)) expect(named(pair(a.name.en, b.name.en)), pair(a.name.en, b.name.en)).toEqual([a.id, b.id]);
        expect(named(pairs[3]!(a.name.ar, b.name.ar))).toEqual([a.id, b.id]);
      }
    }
  });

  it('filler of any kind and amount around one name never changes which card', () => {
    const filler = fc.constantFrom('hey', 'hi', 'hello', 'thanks', 'thank you', 'please', 'pls', 'can you tell me', 'what about', 'what do we know about', 'any info on', 'who is', "what's", 'مرحبا', 'السلام عليكم', 'من فضلك', 'لو سمحت', 'شكرا', 'ماذا عن', 'ما هو', 'أخبرني عن', 'هل تعرف', 'شو', '!', '؟', '،');
    const entryName = fc.constantFrom(...entries.flatMap((entry) => namesOf(entry).map((name) => ({ id: entry.id, name }))));
    fc.assert(
      fc.property(fc.array(filler, { maxLength: 4 }), entryName, fc.array(filler, { maxLength: 3 }), (before, { id, name }, after) => {
        expect(named([...before, name, ...after, '?'].join(' '))).toEqual([id]);
      }),
      { numRuns: 2000 },
    );
  });

  it('a sentence that names nothing gets "did you mean" or the short help, never a card', () => {
    for (const text of ['hello there', 'are you awake', 'thanks!', 'what about surveillance?', 'مرحبا', 'شكرا جزيلا', 'quick note', 'can you help me with my notes']) {
      expect(['did-you-mean', 'help']).toContain(ask(text).kind);
    }
  });

  it('a longer name wins over the names inside it; a joiner keeps them apart', () => {
    expect(named('what about google nimbus?')).toEqual(['project-nimbus']);
    expect(named('google and nimbus')).toEqual(['google', 'project-nimbus']);
    expect(named('tell me about palantir on azure')).toEqual(['palantir-azure']);
    expect(named('جوجل وأمازون')).toEqual(['google', 'amazon']);
    expect(named('شراكة بالانتير ومايكروسوفت')).toEqual(['palantir-azure']);
  });
});
