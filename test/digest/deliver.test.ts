import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DigestSender, runKey } from '../../src/digest/deliver.js';
import { DigestScheduler } from '../../src/digest/scheduler.js';
import { StateStore, readStateFile, type Subscription } from '../../src/digest/state.js';
import { KnowledgeStore } from '../../src/knowledge/store.js';
import { createLogger } from '../../src/log.js';
import { realKnowledge } from '../helpers/knowledge.js';
import { FakeSlack } from '../support/fake-slack.js';

const CHANNEL = 'C0DIGEST';
const RUN = new Date('2026-11-30T09:00:00Z');

let slack: FakeSlack;
let statePath: string;
let state: StateStore;
let sleeps: number[];
let clock: Date;
let logs: string[];

function sender(clientOptions: ConstructorParameters<typeof WebClient>[1] = {}) {
  const logger = createLogger({
    level: 'info',
    destination: new Writable({
      write(chunk: Buffer, _e, cb) {
        logs.push(chunk.toString());
        cb();
      },
    }),
  });
  const client = new WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, ...clientOptions });
  return new DigestSender({
    client,
    state,
    store: KnowledgeStore.of(realKnowledge(), logger),
    logger,
    now: () => clock,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    retry: { attempts: 5, baseDelayMs: 100, maxDelayMs: 1000 },
  });
}

const subscription: Subscription = { channelId: CHANNEL, cron: '0 9 * * 1', timezone: 'UTC', lang: 'en', createdAt: '2026-11-01T00:00:00.000Z' };

beforeEach(async () => {
  slack = await new FakeSlack().start();
  statePath = join(mkdtempSync(join(tmpdir(), 'notech-digest-')), 'state.json');
  state = StateStore.open(statePath);
  sleeps = [];
  logs = [];
  clock = new Date('2026-11-30T09:00:05Z');
});
afterEach(async () => {
  await slack.stop();
});

describe('delivering one run', () => {
  it('posts once, with metadata naming the run, and records it on disk', async () => {
    expect(await sender().deliver(subscription, RUN)).toBe('delivered');
    expect(slack.digestsIn(CHANNEL)).toHaveLength(1);
    expect(slack.digestsIn(CHANNEL)[0]!.metadata).toEqual({ event_type: 'notech_digest', event_payload: { run: runKey(RUN) } });
    const onDisk = readStateFile(statePath);
    expect(onDisk.channels[CHANNEL]!.deliveries[runKey(RUN)]).toMatchObject({ status: 'delivered', ts: expect.any(String) });
    expect(onDisk.channels[CHANNEL]!.lastVersion).toBe(realKnowledge().version);
    expect(onDisk.channels[CHANNEL]!.spotlightShown).toEqual([realKnowledge().entries[0]!.id]);
    expect(await sender().deliver(subscription, RUN)).toBe('already-delivered');
    expect(slack.digestsIn(CHANNEL)).toHaveLength(1);
  });

  it('a 500 and then ratelimited (Retry-After) still end with exactly one digest', async () => {
    slack.fail('chat.postMessage', { kind: 'status', status: 500 }, { kind: 'ratelimited', retryAfterSeconds: 3 });
    expect(await sender().deliver(subscription, RUN)).toBe('delivered');
    expect(slack.callsTo('chat.postMessage')).toHaveLength(3);
    expect(slack.digestsIn(CHANNEL)).toHaveLength(1);
    expect(sleeps).toContain(3000);
    expect(readStateFile(statePath).channels[CHANNEL]!.deliveries[runKey(RUN)]!.status).toBe('delivered');
  });

  it('a 503 after Slack did post is resolved from the channel history, not posted again', async () => {
    slack.fail('chat.postMessage', { kind: 'status', status: 503, landed: true });
    expect(await sender().deliver(subscription, RUN)).toBe('delivered');
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect(slack.digestsIn(CHANNEL)).toHaveLength(1);
  });

  it('a call that hangs past the client timeout (after landing) is not posted twice', async () => {
    slack.fail('chat.postMessage', { kind: 'hang', landed: true });
    expect(await sender({ timeout: 300 }).deliver(subscription, RUN)).toBe('delivered');
    expect(slack.digestsIn(CHANNEL)).toHaveLength(1);
  });

  it('a dropped connection is retried', async () => {
    slack.fail('chat.postMessage', { kind: 'drop' }, { kind: 'drop' });
    expect(await sender().deliver(subscription, RUN)).toBe('delivered');
    expect(slack.digestsIn(CHANNEL)).toHaveLength(1);
  });

  it('gives up after the retry budget, records failed, and marks nothing delivered', async () => {
    slack.fail('chat.postMessage', ...Array.from({ length: 5 }, () => ({ kind: 'status' as const, status: 500 })));
    expect(await sender().deliver(subscription, RUN)).toBe('failed');
    expect(slack.digestsIn(CHANNEL)).toHaveLength(0);
    expect(readStateFile(statePath).channels[CHANNEL]!.deliveries[runKey(RUN)]).toMatchObject({ status: 'failed', error: 'http_500' });
    // Backoff grows.
    expect(sleeps[1]!).toBeGreaterThan(sleeps[0]!);
  });

  it('joins the channel on not_in_channel and posts', async () => {
    slack.fail('chat.postMessage', { kind: 'error', error: 'not_in_channel' });
    expect(await sender().deliver(subscription, RUN)).toBe('delivered');
    expect(slack.callsTo('conversations.join')).toHaveLength(1);
    expect(slack.digestsIn(CHANNEL)).toHaveLength(1);
  });

  it('skips a channel that is gone, with the reason', async () => {
    slack.fail('chat.postMessage', { kind: 'error', error: 'channel_not_found' });
    expect(await sender().deliver(subscription, RUN)).toBe('skipped');
    expect(readStateFile(statePath).channels[CHANNEL]!.deliveries[runKey(RUN)]).toMatchObject({ status: 'skipped', error: 'channel_not_found' });
  });

  it('after a crash between posting and recording, Slack’s record decides: no second post', async () => {
    // The crashed process recorded "sending" and Slack has the message.
    await state.update((draft) => {
      draft.channels[CHANNEL] = { spotlightShown: [], deliveries: { [runKey(RUN)]: { status: 'sending', attempts: 1, updatedAt: clock.toISOString(), knowledgeVersion: '1.1.0', spotlight: 'ips-consulting' } } };
    });
    slack.channelMessages.set(CHANNEL, [{ ts: '1.2', text: 'digest', metadata: { event_type: 'notech_digest', event_payload: { run: runKey(RUN) } } }]);
    expect(await sender().deliver(subscription, RUN)).toBe('already-delivered');
    expect(slack.callsTo('chat.postMessage')).toHaveLength(0);
    const channel = readStateFile(statePath).channels[CHANNEL]!;
    expect(channel.deliveries[runKey(RUN)]).toMatchObject({ status: 'delivered', ts: '1.2' });
    expect(channel.spotlightShown).toEqual(['ips-consulting']);
    expect(channel.lastVersion).toBe('1.1.0');
  });

  it('after a crash before Slack accepted the post, it posts once', async () => {
    await state.update((draft) => {
      draft.channels[CHANNEL] = { spotlightShown: [], deliveries: { [runKey(RUN)]: { status: 'sending', attempts: 1, updatedAt: clock.toISOString() } } };
    });
    expect(await sender().deliver(subscription, RUN)).toBe('delivered');
    expect(slack.digestsIn(CHANNEL)).toHaveLength(1);
  });

  it('logs channel ids and outcomes, never the digest text', async () => {
    await sender().deliver(subscription, RUN);
    const all = logs.join('\n');
    expect(all).toContain('digest delivered');
    expect(all).not.toContain(realKnowledge().entries[0]!.summary.en.slice(0, 30));
  });
});

describe('the scheduler, with a controlled clock', () => {
  function scheduler() {
    return new DigestScheduler({ state, sender: sender(), logger: createLogger({ level: 'silent' }), now: () => clock });
  }
  async function subscribe(sub: Subscription) {
    await state.update((draft) => {
      draft.subscriptions[sub.channelId] = sub;
    });
  }

  it('delivers each due run once per channel, on each channel’s own schedule', async () => {
    await subscribe(subscription);
    await subscribe({ ...subscription, channelId: 'C0BEIRUT', cron: '0 9 * * 1', timezone: 'Asia/Beirut' });
    const s = scheduler();
    clock = new Date('2026-11-30T07:00:01Z'); // 09:00 in Beirut, 07:00 in UTC
    await s.tick();
    await s.tick();
    expect(slack.digestsIn('C0BEIRUT')).toHaveLength(1);
    expect(slack.digestsIn(CHANNEL)).toHaveLength(1); // UTC's due run is last week's (23 Nov), caught up
    clock = new Date('2026-11-30T09:00:01Z');
    await s.tick();
    expect(slack.digestsIn(CHANNEL)).toHaveLength(2);
    expect(slack.digestsIn('C0BEIRUT')).toHaveLength(1);
  });

  it('catches up a run missed while down, once, before the next run', async () => {
    await subscribe({ ...subscription, createdAt: '2026-11-20T00:00:00.000Z' });
    clock = new Date('2026-11-30T15:00:00Z'); // down at 09:00, back at 15:00
    const s = scheduler();
    await s.tick();
    await s.tick();
    expect(slack.digestsIn(CHANNEL)).toHaveLength(1);
    expect(slack.digestsIn(CHANNEL)[0]!.metadata).toMatchObject({ event_payload: { run: '2026-11-30T09:00:00.000Z' } });
  });

  it('skips (and logs) a run once the next run is due, delivering only the latest', async () => {
    await subscribe({ ...subscription, createdAt: '2026-11-01T00:00:00.000Z' });
    clock = new Date('2026-11-30T09:30:00Z'); // down since before 23 Nov
    await scheduler().tick();
    const deliveries = readStateFile(statePath).channels[CHANNEL]!.deliveries;
    expect(deliveries['2026-11-23T09:00:00.000Z']).toMatchObject({ status: 'skipped' });
    expect(deliveries['2026-11-30T09:00:00.000Z']).toMatchObject({ status: 'delivered' });
    expect(slack.digestsIn(CHANNEL)).toHaveLength(1);
  });

  it('records every run missed while down as skipped, back to the last run it has a record of', async () => {
    await subscribe({ ...subscription, createdAt: '2026-11-01T00:00:00.000Z' });
    clock = new Date('2026-11-09T09:00:01Z');
    await scheduler().tick(); // 2 Nov skipped (superseded), 9 Nov delivered
    clock = new Date('2026-11-30T09:30:00Z'); // then down through 16 and 23 Nov
    await scheduler().tick();
    const deliveries = readStateFile(statePath).channels[CHANNEL]!.deliveries;
    expect(deliveries['2026-11-09T09:00:00.000Z']).toMatchObject({ status: 'delivered' });
    expect(deliveries['2026-11-16T09:00:00.000Z']).toMatchObject({ status: 'skipped' });
    expect(deliveries['2026-11-23T09:00:00.000Z']).toMatchObject({ status: 'skipped' });
    expect(deliveries['2026-11-30T09:00:00.000Z']).toMatchObject({ status: 'delivered' });
    expect(slack.digestsIn(CHANNEL).map((m) => (m.metadata as { event_payload: { run: string } }).event_payload.run).sort()).toEqual(['2026-11-09T09:00:00.000Z', '2026-11-30T09:00:00.000Z']);
  });

  it('does not post for a run before the subscription existed', async () => {
    await subscribe({ ...subscription, createdAt: '2026-11-30T10:00:00.000Z' });
    clock = new Date('2026-11-30T11:00:00Z');
    await scheduler().tick();
    expect(slack.digestsIn(CHANNEL)).toHaveLength(0);
  });

  it('reports the new version’s changes after a knowledge reload', async () => {
    await subscribe(subscription);
    await state.update((draft) => {
      draft.channels[CHANNEL] = { lastVersion: '1.0.0', spotlightShown: [], deliveries: {} };
    });
    clock = new Date('2026-11-30T09:00:01Z');
    await scheduler().tick();
    expect(JSON.stringify(slack.digestsIn(CHANNEL)[0]!.blocks)).toContain("What's new since v1.0.0");
  });
});
