import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changesSince, nextSpotlight, planDigest } from '../../src/digest/content.js';
import { Knowledge } from '../../src/knowledge/knowledge.js';
import { digestMessage } from '../../src/messages/digest.js';
import { checkMessage } from '../../src/messages/limits.js';
import type { ChangelogRelease } from '../../src/knowledge/schema.js';
import { realKnowledge } from '../helpers/knowledge.js';

const knowledge = realKnowledge();
const release = (version: string): ChangelogRelease => ({ version, date: '2026-01-01', added: [], changed: [], removed: [], note: { en: version, ar: `إصدار ${version}` } });
const log = ['1.0.0', '1.1.0', '1.2.0', '2.0.0', '2.0.1'].map(release);

describe('what is new since the version a channel last received', () => {
  it('first digest: the latest release only', () => {
    expect(changesSince(log, undefined).map((r) => r.version)).toEqual(['2.0.1']);
  });
  it('across several versions, oldest first', () => {
    expect(changesSince(log, '1.1.0').map((r) => r.version)).toEqual(['1.2.0', '2.0.0', '2.0.1']);
    expect(changesSince(log, '1.10.0').map((r) => r.version)).toEqual(['2.0.0', '2.0.1']);
  });
  it('nothing when up to date', () => {
    expect(changesSince(log, '2.0.1')).toEqual([]);
  });
});

describe('spotlight rotation', () => {
  it('shows every entry once before any repeats, then starts again', () => {
    let shown: string[] = [];
    const seen: string[] = [];
    for (let i = 0; i < knowledge.entries.length * 2; i += 1) {
      const next = nextSpotlight(knowledge.entries, shown)!;
      seen.push(next.entry.id);
      shown = next.shownAfter;
    }
    const firstRound = seen.slice(0, knowledge.entries.length);
    expect(new Set(firstRound).size).toBe(knowledge.entries.length);
    expect(new Set(seen.slice(knowledge.entries.length)).size).toBe(knowledge.entries.length);
  });

  it('never repeats within a round, whatever history it starts from (including removed ids)', () => {
    const ids = knowledge.entries.map((entry) => entry.id);
    fc.assert(
      fc.property(fc.subarray(ids), fc.array(fc.constantFrom('gone-1', 'gone-2')), (start, removed) => {
        let shown = [...start, ...removed];
        const picked: string[] = [];
        const remaining = ids.length - start.length;
        for (let i = 0; i < remaining; i += 1) {
          const next = nextSpotlight(knowledge.entries, shown)!;
          expect(shown).not.toContain(next.entry.id);
          picked.push(next.entry.id);
          shown = next.shownAfter;
        }
        expect(new Set([...start, ...picked]).size).toBe(ids.length);
      }),
    );
  });
});

describe('the spotlight and review dates', () => {
  it('never spotlights a stale entry, and spotlights none when every entry is stale', () => {
    // The repo file's entries were verified on 2026-11-30 with a 180-day interval.
    const data = structuredClone(knowledge.data);
    data.entries[0]!.verified = '2025-01-01'; // stale at AT
    const partly = new Knowledge(data);
    expect(planDigest(knowledge, { spotlightShown: [] }, AT).spotlight?.id).toBe(knowledge.entries[0]!.id);
    expect(planDigest(partly, { spotlightShown: [] }, AT).spotlight?.id).toBe(knowledge.entries[1]!.id);
    const later = new Date('2028-01-01T09:00:00Z'); // every entry is stale by then
    const none = planDigest(knowledge, { spotlightShown: [] }, later);
    expect(none.spotlight).toBeUndefined();
    expect(JSON.stringify(digestMessage(none, { lang: 'en', at: later, timezone: 'UTC' }).blocks)).not.toContain('Spotlight');
  });
});

const AT = new Date('2026-11-30T09:00:00Z');

describe('the digest message', () => {
  it('says the week, the version, the changes since the last version, a spotlight and how to ask', () => {
    const plan = planDigest(knowledge, { lastVersion: '1.0.0', spotlightShown: [] }, AT);
    const message = digestMessage(plan, { lang: 'en', at: new Date('2026-11-30T09:00:00Z'), timezone: 'Europe/London' });
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('week of 30 November 2026');
    expect(text).toContain(`v${knowledge.version}`);
    expect(text).toContain("What's new since v1.0.0");
    expect(text).toContain(knowledge.latestRelease.note.en.slice(0, 30));
    expect(text).toContain(knowledge.entries[0]!.name.en);
    expect(text).toContain('/notech');
    expect(checkMessage(message)).toEqual([]);
  });

  it('is bilingual, Arabic first, where the channel chose Arabic', () => {
    const plan = planDigest(knowledge, { spotlightShown: [] }, AT);
    const message = digestMessage(plan, { lang: 'ar', at: new Date('2026-11-30T09:00:00Z'), timezone: 'Asia/Beirut' });
    const text = JSON.stringify(message.blocks);
    expect(message.blocks[0]).toMatchObject({ type: 'header' });
    expect(JSON.stringify(message.blocks[0])).toContain('ملخص NoTech الأسبوعي');
    expect(text).toContain(knowledge.entries[0]!.name.ar);
    expect(text).toContain(knowledge.entries[0]!.name.en);
    expect(checkMessage(message)).toEqual([]);
  });

  it('says so when nothing changed', () => {
    const plan = planDigest(knowledge, { lastVersion: knowledge.version, spotlightShown: [] }, AT);
    expect(JSON.stringify(digestMessage(plan, { lang: 'en', at: new Date(), timezone: 'UTC' }).blocks)).toContain(`No changes since v${knowledge.version}`);
  });
});
