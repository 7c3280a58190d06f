/**
 * Issue 17, the real process (src/main.ts): with the OAuth settings NoTech starts with no token
 * (no auth.test), serves the install page; a TOKEN_ENCRYPTION_KEY that cannot open the stored
 * tokens is one clear startup error; a malformed key is a config error.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Installation } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileInstallationStore } from '../../src/installations/file-store.js';
import { parseTokenKey } from '../../src/installations/seal.js';
import { FakeSlack } from '../support/fake-slack.js';
import { OAUTH_ENV } from '../support/oauth-browser.js';
import { SIGNING_SECRET } from '../support/slack-requests.js';

let slack: FakeSlack;
let stateFile: string;
beforeEach(async () => {
  slack = await new FakeSlack().start();
  stateFile = join(mkdtempSync(join(tmpdir(), 'notech-oauth-start-')), 'state.json');
});
afterEach(async () => {
  await slack.stop();
});

const env = (extra: Record<string, string> = {}) => ({
  PATH: process.env.PATH,
  NOTECH_ENV_FILE: 'none',
  ...OAUTH_ENV,
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  PORT: '0',
  SLACK_API_URL: slack.apiUrl,
  STATE_FILE: stateFile,
  ...extra,
});

async function storeOne(key: string): Promise<void> {
  const store = FileInstallationStore.open(join(stateFile, '..', 'state.installations.json'), parseTokenKey(key));
  await store.storeInstallation({
    team: { id: 'T0AAAAAAA' },
    enterprise: undefined,
    user: { id: 'U0INSTALLER', token: undefined, scopes: undefined },
    bot: { token: 'xoxb-stored-token-aaaa', scopes: ['commands'], id: 'B0A', userId: 'U0BOTA' },
    isEnterpriseInstall: false,
    authVersion: 'v2',
  } as Installation);
}

describe('starting with OAuth', () => {
  it('starts with no token (no auth.test), serves /slack/install, exits 0 on SIGTERM', async () => {
    await storeOne(OAUTH_ENV.TOKEN_ENCRYPTION_KEY);
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: env() });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const started = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start line: ${output}`)), 15_000);
      const check = () => {
        const line = output.split('\n').find((l) => l.includes('NoTech is running'));
        if (line) {
          clearTimeout(timer);
          resolve(JSON.parse(line) as Record<string, unknown>);
        }
      };
      child.stdout.on('data', check);
      child.stderr.on('data', check);
    });
    expect(started).toMatchObject({ mode: 'http', distribution: 'oauth' });
    const page = await fetch(`http://127.0.0.1:${started.port as number}/slack/install`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Add to Slack');
    expect(slack.callsTo('auth.test')).toHaveLength(0);
    child.kill('SIGTERM');
    expect(await new Promise<number | null>((resolve) => child.on('exit', resolve))).toBe(0);
    expect(output).not.toContain('xoxb-');
  });

  it('a key that cannot open the stored tokens is one clear startup error', async () => {
    await storeOne(randomBytes(32).toString('base64'));
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: env(), encoding: 'utf8', timeout: 20_000 });
    expect(result.status).toBe(1);
    const lines = result.stderr.split('\n').filter((line) => line.startsWith('notech:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^notech: TOKEN_ENCRYPTION_KEY cannot decrypt the bot tokens stored in .*state\.installations\.json \(they were saved with key [0-9a-f]{8}, this key is [0-9a-f]{8}\): set TOKEN_ENCRYPTION_KEY back/);
    expect(result.stderr).not.toContain('xoxb-');
  });

  it('a malformed key is a config error, and OAuth with an app token says HTTP only', () => {
    const bad = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: env({ TOKEN_ENCRYPTION_KEY: 'too-short' }), encoding: 'utf8', timeout: 20_000 });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^notech: TOKEN_ENCRYPTION_KEY must be a 32-byte key/m);
    expect(bad.stderr).not.toContain('too-short');
    const socket = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: env({ SLACK_APP_TOKEN: 'xapp-1-A1-abc' }), encoding: 'utf8', timeout: 20_000 });
    expect(socket.status).toBe(1);
    expect(socket.stderr).toMatch(/work only in HTTP mode/);
  });
});
