import { spawn, spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../support/fake-slack.js';
import { BOT_TOKEN, SIGNING_SECRET } from '../support/slack-requests.js';

let slack: FakeSlack;
beforeEach(async () => {
  slack = await new FakeSlack().start();
});
afterEach(async () => {
  await slack.stop();
});

const env = (extra: Record<string, string> = {}) => ({
  PATH: process.env.PATH,
  NOTECH_ENV_FILE: 'none',
  SLACK_BOT_TOKEN: BOT_TOKEN,
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  PORT: '0',
  SLACK_API_URL: slack.apiUrl,
  ...extra,
});

describe('starting in HTTP mode', () => {
  it('fails with one clear line when Slack rejects the token', async () => {
    slack.fail('auth.test', { kind: 'error', error: 'invalid_auth' });
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: env() });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toMatch(/^notech: SLACK_BOT_TOKEN was rejected by Slack \(invalid_auth\): copy the Bot User OAuth Token again/m);
  });

  it('fails clearly when the Slack API cannot be reached', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: env({ SLACK_API_URL: 'http://127.0.0.1:9/api/' }), encoding: 'utf8', timeout: 20_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Could not reach the Slack Web API at http:\/\/127\.0\.0\.1:9\/api\//);
  });

  it('logs the mode, knowledge version and bot identity, serves, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: env() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const started = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start line: ${stdout}${stderr}`)), 15_000);
      const check = () => {
        const line = (stdout + stderr).split('\n').find((l) => l.includes('NoTech is running'));
        if (line) {
          clearTimeout(timer);
          resolve(JSON.parse(line) as Record<string, unknown>);
        }
      };
      child.stdout.on('data', check);
      child.stderr.on('data', check);
    });
    expect(started).toMatchObject({ mode: 'http', knowledgeVersion: expect.stringMatching(/^\d+\.\d+\.\d+$/), botUserId: 'U0NOTECH', botId: 'B0NOTECH' });
    const health = await fetch(`http://127.0.0.1:${started.port as number}/healthz`);
    expect(health.status).toBe(200);
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(stdout + stderr).not.toContain(BOT_TOKEN);
  });
});
