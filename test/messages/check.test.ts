/**
 * The answer to "Check with NoTech" (src/messages/check.ts) and the topic finding behind it
 * (src/query/check.ts): pure, so checked directly, with properties over hostile text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAnswer, MAX_CHECK_LINES } from '../../src/messages/check.js';
import { unsafeSequences } from '../../src/messages/escape.js';
import { STRINGS } from '../../src/messages/i18n.js';
import { checkMessage as checkLimits } from '../../src/messages/limits.js';
import { checkText, topicsNamed } from '../../src/query/check.js';
import { decodeSlackText } from '../../src/slack/decode.js';
import { realKnowledge } from '../helpers/knowledge.js';
import { FORBIDDEN_IN_MESSAGES, hostileText, shown } from '../support/hostile.js';
import { typedText } from '../support/slack-encode.js';

const knowledge = realKnowledge();

function answerFor(text: string) {
  const { topics, result } = checkText(text, knowledge);
  return { topics, result, message: checkAnswer(text, topics, result, knowledge) };
}

/** The answer's figure lines: the quoted figure and its verdict word. */
function verdictLines(text: string): Array<[string, string]> {
  return [...text.matchAll(/^• [“«](.*?)[”»]: \*([^*]+)\*/gmu)].map((match) => [match[1]!, match[2]!]);
}

const mrkdwnOf = (message: { blocks: unknown[] }) => JSON.stringify(message.blocks);

describe('topicsNamed: the topics a whole message names', () => {
  it('reads the message as words, never as a command ("list", "search", "help" first)', () => {
    expect(topicsNamed('list: nimbus is a $1.2bn contract', knowledge).map((entry) => entry.id)).toEqual(['project-nimbus']);
    expect(topicsNamed('search results say palantir and elbit', knowledge).map((entry) => entry.id)).toEqual(['palantir', 'elbit-systems']);
  });

  it('finds a topic named past the first 1,000 characters (a query is cut there; a message is not)', () => {
    const text = `${'We met again today and talked for a long time. '.repeat(40)}Then someone said Palantir.`;
    expect(text.length).toBeGreaterThan(1500);
    expect(topicsNamed(text, knowledge).map((entry) => entry.id)).toEqual(['palantir']);
  });

  it('names nothing in filler, references and emoji', () => {
    expect(topicsNamed('thanks @maya #organizing :fire: https://example.org', knowledge)).toEqual([]);
  });
});

describe('checkAnswer', () => {
  it('quotes each figure as written, escaped, with its bound words, and never echoes the rest of the message', () => {
    const text = 'Secret plan <!channel>: Microsoft stored more than 13 petabytes of IDF data & <b>';
    const { message } = answerFor(text);
    const all = mrkdwnOf(message);
    expect(verdictLines(all.replace(/\\n/g, '\n'))).toEqual([['more than 13 petabytes', STRINGS.en.verdicts.differs]]);
    expect(all).not.toContain('Secret plan');
    expect(all).not.toContain('<b>');
    expect(all).toContain(STRINGS.en.checkWithinBound);
  });

  it('says when no currency was written, and when a match is only once rounded', () => {
    const { message } = answerFor('Nimbus: 1.2bn. Also the IPS courts convict 99.7% of Palestinians.');
    const all = mrkdwnOf(message);
    expect(all).toContain(STRINGS.en.checkNoCurrency);
    expect(all).toContain(STRINGS.en.checkRounded);
  });

  it('a figure on a topic the message does not name is never a match: "the knowledge has this figure for …"', () => {
    const { message, result } = answerFor('They say it is a $1.2bn deal');
    expect(result.claims.map((claim) => claim.verdict)).toEqual(['not-in-knowledge']);
    const all = mrkdwnOf(message);
    expect(all).toContain(STRINGS.en.checkNoTopic);
    expect(all).toContain(STRINGS.en.checkElsewhere(`*${knowledge.entry('project-nimbus')!.name.en}*`));
  });

  it('Arabic: Arabic words, quotes and punctuation', () => {
    const { message } = answerFor('وقّع أكثر من ٢٠٠٠ عامل على العريضة ضد نيمبوس');
    const all = mrkdwnOf(message);
    expect(all).toContain(STRINGS.ar.checkTitle);
    expect(all).toContain('«أكثر من ٢٠٠٠»');
    expect(all).toMatch(/،/);
    expect(all).not.toMatch(/[“”]/);
  });

  it(`lists at most ${MAX_CHECK_LINES} figures and counts the rest, within Slack's limits`, () => {
    const text = `Nimbus is a $1.2bn contract. ${Array.from({ length: 40 }, (_, i) => `$${i + 3} million`).join(', ')}`;
    const { message, result } = answerFor(text);
    expect(result.claims.length).toBeGreaterThan(MAX_CHECK_LINES);
    expect(verdictLines(mrkdwnOf(message).replace(/\\n/g, '\n'))).toHaveLength(MAX_CHECK_LINES);
    expect(mrkdwnOf(message)).toContain(STRINGS.en.checkMoreFigures(result.claims.length - MAX_CHECK_LINES));
    expect(checkLimits(message)).toEqual([]);
  });

  it('property: any hostile text gives an answer within limits, with nothing that pings or links', () => {
    fc.assert(
      fc.property(hostileText, (raw) => {
        const { message } = answerFor(raw);
        expect(checkLimits(message)).toEqual([]);
        expect(shown(message)).not.toMatch(FORBIDDEN_IN_MESSAGES);
        for (const block of message.blocks) {
          if (block.type === 'section') expect(unsafeSequences(block.text?.text ?? '')).toEqual([]);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('property: text as Slack sends it, decoded first, quotes every figure span exactly once', () => {
    fc.assert(
      fc.property(typedText(), fc.constantFrom('', ' Nimbus is $1.2bn', ' ٩٩٫٩٪ مصلحة السجون'), ({ sent }, tail) => {
        const text = decodeSlackText(`${sent}${tail}`);
        const { message, result } = answerFor(text);
        expect(checkLimits(message)).toEqual([]);
        expect(verdictLines(mrkdwnOf(message).replace(/\\n/g, '\n'))).toHaveLength(Math.min(result.claims.length, MAX_CHECK_LINES));
      }),
      { numRuns: 100 },
    );
  });
});
