import { describe, expect, it } from 'vitest';
import { parseKnowledge } from '../../src/knowledge/load.js';
import { HomeViews } from '../../src/slack/views/home.js';
import { checkMessage } from '../../src/messages/limits.js';
import type { SlackMessage } from '../../src/messages/types.js';
import { NEXT_VERSION, rawKnowledge, realKnowledge } from '../helpers/knowledge.js';

describe('the Home view', () => {
  it('is rebuilt when the knowledge changes, and reused while it does not', () => {
    const homes = new HomeViews();
    const first = homes.forKnowledge(realKnowledge());
    expect(homes.forKnowledge(realKnowledge())).toBe(first);
    const data = rawKnowledge();
    data.version = NEXT_VERSION;
    data.changelog.push({ version: NEXT_VERSION, date: '2026-11-30', added: [], changed: [], removed: [], note: { en: 'Home test release.', ar: 'إصدار تجريبي.' } });
    const parsed = parseKnowledge(JSON.stringify(data));
    if (!parsed.ok) throw new Error('invalid');
    const second = homes.forKnowledge(parsed.knowledge);
    expect(second).not.toBe(first);
    expect(JSON.stringify(second.blocks)).toContain('Home test release.');
    expect(JSON.stringify(second.blocks)).toContain(`v${NEXT_VERSION}`);
    expect(checkMessage({ text: 'home', blocks: second.blocks as SlackMessage['blocks'] }, 'home')).toEqual([]);
  });
});

describe('the Home tab says how to ask (issue 16)', () => {
  it('in a DM and with the Check with NoTech shortcut, in both languages, under "How to ask"', () => {
    const blocks = new HomeViews().forKnowledge(realKnowledge()).blocks;
    const text = JSON.stringify(blocks);
    const howTo = text.indexOf('How to ask');
    expect(howTo).toBeGreaterThan(-1);
    for (const line of ['Send NoTech a direct message', 'راسل NoTech مباشرةً', '*Check with NoTech*']) {
      expect(text.indexOf(line), line).toBeGreaterThan(howTo);
    }
  });
});
