/**
 * At least 10,000 generated inputs per surface, through the real handlers: no crash, no
 * unhandled rejection, every answer within Block Kit limits, no control sequence acted on.
 * Each surface prints its figure (docs/RELIABILITY.md quotes them).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { StateFileError, parseStateText } from '../../src/digest/state.js';
import { parseKnowledge } from '../../src/knowledge/load.js';
import { KnowledgeStore } from '../../src/knowledge/store.js';
import { createLogger } from '../../src/log.js';
import { checkMessage } from '../../src/messages/limits.js';
import type { SlackMessage } from '../../src/messages/types.js';
import type { ListenerDeps } from '../../src/slack/context.js';
import { Activity } from '../../src/slack/activity.js';
import { RecentKeys } from '../../src/slack/dedupe.js';
import { openAction } from '../../src/slack/listeners/actions/open.js';
import { shareAction } from '../../src/slack/listeners/actions/share.js';
import { notechCommand } from '../../src/slack/listeners/commands/notech.js';
import { appMention } from '../../src/slack/listeners/events/app-mention.js';
import { directMessage } from '../../src/slack/listeners/events/direct-message.js';
import { checkShortcut } from '../../src/slack/listeners/shortcuts/check.js';
import { rawKnowledge, realKnowledge } from '../helpers/knowledge.js';
import { FORBIDDEN_IN_MESSAGES, hostileButtonValue, hostileText, shown } from '../support/hostile.js';

const RUNS = 10_000;
const logger = createLogger({ level: 'silent' });
const figures: Record<string, number> = {};
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
});
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
  console.log(`fuzz figures: ${JSON.stringify(figures)}`);
});

function deps(): ListenerDeps {
  return { store: KnowledgeStore.of(realKnowledge(), logger), logger, activity: new Activity(logger), answeredMessages: new RecentKeys(3_600_000), helpedThreads: new RecentKeys(3_600_000), sharedPreviews: new RecentKeys(3_600_000) };
}

function expectSafe(message: SlackMessage, allow: string[] = []) {
  expect(checkMessage(message, 'message', { allow })).toEqual([]);
  const text = shown(message);
  for (const allowed of allow) expect(text.split(allowed).join('')).not.toMatch(FORBIDDEN_IN_MESSAGES);
  if (allow.length === 0) expect(text).not.toMatch(FORBIDDEN_IN_MESSAGES);
}

describe(`each surface survives ${RUNS.toLocaleString('en')} generated inputs`, () => {
  it('slash command text', async () => {
    const handler = notechCommand(deps());
    let count = 0;
    await fc.assert(
      fc.asyncProperty(hostileText, async (text) => {
        if (text.trim().toLowerCase().startsWith('digest')) return; // digest needs state; fuzzed below via HTTP
        let acked: SlackMessage | undefined;
        await handler({
          command: { text, channel_id: 'C0FUZZ', user_id: 'U0FUZZ' },
          ack: async (answer?: SlackMessage) => {
            acked = answer;
          },
          respond: async () => undefined,
        } as never);
        expect(acked).toBeDefined();
        expectSafe(acked!);
        count += 1;
      }),
      { numRuns: RUNS + 1000 },
    );
    figures.slashText = count;
    expect(count).toBeGreaterThanOrEqual(RUNS);
  }, 120_000);

  /** Feed RUNS hostile texts to an event listener as `event(text, id, inThread)`; what it posted. */
  async function fuzzEvent(handler: (args: never) => Promise<void>, event: (text: string, id: number, thread: Record<string, string>) => Record<string, unknown>): Promise<SlackMessage[]> {
    const posts: SlackMessage[] = [];
    const client = { chat: { postMessage: async (args: SlackMessage) => posts.push(args) } };
    let id = 0;
    await fc.assert(
      fc.asyncProperty(hostileText, fc.boolean(), async (text, inThread) => {
        id += 1;
        await handler({ event: event(text, id, inThread ? { thread_ts: '1.0001' } : {}), body: { event_id: `Ev${id}` }, context: { botUserId: 'U0NOTECH' }, client } as never);
      }),
      { numRuns: RUNS },
    );
    for (const post of posts) expectSafe(post);
    return posts;
  }

  it('mention text', async () => {
    const posts = await fuzzEvent(appMention(deps()), (text, id, thread) => ({ type: 'app_mention', text: `<@U0NOTECH> ${text}`, user: 'U0FUZZ', channel: 'C0FUZZ', ts: `${id}.0001`, ...thread }));
    figures.mentionText = RUNS;
    expect(posts.length).toBeGreaterThan(RUNS / 2);
  }, 120_000);

  it('DM text (message.im)', async () => {
    const posts = await fuzzEvent(directMessage(deps()), (text, id, thread) => ({ type: 'message', channel_type: 'im', text, user: 'U0FUZZ', channel: 'D0FUZZ', ts: `${id}.0001`, ...thread }));
    figures.directMessageText = RUNS;
    expect(posts.length).toBe(RUNS); // every DM a person writes is answered
  }, 120_000);

  it('message shortcut "Check with NoTech" (message text)', async () => {
    const handler = checkShortcut(deps());
    const posts: SlackMessage[] = [];
    let count = 0;
    await fc.assert(
      fc.asyncProperty(fc.option(hostileText, { nil: undefined }), fc.boolean(), async (text, inDm) => {
        let acked = false;
        await handler({
          ack: async () => {
            acked = true;
          },
          shortcut: { type: 'message_action', callback_id: 'notech_check', user: { id: 'U0FUZZ' }, channel: { id: inDm ? 'D0FUZZ' : 'C0FUZZ' }, message: { type: 'message', ts: '1.0001', ...(text === undefined ? {} : { text }) } },
          context: { botUserId: 'U0NOTECH' },
          respond: async () => undefined,
          client: {
            chat: {
              postEphemeral: async (args: SlackMessage) => {
                if (inDm) throw Object.assign(new Error('An API error occurred: channel_not_found'), { data: { error: 'channel_not_found' } });
                posts.push(args);
              },
              postMessage: async (args: SlackMessage) => posts.push(args),
            },
          },
        } as never);
        expect(acked).toBe(true);
        count += 1;
      }),
      { numRuns: RUNS },
    );
    for (const post of posts) expectSafe(post);
    figures.checkShortcut = count;
    expect(posts.length).toBe(RUNS); // every check is answered, ephemeral or by DM
  }, 120_000);

  it('button payloads (share and open)', async () => {
    const share = shareAction(deps());
    const open = openAction(deps());
    let count = 0;
    await fc.assert(
      fc.asyncProperty(hostileButtonValue, fc.boolean(), fc.boolean(), async (value, isShare, fromView) => {
        const sent: Array<{ message: SlackMessage; allow: string[] }> = [];
        const args = {
          ack: async () => undefined,
          action: { type: 'button', action_id: isShare ? 'notech_share' : 'notech_open_0', value },
          body: { user: { id: 'U0FUZZ' }, channel: { id: 'C0FUZZ' }, trigger_id: `t${count}`, container: fromView ? { type: 'view' } : { type: 'message', message_ts: `1.${count}` } },
          respond: async (message: SlackMessage) => {
            sent.push({ message, allow: ['<@U0FUZZ>'] });
          },
          client: {
            views: { open: async ({ view }: { view: { blocks: SlackMessage['blocks'] } }) => sent.push({ message: { text: 'modal', blocks: view.blocks }, allow: [] }) },
            chat: { postMessage: async () => ({ ok: true }), postEphemeral: async () => ({ ok: true }) },
            conversations: { join: async () => ({ ok: true }) },
          },
        };
        await (isShare ? share(args as never) : open(args as never));
        for (const { message, allow } of sent) expectSafe(message, allow);
        count += 1;
      }),
      { numRuns: RUNS },
    );
    figures.buttonPayloads = count;
  }, 120_000);

  it('configuration (environment variables)', () => {
    const names = ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'PORT', 'SLACK_API_URL', 'LOG_LEVEL', 'DIGEST_SCHEDULE', 'DIGEST_TIMEZONE', 'DIGEST_CHANNELS', 'ADMIN_USER_IDS', 'NOTECH_MODE'];
    const value = fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom('xoxb-1-2', 'xapp-1', '0123456789abcdef', '3000', '-1', '99999', 'UTC', 'Europe/London', '0 9 * * 1', '* * *', 'C0X,U0Y', 'http://127.0.0.1:1/api', 'console', 'http'));
    let count = 0;
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...names), value), (env) => {
        try {
          const config = loadConfig(env);
          expect(['console', 'socket', 'http']).toContain(config.mode);
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
          for (const line of (error as ConfigError).problems) expect(line).not.toContain('\n');
        }
        count += 1;
      }),
      { numRuns: RUNS },
    );
    figures.config = count;
  });

  it('knowledge file edits', () => {
    const base = JSON.stringify(rawKnowledge());
    // Structural edits: a random value at a random path of the real file.
    const paths: Array<Array<string | number>> = [];
    const walk = (node: unknown, path: Array<string | number>) => {
      if (path.length > 0) paths.push(path);
      if (Array.isArray(node)) node.slice(0, 3).forEach((child, i) => walk(child, [...path, i]));
      else if (node && typeof node === 'object') for (const [key, child] of Object.entries(node)) walk(child, [...path, key]);
    };
    walk(JSON.parse(base), []);
    let count = 0;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.tuple(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 2 })).map(([path, value]) => {
            const data = JSON.parse(base) as Record<string, unknown>;
            let node: Record<string | number, unknown> = data;
            for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
            node[path.at(-1)!] = value;
            return JSON.stringify(data);
          }),
          fc.tuple(fc.nat({ max: base.length }), fc.nat({ max: 50 }), fc.string({ maxLength: 5 })).map(([at, cut, insert]) => base.slice(0, at) + insert + base.slice(at + cut)),
        ),
        (text) => {
          const result = parseKnowledge(text);
          if (!result.ok) {
            expect(result.problems.length).toBeGreaterThan(0);
            for (const problem of result.problems) expect(typeof problem.path).toBe('string');
          }
          count += 1;
        },
      ),
      { numRuns: RUNS },
    );
    figures.knowledgeFile = count;
  }, 120_000);

  it('state file contents', () => {
    const valid = JSON.stringify({ format: 1, subscriptions: { C0A: { channelId: 'C0A', cron: '0 9 * * 1', timezone: 'UTC', lang: 'en', createdAt: '2026-01-01T00:00:00.000Z' } }, channels: {} });
    let count = 0;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.json(),
          fc.tuple(fc.nat({ max: valid.length }), fc.nat({ max: 20 })).map(([at, cut]) => valid.slice(0, at) + valid.slice(at + cut)),
        ),
        (text) => {
          try {
            parseStateText(text, 'fuzz.json');
          } catch (error) {
            expect(error).toBeInstanceOf(StateFileError);
          }
          count += 1;
        },
      ),
      { numRuns: RUNS },
    );
    figures.stateFile = count;
  });
});
