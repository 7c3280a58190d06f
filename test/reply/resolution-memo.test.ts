/**
 * Issue 14, trying to break the resolution memo (src/reply/index.ts): what a text resolves to is
 * remembered per knowledge version under a keyed hash. A remembered answer must always be the
 * one reading the text afresh gives, on every surface, for every spelling of a name; a reload of
 * the file must be answered from the new file; answers that quote the text must never be kept;
 * and the memo stays within its 1,000 keys.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Knowledge } from '../../src/knowledge/knowledge.js';
import { parseKnowledge } from '../../src/knowledge/load.js';
import { KnowledgeStore } from '../../src/knowledge/store.js';
import { createLogger } from '../../src/log.js';
import { answer } from '../../src/query/answer.js';
import { parseQuery, stripMentions } from '../../src/query/parse.js';
import { replyToCommand, replyToDirectMessage, replyToMention } from '../../src/reply/index.js';
import { KNOWLEDGE_PATH, rawKnowledge, realKnowledge } from '../helpers/knowledge.js';

const knowledge = realKnowledge();

/** A fresh Knowledge object: a memo of its own, empty. */
function freshKnowledge(): Knowledge {
  const parsed = parseKnowledge(readFileSync(KNOWLEDGE_PATH, 'utf8'));
  if (!parsed.ok) throw new Error('the knowledge file is invalid');
  return parsed.knowledge;
}

const ZERO_WIDTH = ['\u200B', '\u200C', '\u200D', '\u200E', '\u200F', '\u2060', '\uFEFF', '\u061C'];
/** Arabic letters typed in their other forms: hamza seats, alif maqsura, ta marbuta, tatweel. */
const ARABIC_VARIANTS: Array<[RegExp, string]> = [[/ا/g, 'أ'], [/ا/g, 'إ'], [/ا/g, 'آ'], [/ي/g, 'ى'], [/ه/g, 'ة'], [/ة/g, 'ه'], [/ي/g, 'ی'], [/ك/g, 'ک'], [/(\p{L})/gu, '$1ـ']];

const names = knowledge.entries.flatMap((entry) => [entry.id, entry.name.en, entry.name.ar, ...entry.aliases.en.slice(0, 2), ...entry.aliases.ar.slice(0, 2)]);
/** One name written another way: case, spaces, Unicode normal forms, Arabic letter variants, invisible characters, flags, `full`, filler. */
const spelled = fc
  .tuple(
    fc.constantFrom(...names),
    fc.constantFrom('upper', 'lower', 'title', 'spaces', 'nfd', 'nfkd', 'arabic', 'zero-width', 'as-is'),
    fc.nat(20),
    fc.constantFrom('', ' full', 'full ', ' كامل', ' lang:ar', 'lang:en ', ' LANG:AR', ' lang:fr', '?', ' please', 'ماذا عن ', 'what about ', ' <@U0NOTECH>', '<@U0NOTECH> '),
  )
  .map(([name, how, n, extra]) => {
    let text = name;
    if (how === 'upper') text = text.toUpperCase();
    if (how === 'lower') text = text.toLowerCase();
    if (how === 'title') text = text.replace(/\b\p{L}/gu, (c) => c.toUpperCase());
    if (how === 'spaces') text = `${' '.repeat(n % 3)}${text.replace(/ /g, ' '.repeat(1 + (n % 4)))}\t${'\n'.repeat(n % 2)}`;
    if (how === 'nfd') text = text.normalize('NFD');
    if (how === 'nfkd') text = text.normalize('NFKD');
    if (how === 'arabic') {
      const [pattern, replacement] = ARABIC_VARIANTS[n % ARABIC_VARIANTS.length]!;
      text = text.replace(pattern, replacement);
    }
    if (how === 'zero-width') {
      const at = n % (text.length + 1);
      text = `${text.slice(0, at)}${ZERO_WIDTH[n % ZERO_WIDTH.length]}${text.slice(at)}`;
    }
    return extra.endsWith(' ') ? `${extra}${text}` : `${text}${extra}`;
  });
const texts = fc.oneof(spelled, fc.constantFrom('list', 'LIST', 'help', 'مساعدة', 'version', 'search elbit', 'google and amazon', 'zorblax', 'palentir', 'elbti systms', 'digest status', 'digest subscribe friday', 'الملخص status', ''));

const freshCommand = (text: string, fallback: 'en' | 'ar', k = knowledge) => answer(parseQuery(text, fallback), k);
const freshMention = (text: string, k = knowledge) => answer(parseQuery(stripMentions(text)), k);

describe('a remembered answer is always the one reading afresh gives', () => {
  it('property: any spelling of any name, on command (both fallbacks), mention and DM, asked in any order and again', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(texts, fc.constantFrom('command-en', 'command-ar', 'mention', 'dm')), { minLength: 1, maxLength: 8 }), (asks) => {
        // Each ask twice, interleaved: a key on one surface must never answer another.
        for (const [text, surface] of [...asks, ...asks.slice().reverse(), ...asks]) {
          if (surface === 'command-en') expect(replyToCommand(text, knowledge, 'en').answer).toEqual(freshCommand(text, 'en'));
          if (surface === 'command-ar') expect(replyToCommand(text, knowledge, 'ar').answer).toEqual(freshCommand(text, 'ar'));
          if (surface === 'mention') expect(replyToMention(text, knowledge).answer).toEqual(freshMention(text));
          if (surface === 'dm') expect(replyToDirectMessage(text, knowledge).answer).toEqual(freshMention(text));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('the same letters in another case, form or with an invisible character resolve as afresh, each under its own key', () => {
    const variants = ['elbit', 'ELBIT', 'Elbit', ' elbit ', 'el\u200Bbit', 'elbit\u200F', 'elbit full', 'ELBIT FULL', 'full elbit', 'elbit lang:ar', 'lang:AR elbit', 'إلبيت', 'ألبيت', 'البيت', 'إلبيت'.normalize('NFD'), 'إلـبـيـت', 'إلبيت كامل', 'إلبيت lang:en', 'إلبيت\u200C'];
    for (const text of variants) {
      for (const fallback of ['en', 'ar'] as const) {
        const first = replyToCommand(text, knowledge, fallback);
        expect(first.answer).toEqual(freshCommand(text, fallback));
        expect(replyToCommand(text, knowledge, fallback).answer).toEqual(first.answer);
        expect(first.lang).toBe(first.answer.lang);
      }
      expect(replyToMention(`<@U0NOTECH> ${text}`, knowledge).answer).toEqual(freshMention(`<@U0NOTECH> ${text}`));
    }
    // The flags and `full` change the answer, and the memo keeps them apart.
    expect(replyToCommand('elbit lang:ar', knowledge).answer).toMatchObject({ kind: 'card', lang: 'ar' });
    expect(replyToCommand('elbit', knowledge).answer).toMatchObject({ kind: 'card', lang: 'en' });
    expect(replyToCommand('elbit full', knowledge).answer).toMatchObject({ kind: 'card', full: true });
    expect(replyToCommand('elbit', knowledge).answer).not.toHaveProperty('full');
    // Nothing to tell the language by: the fallback decides, and each fallback has its own key.
    expect(replyToCommand('', knowledge, 'ar').answer).toEqual({ kind: 'help', lang: 'ar' });
    expect(replyToCommand('', knowledge, 'en').answer).toEqual({ kind: 'help', lang: 'en' });
    expect(replyToCommand('', knowledge, 'ar').answer).toEqual({ kind: 'help', lang: 'ar' });
  });

  it('digest subcommands, which act on state, are read afresh every time and never remembered', () => {
    for (const text of ['digest subscribe', 'digest status', 'digest subscribe friday 17:30 lang:ar', 'digest unsubscribe', 'الملخص status']) {
      const first = replyToCommand(text, knowledge);
      expect(first.answer.kind).toBe('digest');
      for (let i = 0; i < 3; i += 1) {
        const again = replyToCommand(text, knowledge);
        expect(again.answer).toEqual(freshCommand(text, 'en'));
        expect(again.answer).not.toBe(first.answer);
      }
    }
  });
});

describe('a reload of the file is answered from the new file', () => {
  const logger = createLogger({ level: 'silent' });

  function fileWith(edit: (data: ReturnType<typeof rawKnowledge>) => void): { file: string; write: () => void } {
    const file = join(mkdtempSync(join(tmpdir(), 'notech-memo-')), 'knowledge.json');
    writeFileSync(file, JSON.stringify(rawKnowledge()));
    return {
      file,
      write: () => {
        const data = rawKnowledge();
        data.version = '9.9.9';
        data.changelog.push({ version: '9.9.9', date: '2026-11-30', added: [], changed: ['elbit-systems'], removed: [], note: { en: 'A test release.', ar: 'إصدار تجريبي.' } });
        edit(data);
        writeFileSync(file, JSON.stringify(data));
      },
    };
  }
  const renameElbit = (data: ReturnType<typeof rawKnowledge>) => {
    const elbit = data.entries.find((entry) => entry.id === 'elbit-systems')!;
    elbit.summary.en = 'A summary only the new file has.';
    elbit.aliases.en.push('zephyrdyne');
  };

  it('store.reload(): every surface answers the texts it remembered from the new file', async () => {
    const { file, write } = fileWith(renameElbit);
    const opened = await KnowledgeStore.open(file, logger);
    if (!opened.ok) throw new Error('open failed');
    const { store } = opened;
    const asked = ['elbit', 'palentir', 'zephyrdyne', 'list', 'version'];
    const before = asked.map((text) => [replyToCommand(text, store.current), replyToMention(text, store.current), replyToDirectMessage(text, store.current)]);
    expect(before[2]![0]!.answer.kind).not.toBe('card');
    write();
    expect((await store.reload()).status).toBe('changed');
    const k = store.current;
    for (const [i, text] of asked.entries()) {
      const [command, mention, dm] = [replyToCommand(text, k), replyToMention(text, k), replyToDirectMessage(text, k)];
      expect(command.answer).toEqual(freshCommand(text, 'en', k));
      expect(mention.answer).toEqual(freshMention(text, k));
      expect(dm.answer).toEqual(freshMention(text, k));
      if (command.answer.kind === 'card') expect(command.answer.entry).toBe(k.entry(command.answer.entry.id));
      expect(command.answer).not.toBe(before[i]![0]!.answer);
    }
    expect(replyToCommand('zephyrdyne', k).answer).toMatchObject({ kind: 'card', entry: { id: 'elbit-systems' } });
    expect(JSON.stringify(replyToCommand('elbit', k).message)).toContain('A summary only the new file has.');
    expect(JSON.stringify(replyToCommand('version', k).message)).toContain('9.9.9');
  });

  it('store.watch(): an edited file is noticed and the next answer comes from it', async () => {
    const { file, write } = fileWith(renameElbit);
    const opened = await KnowledgeStore.open(file, logger);
    if (!opened.ok) throw new Error('open failed');
    const { store } = opened;
    expect(JSON.stringify(replyToCommand('elbit', store.current).message)).not.toContain('A summary only the new file has.');
    const unwatch = store.watch(50);
    const changed = new Promise((resolve) => store.once('change', resolve));
    await new Promise((resolve) => setTimeout(resolve, 100));
    write();
    await changed;
    unwatch();
    expect(JSON.stringify(replyToCommand('elbit', store.current).message)).toContain('A summary only the new file has.');
    expect(JSON.stringify(replyToMention('what about elbit?', store.current).message)).toContain('A summary only the new file has.');
  });
});

describe('nothing typed is kept', () => {
  const marker = fc.stringMatching(/^[qxz][a-z0-9]{5,10}$/).map((word) => `zq${word}`);
  const phrasings = fc.tuple(marker, fc.constantFrom(...names.slice(0, 30)), fc.nat(5)).map(([word, name, how]) => {
    const forms = [word, `search ${word}`, `${name} ${word}`, `${name} and ${word}`, `${word} ${name} and google`, `what about ${word}?`];
    return { word, text: forms[how]! };
  });

  it('property: an answer given twice as the same object carries no typed word; did-you-mean, results and topics are never the same object twice', () => {
    fc.assert(
      fc.property(phrasings, fc.constantFrom('command', 'mention'), ({ word, text }, surface) => {
        const ask = () => (surface === 'command' ? replyToCommand(text, knowledge) : replyToMention(text, knowledge));
        const first = ask();
        const second = ask();
        if (first.answer === second.answer) expect(JSON.stringify(first.answer)).not.toContain(word);
        if (['did-you-mean', 'results', 'topics', 'digest'].includes(first.answer.kind)) expect(second.answer).not.toBe(first.answer);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the memo is bounded', () => {
  it('holds at most 1,000 texts a knowledge version: the 1,001st empties it, and answers stay right', () => {
    const k = freshKnowledge();
    const palantir = replyToCommand('palantir', k).answer;
    // Different texts that all resolve to a card (so all are kept): trailing spaces differ.
    const filler = (i: number) => `elbit${' '.repeat(i + 1)}`;
    for (let i = 0; i < 998; i += 1) replyToCommand(filler(i), k);
    expect(replyToCommand('palantir', k).answer).toBe(palantir); // 999 keys: still remembered
    replyToCommand(filler(998), k); // the 1,000th key
    replyToCommand(filler(999), k); // full: emptied, then this one kept
    const after = replyToCommand('palantir', k).answer;
    expect(after).not.toBe(palantir);
    expect(after).toEqual(freshCommand('palantir', 'en', k));
  });
});
