/** The console's `report <topic> <text>` (issue 15) and its review dates, with an injected clock. */
import { describe, expect, it } from 'vitest';
import { answerLine } from '../../src/console/console.js';
import { KnowledgeStore } from '../../src/knowledge/store.js';
import { createLogger } from '../../src/log.js';
import { realKnowledge } from '../helpers/knowledge.js';

const knowledge = realKnowledge();
const store = KnowledgeStore.of(knowledge, createLogger({ level: 'silent' }));

describe('the console', () => {
  it('`report elbit …` prints the anonymous report the maintainers\' channel would get', () => {
    const out = answerLine('report elbit <!channel> the 2019 figure is wrong', { store, color: false })!;
    const index = knowledge.entries.findIndex((entry) => entry.id === 'elbit-systems');
    expect(out).toContain('elbit-systems');
    expect(out).toContain(`entries[${index}]`);
    // Shown as Slack would show the escaped text: as typed, pinging nobody.
    expect(out).toContain('<!channel> the 2019 figure is wrong');
    expect(out).toContain('Reported anonymously');
  });

  it('`report` of an unknown topic answers as the command would', () => {
    expect(answerLine('report surveillancez it is wrong', { store, color: false })).toContain('No topic is called');
  });

  it('shows the stale banner when its clock says an entry is overdue', () => {
    const stale = () => new Date('2027-08-01T00:00:00Z');
    expect(answerLine('/notech elbit', { store, color: false, now: stale })).toContain('Last checked 8 months ago');
    expect(answerLine('/notech elbit', { store, color: false, now: () => new Date('2027-01-01T00:00:00Z') })).not.toContain('Last checked');
    expect(answerLine('/notech list', { store, color: false, now: stale })).toContain('⏳');
  });
});
