import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatFigureValue } from '../../src/messages/format.js';
import { SEED_TOPICS, realKnowledge } from '../helpers/knowledge.js';

const knowledge = realKnowledge();

/** `printf '…' | npm start --silent`, as the README says, with no .env and no Slack settings. */
function pipeThroughNpmStart(input: string, extraEnv: Record<string, string> = {}) {
  return spawnSync('npm', ['start', '--silent'], {
    input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NOTECH_ENV_FILE: 'none', ...extraEnv },
    timeout: 30_000,
  });
}

/** Each answer ends with a blank line; split on the header underline to find cards. */
function cards(output: string): string[] {
  return output.split(/\n(?=[^\n]+\n═+\n)/);
}

describe('the console on a pipe', () => {
  it('answers /notech elbit with the OneSim-on-Azure contract: year, value, sourcing level; `full` adds its source URL; exits 0', () => {
    const result = pipeThroughNpmStart('/notech elbit\n/notech elbit full\n');
    expect(result.status).toBe(0);
    const [compact, full] = cards(result.stdout);
    const onesim = knowledge.entry('elbit-onesim-azure')!;
    const value = formatFigureValue(onesim.figures[0]!, 'en');
    for (const card of [compact!, full!]) {
      expect(card).toContain(onesim.name.en);
      expect(card).toContain(`(${onesim.year})`);
      expect(card).toContain(value);
      expect(card).toContain("Campaign's claim, not independently confirmed");
    }
    expect(compact).toContain(`[ All ${knowledge.entry('elbit-systems')!.facts.length} facts and sources ]`);
    expect(full).toContain(knowledge.source('primer')!.url);
    expect(result.stderr).toBe('');
  });

  it('answers every seed topic in English and in Arabic, in order, with figures and source URLs', () => {
    const lines = SEED_TOPICS.flatMap(({ en, ar }) => [`/notech ${en}`, `/notech ${ar}`]);
    const result = pipeThroughNpmStart(`${lines.join('\n')}\n`);
    expect(result.status).toBe(0);
    const answers = cards(result.stdout);
    expect(answers).toHaveLength(lines.length);
    SEED_TOPICS.forEach(({ id }, i) => {
      const entry = knowledge.entry(id)!;
      for (const [offset, lang] of [[0, 'en'], [1, 'ar']] as const) {
        const text = answers[i * 2 + offset]!;
        expect(text.startsWith(entry.name[lang]), `${id} ${lang}`).toBe(true);
        expect(text).toMatch(/\(https:\/\/[^)\s]+\)/);
        // The compact card leads with the headline figure; the rest may be left to the full card.
        if (entry.figures[0]) expect(text).toContain(formatFigureValue(entry.figures[0], lang));
        if (entry.year !== undefined) expect(text).toContain(String(entry.year));
      }
    });
  });

  it('answers mentions, help, list and version, and refuses other commands', () => {
    const result = pipeThroughNpmStart('@NoTech what about palantir?\n/notech\n/notech list\n/notech version\n/giphy cats\n@NoTech hello there\n');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(knowledge.entry('palantir')!.name.en);
    expect(result.stdout).toContain('`/notech list`: every topic');
    expect(result.stdout).toContain(`Knowledge version ${knowledge.version}`);
    expect(result.stdout).toContain('Unknown command /giphy');
    expect(result.stdout).toContain("I didn't recognise a topic there");
  });

  it('shows hostile text as text and survives empty, huge, control and Arabic input', () => {
    const input = ['', '   ', '/notech <!channel>', `/notech ${'x'.repeat(10_000)}`, '/notech \u0000\u0001elbit', '/notech ماذا عن مصلحة السجون؟', '/notech \uD800'].join('\n');
    const result = pipeThroughNpmStart(`${input}\n/notech palantir\n`);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('No topic is called “<!channel>”');
    expect(result.stdout).toContain(knowledge.entry('ips-consulting')!.name.ar);
    // Still answering at the end.
    expect(result.stdout.trimEnd()).toMatch(/\[ All \d+ facts? and sources \] {2}\[ Share in channel \]$/);
  });

  it('stops with the problems when the knowledge file is broken', () => {
    const dir = mkdtempSync(join(tmpdir(), 'notech-console-'));
    const file = join(dir, 'knowledge.json');
    const data = JSON.parse(readFileSync('data/knowledge.json', 'utf8'));
    data.entries[0].facts[0].sources = ['ghost'];
    writeFileSync(file, JSON.stringify(data));
    const result = pipeThroughNpmStart('/notech elbit\n', { KNOWLEDGE_FILE: file });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('entries[0].facts[0].sources[0] (entry "ips-consulting"): cites source "ghost"');
    expect(result.stdout).toBe('');
  });
});

describe('the console shows "Check with NoTech" (issue 16)', () => {
  it('`check: <message>` gives the topics and each figure with its verdict, in the message language', () => {
    const result = pipeThroughNpmStart("check: Microsoft's prison contract was $211k and 99.9% of Palestinians are convicted\ncheck: قيمة عقد نيمبوس ١٫٢ مليار دولار\n");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('“$211k”: matches');
    expect(result.stdout).toContain('“99.9%”: differs');
    expect(result.stdout).toContain(knowledge.entry('ips-consulting')!.name.en);
    expect(result.stdout).toContain('«١٫٢ مليار دولار»: يطابق');
  });
});
