/**
 * Restarts and crashes: kill -9 at random moments around digest runs, 20 times. Afterwards the
 * state file parses and every run reached each channel exactly once (a run superseded while the
 * bot was down is recorded as skipped, never silently lost). SIGTERM during a slow post exits 0
 * within seconds, with the send recorded so the next start neither repeats nor drops it.
 */
import { describe, expect, it } from 'vitest';
import { readStateFile } from '../../src/digest/state.js';
import { botFixture, startBot, type BotProcess } from '../support/bot-process.js';
import { expectNoPrivateData } from '../support/privacy.js';

const CHANNELS = ['C0ONE', 'C0TWO', 'C0THREE'];
const PERIOD_MS = 2000;
const TRIALS = 20;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const fixture = botFixture('notech-crash-');

function launch(): BotProcess {
  const bot = startBot({ SLACK_API_URL: fixture.slack.apiUrl, STATE_FILE: fixture.statePath, DIGEST_SCHEDULE: `*/${PERIOD_MS / 1000} * * * * *`, DIGEST_CHANNELS: CHANNELS.join(','), LOG_LEVEL: 'info' });
  fixture.bots.push(bot);
  return bot;
}

const runsIn = (channel: string) => fixture.slack.digestsIn(channel).map((message) => (message.metadata as { event_payload: { run: string } }).event_payload.run);

/** A small seeded generator, so a failing trial can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('kill -9 at random moments during digest runs', () => {
  it(`${TRIALS} trials: the state file always parses; every run reached each channel exactly once`, async () => {
    const seed = Number(process.env.CRASH_SEED ?? 20261128);
    const next = random(seed);
    fixture.slack.delays.set('chat.postMessage', 150); // a slow Slack widens the post-to-record window
    let bot = launch();
    await bot.started;
    const startedAt = Date.now();
    for (let trial = 0; trial < TRIALS; trial += 1) {
      await sleep(200 + next() * PERIOD_MS * 1.5);
      bot.child.kill('SIGKILL');
      await bot.exited;
      expect(() => readStateFile(fixture.statePath), `state after trial ${trial}`).not.toThrow();
      bot = launch();
      await bot.started;
    }
    const before = Math.min(...CHANNELS.map((channel) => runsIn(channel).length));
    await fixture.slack.waitFor(() => CHANNELS.every((channel) => runsIn(channel).length > before), 15_000);
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);

    const state = readStateFile(fixture.statePath);
    let delivered = 0;
    let duplicated = 0;
    let lost = 0;
    let skipped = 0;
    for (const channel of CHANNELS) {
      const runs = runsIn(channel);
      delivered += runs.length;
      duplicated += runs.length - new Set(runs).size;
      const deliveries = state.channels[channel]!.deliveries;
      const first = Math.min(...runs.map(Date.parse));
      const last = Math.max(...runs.map(Date.parse));
      for (let slot = first; slot <= last; slot += PERIOD_MS) {
        const key = new Date(slot).toISOString();
        if (runs.includes(key)) continue;
        if (deliveries[key]?.status === 'skipped') skipped += 1;
        else lost += 1;
      }
    }
    console.log(`crash figures: ${JSON.stringify({ seed, trials: TRIALS, seconds: Math.round((Date.now() - startedAt) / 1000), channels: CHANNELS.length, delivered, duplicated, lost, skippedAsSuperseded: skipped })}`);
    expect(duplicated).toBe(0);
    expect(lost).toBe(0);
    expect(delivered).toBeGreaterThan(CHANNELS.length * 5);
    expectNoPrivateData(fixture.bots.flatMap((b) => b.output().split('\n')).filter(Boolean));
  }, 180_000);

  it('SIGTERM during a slow post exits 0 within seconds; the next start neither repeats nor drops it', async () => {
    fixture.slack.delays.set('chat.postMessage', 2500);
    const bot = launch();
    await bot.started;
    await fixture.slack.waitFor(() => fixture.slack.callsTo('chat.postMessage').length >= 1, 10_000);
    const stopAt = Date.now();
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    const stopSeconds = (Date.now() - stopAt) / 1000;
    expect(stopSeconds).toBeLessThan(6);
    expect(bot.output()).toContain('shutting down');
    const statuses = Object.values(readStateFile(fixture.statePath).channels).flatMap((channel) => Object.values(channel.deliveries).map((d) => d.status));
    expect(statuses.length).toBeGreaterThan(0); // the in-flight send was recorded

    fixture.slack.delays.delete('chat.postMessage');
    const again = launch();
    await again.started;
    await fixture.slack.waitFor(() => CHANNELS.every((channel) => runsIn(channel).length >= 2), 15_000);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
    for (const channel of CHANNELS) {
      const runs = runsIn(channel);
      expect(new Set(runs).size, `${channel}: ${runs.join(', ')}`).toBe(runs.length);
    }
    console.log(`sigterm figures: ${JSON.stringify({ stopSeconds })}`);
  }, 60_000);
});
