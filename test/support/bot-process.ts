/** The bot as a real child process (for restarts, kill -9 and SIGTERM), with its log lines. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { FakeSlack } from './fake-slack.js';
import { type BotProcess } from './bot-spawn.js';

export { startBot, type BotProcess } from './bot-spawn.js';

/**
 * Per test: a fake Slack API, a fresh state file path, and every bot started is killed after.
 * Read the fields inside tests (they are replaced before each one).
 */
export function botFixture(prefix: string): { slack: FakeSlack; statePath: string; bots: BotProcess[] } {
  const fixture = { slack: undefined as unknown as FakeSlack, statePath: '', bots: [] as BotProcess[] };
  beforeEach(async () => {
    fixture.slack = await new FakeSlack().start();
    fixture.statePath = join(mkdtempSync(join(tmpdir(), prefix)), 'state.json');
    fixture.bots = [];
  });
  afterEach(async () => {
    for (const bot of fixture.bots) if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill('SIGKILL');
    await fixture.slack.stop();
  });
  return fixture;
}
