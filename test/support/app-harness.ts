/**
 * The real Bolt app in HTTP mode on a free loopback port, its Web API pointed at a fake Slack
 * on 127.0.0.1, and every log line captured. Tests talk to it only over HTTP.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { WebClientOptions } from '@slack/web-api';
import { loadConfig } from '../../src/config.js';
import { KnowledgeStore } from '../../src/knowledge/store.js';
import { createLogger } from '../../src/log.js';
import { startSlackApp, type RunningSlackApp, type SlackAppOptions } from '../../src/slack/app.js';
import { createDigest, type Digest } from '../../src/digest/index.js';
import { FileInstallationStore } from '../../src/installations/file-store.js';
import { realKnowledge } from '../helpers/knowledge.js';
import { FakeSlack } from './fake-slack.js';
import { BOT_TOKEN, SIGNING_SECRET, type SignedRequest } from './slack-requests.js';

export interface Harness {
  slack: FakeSlack;
  digest?: Digest;
  /** The digest's state file (written only when the digest is wired in). */
  stateFile: string;
  /** With the OAuth settings in `env`: the installation store (a file beside the state file). */
  installations?: FileInstallationStore;
  app: RunningSlackApp;
  store: KnowledgeStore;
  logs: string[];
  baseUrl: string;
  post(request: SignedRequest, path?: string): Promise<{ status: number; text: string; json: () => unknown }>;
  close(): Promise<void>;
}

export async function startHarness(
  options: { env?: Record<string, string>; digest?: boolean; clientOptions?: WebClientOptions; now?: () => Date; authorizeCache?: SlackAppOptions['authorizeCache'] } = {},
): Promise<Harness> {
  const slack = await new FakeSlack().start();
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(...chunk.toString('utf8').split('\n').filter((line) => line !== ''));
      callback();
    },
  });
  const logger = createLogger({ level: 'debug', destination });
  const config = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    PORT: '0',
    SLACK_API_URL: slack.apiUrl,
    STATE_FILE: join(mkdtempSync(join(tmpdir(), 'notech-harness-')), 'state.json'),
    ...options.env,
  });
  const store = KnowledgeStore.of(realKnowledge(), logger);
  // With OAuth, as src/slack/start.ts does: the installation store, its key checked first.
  const installations = config.oauth ? FileInstallationStore.open(config.oauth.installationsFile, config.oauth.tokenKey) : undefined;
  await installations?.checkKey();
  const digest = options.digest
    ? await createDigest({ config, store, logger, ...(options.now ? { now: options.now } : {}), retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 50 }, ...(installations ? { installations } : {}) })
    : undefined;
  const app = await startSlackApp({
    config,
    store,
    logger,
    clientOptions: { retryConfig: { retries: 0 }, ...options.clientOptions },
    ...(options.now ? { now: options.now } : {}),
    ...(options.authorizeCache ? { authorizeCache: options.authorizeCache } : {}),
    ...(digest ? { digest: digest.commands, countReport: digest.countReport } : {}),
    ...(installations ? { installations, ...(digest ? { forgetWorkspace: digest.forgetWorkspace } : {}) } : {}),
  });
  const baseUrl = `http://127.0.0.1:${app.port}`;
  return {
    slack,
    ...(digest ? { digest } : {}),
    stateFile: config.stateFile,
    ...(installations ? { installations } : {}),
    app,
    store,
    logs,
    baseUrl,
    async post(request, path = '/slack/events') {
      const response = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: request.headers, body: request.body });
      const text = await response.text();
      return { status: response.status, text, json: () => JSON.parse(text) as unknown };
    },
    async close() {
      await app.stop();
      await digest?.stop();
      await slack.stop();
    },
  };
}
