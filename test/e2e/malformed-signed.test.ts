/**
 * A correctly signed body Bolt cannot read must not stop the bot: JSON `null`, or a form whose
 * `payload` is `null`, make Bolt's HTTP receiver read `null.ssl_check` in an async step nothing
 * awaits, and an unhandled rejection ends a Node process. Only Slack or someone holding the
 * signing secret can send one, but one such request would have stopped the bot for everyone.
 * The real bot, as a child process (the whole process is what is at stake).
 */
import { describe, expect, it } from 'vitest';
import { botFixture, startBot } from '../support/bot-process.js';
import { FORM, JSON_TYPE, signed, slashCommand } from '../support/slack-requests.js';

const fixture = botFixture('notech-malformed-');

describe('a signed body Bolt cannot read', () => {
  it('leaves the bot running and answering, and logs the rejection without the body', async () => {
    const bot = startBot({ SLACK_API_URL: fixture.slack.apiUrl, STATE_FILE: fixture.statePath });
    fixture.bots.push(bot);
    const { port } = (await bot.started) as { port: number };
    const url = `http://127.0.0.1:${port}/slack/events`;
    const bodies: Array<[string, string]> = [
      ['null', JSON_TYPE],
      [new URLSearchParams({ payload: 'null' }).toString(), FORM],
      ['null', JSON_TYPE],
    ];
    for (const [body, type] of bodies) {
      const request = signed(body, type);
      // That request itself gets no answer from Bolt; the client gives up, as Slack does after 3 s.
      await fetch(url, { method: 'POST', headers: request.headers, body: request.body, signal: AbortSignal.timeout(1000) }).catch(() => undefined);
    }
    expect(bot.child.exitCode).toBeNull();
    const command = signed(slashCommand('elbit', fixture.slack.responseUrl('after')), FORM);
    const response = await fetch(url, { method: 'POST', headers: command.headers, body: command.body });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { text: string }).text).toContain('Elbit');
    const rejections = bot.output().split('\n').filter((line) => line.includes('unhandled rejection'));
    expect(rejections).toHaveLength(3);
    for (const line of rejections) {
      expect(line).toContain('"name":"TypeError"');
      expect(line).not.toContain('ssl_check');
    }
  }, 30_000);
});
