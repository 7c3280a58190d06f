import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readStateFile } from '../../src/digest/state.js';
import { botFixture, startBot, type BotProcess } from '../support/bot-process.js';

const CHANNELS = ['C0ALPHA', 'C0BRAVO'];
const PERIOD_S = 4;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const fixture = botFixture('notech-proc-');

function launch(extra: Record<string, string> = {}): BotProcess {
  const bot = startBot({
    SLACK_API_URL: fixture.slack.apiUrl,
    STATE_FILE: fixture.statePath,
    DIGEST_SCHEDULE: `*/${PERIOD_S} * * * * *`,
    DIGEST_CHANNELS: CHANNELS.join(','),
    ...extra,
  });
  fixture.bots.push(bot);
  return bot;
}

const runsIn = (channel: string) => fixture.slack.digestsIn(channel).map((message) => (message.metadata as { event_payload: { run: string } }).event_payload.run);

/** Every scheduled slot from the first run to the last has exactly one digest. */
function expectExactlyOncePerRun(channel: string) {
  const runs = runsIn(channel).sort();
  expect(new Set(runs).size, `duplicates in ${channel}: ${runs.join(', ')}`).toBe(runs.length);
  const first = Date.parse(runs[0]!);
  const last = Date.parse(runs.at(-1)!);
  const expected = (last - first) / (PERIOD_S * 1000) + 1;
  expect(runs.length, `missing runs in ${channel}: ${runs.join(', ')}`).toBe(expected);
}

async function untilNextSlot(offsetMs: number): Promise<void> {
  const period = PERIOD_S * 1000;
  const now = Date.now();
  let slot = Math.ceil(now / period) * period;
  if (slot + offsetMs - now < 300) slot += period;
  await sleep(slot + offsetMs - now);
}

describe('digest delivery by the real process', () => {
  it('reaches each subscribed channel once per run', async () => {
    const bot = launch();
    await bot.started;
    await fixture.slack.waitFor(() => CHANNELS.every((channel) => runsIn(channel).length >= 3), 20_000);
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    for (const channel of CHANNELS) expectExactlyOncePerRun(channel);
    const state = readStateFile(fixture.statePath);
    for (const channel of CHANNELS) expect(Object.values(state.channels[channel]!.deliveries).filter((d) => d.status === 'delivered').length).toBe(runsIn(channel).length);
  }, 40_000);

  it('kill -9 and restart around the scheduled time: never two posts, never zero', async () => {
    // A slow Slack widens the window between Slack accepting a post and the bot recording it.
    fixture.slack.delays.set('chat.postMessage', 250);
    let bot = launch();
    await bot.started;
    await fixture.slack.waitFor(() => CHANNELS.every((channel) => runsIn(channel).length >= 1), 20_000);
    for (const offset of [-400, 20, 120, 260, 600]) {
      await untilNextSlot(offset);
      bot.child.kill('SIGKILL');
      await bot.exited;
      bot = launch();
      await bot.started;
    }
    const before = Math.max(...CHANNELS.map((channel) => runsIn(channel).length));
    await fixture.slack.waitFor(() => CHANNELS.every((channel) => runsIn(channel).length >= before + 1), 20_000);
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    for (const channel of CHANNELS) expectExactlyOncePerRun(channel);
    expect(readStateFile(fixture.statePath)).toBeDefined();
  }, 90_000);

  it('a corrupted state file stops startup with a clear message and is left untouched', async () => {
    writeFileSync(fixture.statePath, '{"format":1,"subscriptions":{"C0X":');
    const before = { text: readFileSync(fixture.statePath, 'utf8'), mtime: statSync(fixture.statePath).mtimeMs };
    const bot = launch();
    expect(await bot.exited).toBe(1);
    expect(bot.output()).toMatch(/^notech: STATE_FILE .*state\.json is not valid JSON .*left untouched/m);
    expect(readFileSync(fixture.statePath, 'utf8')).toBe(before.text);
    expect(statSync(fixture.statePath).mtimeMs).toBe(before.mtime);
    expect(fixture.slack.callsTo('chat.postMessage')).toHaveLength(0);
  });
});
