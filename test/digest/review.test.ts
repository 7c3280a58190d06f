import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DigestSender, logKey, REVIEW_EVENT_TYPE, reviewedMonth, runKey, type DeliveryTarget } from '../../src/digest/deliver.js';
import { createDigest } from '../../src/digest/index.js';
import { DigestScheduler } from '../../src/digest/scheduler.js';
import { loadConfig } from '../../src/config.js';
import { readStateFile, REPORT_MONTHS_KEPT, StateStore } from '../../src/digest/state.js';
import { KnowledgeStore } from '../../src/knowledge/store.js';
import { createLogger } from '../../src/log.js';
import { realKnowledge } from '../helpers/knowledge.js';
import { FakeSlack } from '../support/fake-slack.js';

const MAINTAINERS = 'C0MAINT';
const RUN = new Date('2026-12-01T09:00:00Z');
const review: DeliveryTarget = { review: true, channelId: MAINTAINERS, cron: '0 9 1 * *', timezone: 'UTC', lang: 'en', createdAt: '2026-11-01T00:00:00.000Z' };

let slack: FakeSlack;
let statePath: string;
let clock: Date;

function reviewsIn(channel: string) {
  return (slack.channelMessages.get(channel) ?? []).filter((message) => (message.metadata as { event_type?: string } | undefined)?.event_type === REVIEW_EVENT_TYPE);
}

/** A scheduler over the state file as it is on disk now: a fresh one is a restarted bot. */
function boot(clientOptions: ConstructorParameters<typeof WebClient>[1] = {}) {
  const logger = createLogger({ level: 'silent' });
  const state = StateStore.open(statePath);
  const client = new WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, ...clientOptions });
  const sender = new DigestSender({ client, state, store: KnowledgeStore.of(realKnowledge(), logger), logger, now: () => clock, sleep: async () => undefined, retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 1 } });
  return { state, scheduler: new DigestScheduler({ state, sender, logger, now: () => clock, review }) };
}

beforeEach(async () => {
  slack = await new FakeSlack().start();
  statePath = join(mkdtempSync(join(tmpdir(), 'notech-review-')), 'state.json');
  clock = new Date('2026-12-01T09:00:05Z');
});
afterEach(async () => {
  await slack.stop();
});

describe('the monthly review, exactly once', () => {
  it('posts once across two ticks, with metadata naming the run, and the month’s report count', async () => {
    writeFileSync(statePath, JSON.stringify({ format: 1, reportsByMonth: { '2026-11': 4, '2026-12': 9 } }));
    const { scheduler } = boot();
    await scheduler.tick();
    await scheduler.tick();
    const posts = reviewsIn(MAINTAINERS);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.metadata).toEqual({ event_type: REVIEW_EVENT_TYPE, event_payload: { run: runKey(RUN) } });
    expect(String(posts[0]!.text)).toContain('November 2026');
    expect(JSON.stringify(posts[0]!.blocks)).toContain('4 reports');
    expect(slack.digestsIn(MAINTAINERS)).toHaveLength(0);
    expect(readStateFile(statePath).channels[logKey(review)]!.deliveries[runKey(RUN)]).toMatchObject({ status: 'delivered' });
  });

  it('a restart (state file reloaded) does not post it again; the next month posts the next one', async () => {
    await boot().scheduler.tick();
    clock = new Date('2026-12-01T09:30:00Z');
    await boot().scheduler.tick();
    clock = new Date('2026-12-20T12:00:00Z');
    await boot().scheduler.tick();
    expect(reviewsIn(MAINTAINERS)).toHaveLength(1);
    clock = new Date('2027-01-01T09:00:01Z');
    await boot().scheduler.tick();
    expect(reviewsIn(MAINTAINERS).map((post) => (post.metadata as { event_payload: { run: string } }).event_payload.run).sort()).toEqual([runKey(RUN), '2027-01-01T09:00:00.000Z']);
  });

  it('a crash after Slack accepted the post, before it was recorded, is resolved from history on restart', async () => {
    await boot().scheduler.tick();
    expect(reviewsIn(MAINTAINERS)).toHaveLength(1);
    // What a crash between Slack's answer and the write leaves on disk: the write-ahead "sending".
    const file = readStateFile(statePath);
    file.channels[logKey(review)]!.deliveries[runKey(RUN)] = { status: 'sending', attempts: 1, updatedAt: '2026-12-01T09:00:05.000Z' };
    writeFileSync(statePath, JSON.stringify(file));
    clock = new Date('2026-12-01T09:02:00Z');
    await boot().scheduler.tick();
    expect(reviewsIn(MAINTAINERS)).toHaveLength(1);
    expect(slack.callsTo('conversations.history').length).toBeGreaterThan(0);
    expect(readStateFile(statePath).channels[logKey(review)]!.deliveries[runKey(RUN)]!.status).toBe('delivered');
  });

  it('keeps its own log when the maintainers’ channel also takes the digest', async () => {
    const { state, scheduler } = boot();
    await state.update((draft) => {
      draft.subscriptions[MAINTAINERS] = { channelId: MAINTAINERS, cron: '0 9 1 * *', timezone: 'UTC', lang: 'en', createdAt: '2026-11-01T00:00:00.000Z' };
    });
    await scheduler.tick();
    expect(reviewsIn(MAINTAINERS)).toHaveLength(1);
    expect(slack.digestsIn(MAINTAINERS)).toHaveLength(1);
  });
});

describe('the report count in the state file', () => {
  it('an older state file without reportsByMonth loads, with no counts', () => {
    writeFileSync(statePath, JSON.stringify({ format: 1, subscriptions: {}, channels: {} }));
    expect(readStateFile(statePath).reportsByMonth).toEqual({});
  });

  it('keeps only the last 12 months, and refuses anything but YYYY-MM → count', async () => {
    const state = StateStore.open(statePath);
    await state.update((draft) => {
      for (let month = 0; month < 15; month += 1) draft.reportsByMonth[reviewedMonth(new Date(Date.UTC(2026, month + 1, 1)))] = month;
    });
    const months = Object.keys(readStateFile(statePath).reportsByMonth).sort();
    expect(months).toHaveLength(REPORT_MONTHS_KEPT);
    expect(months[0]).toBe('2026-04');
    await expect(state.update((draft) => void (draft.reportsByMonth['U0REPORTER'] = 1))).rejects.toThrow();
  });

  it('a review run counts the month before it', () => {
    expect(reviewedMonth(new Date('2027-01-01T09:00:00Z'))).toBe('2026-12');
    expect(reviewedMonth(new Date('2026-12-01T09:00:00Z'))).toBe('2026-11');
  });
});

describe('createDigest wires the review only with MAINTAINERS_CHANNEL', () => {
  async function run(env: Record<string, string>) {
    const logger = createLogger({ level: 'silent' });
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'a'.repeat(32), SLACK_API_URL: slack.apiUrl, STATE_FILE: statePath, ...env });
    const digest = await createDigest({ config, store: KnowledgeStore.of(realKnowledge(), logger), logger, now: () => clock, clientOptions: { retryConfig: { retries: 0 } } });
    try {
      await digest.countReport();
      clock = new Date('2027-01-01T09:00:03Z');
      await digest.scheduler.tick();
      await digest.scheduler.tick();
    } finally {
      await digest.stop();
    }
  }

  it('set: the month’s count is kept and the review posted once on REVIEW_SCHEDULE', async () => {
    clock = new Date('2026-12-14T10:00:00Z');
    await run({ MAINTAINERS_CHANNEL: MAINTAINERS, REVIEW_SCHEDULE: '0 9 1 * *' });
    expect(readStateFile(statePath).reportsByMonth).toEqual({ '2026-12': 1 });
    const posts = reviewsIn(MAINTAINERS);
    expect(posts).toHaveLength(1);
    expect(JSON.stringify(posts[0]!.blocks)).toContain('1 report');
  });

  it('unset: no review is posted anywhere', async () => {
    clock = new Date('2026-12-14T10:00:00Z');
    await run({});
    expect(slack.callsTo('chat.postMessage')).toHaveLength(0);
  });
});
