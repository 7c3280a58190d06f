import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const BOT = 'xoxb-1-2-abc';
const APP = 'xapp-1-A1-abc';
const SECRET = '0123456789abcdef0123456789abcdef';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('mode selection', () => {
  it('no Slack settings → the local console', () => {
    expect(loadConfig({}).mode).toBe('console');
    expect(loadConfig({ SLACK_BOT_TOKEN: '', PORT: '' }).mode).toBe('console');
  });
  it('bot + app token → Socket Mode', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP }).mode).toBe('socket');
  });
  it('bot token + signing secret → HTTP on PORT (default 3000)', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET });
    expect(config).toMatchObject({ mode: 'http', port: 3000 });
    expect(loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET, PORT: '8080' }).port).toBe(8080);
  });
  it('defaults for the digest and files', () => {
    expect(loadConfig({})).toMatchObject({
      digestSchedule: '0 9 * * 1',
      reviewSchedule: '0 9 1 * *',
      digestTimezone: 'UTC',
      knowledgeFile: 'data/knowledge.json',
      digestChannels: [],
      adminUserIds: [],
    });
  });
  it('normalises SLACK_API_URL to end in a slash', () => {
    expect(loadConfig({ SLACK_API_URL: 'http://127.0.0.1:9999/api' }).slackApiUrl).toBe('http://127.0.0.1:9999/api/');
  });
  it('parses id lists', () => {
    expect(loadConfig({ DIGEST_CHANNELS: 'C01ABC, C02DEF', ADMIN_USER_IDS: 'U01X W02Y' })).toMatchObject({
      digestChannels: ['C01ABC', 'C02DEF'],
      adminUserIds: ['U01X', 'W02Y'],
    });
  });
});

describe('MAINTAINERS_CHANNEL (issue 15)', () => {
  it('is optional; a channel id (public C… or private G…) turns reports on', () => {
    expect(loadConfig({}).maintainersChannel).toBeUndefined();
    expect(loadConfig({ MAINTAINERS_CHANNEL: ' ' }).maintainersChannel).toBeUndefined();
    expect(loadConfig({ MAINTAINERS_CHANNEL: 'C0MAINTAIN' }).maintainersChannel).toBe('C0MAINTAIN');
    expect(loadConfig({ MAINTAINERS_CHANNEL: 'G0PRIVATE1' }).maintainersChannel).toBe('G0PRIVATE1');
  });
});

describe('a wrong or partial setting is one clear line naming the variable and the fix', () => {
  it.each([
    [{ SLACK_BOT_TOKEN: BOT }, /SLACK_SIGNING_SECRET is missing: HTTP mode needs the signing secret/],
    [{ SLACK_APP_TOKEN: APP }, /SLACK_BOT_TOKEN is missing/],
    [{ SLACK_SIGNING_SECRET: SECRET }, /SLACK_BOT_TOKEN is missing/],
    [{ SLACK_BOT_TOKEN: 'xoxp-user-token', SLACK_SIGNING_SECRET: SECRET }, /^SLACK_BOT_TOKEN must be a bot token starting with xoxb-/],
    [{ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: 'xoxb-wrong' }, /^SLACK_APP_TOKEN must be an app-level token starting with xapp-/],
    [{ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: 'not hex!' }, /^SLACK_SIGNING_SECRET must be the signing secret/],
    [{ PORT: 'abc' }, /^PORT must be a port number between 1 and 65535/],
    [{ PORT: '70000' }, /^PORT must be a port number/],
    [{ PORT: '-1' }, /^PORT must be a port number/],
    [{ DIGEST_TIMEZONE: 'Mars/Olympus' }, /^DIGEST_TIMEZONE must be an IANA time zone/],
    [{ DIGEST_SCHEDULE: 'every monday' }, /^DIGEST_SCHEDULE must be a cron expression/],
    [{ REVIEW_SCHEDULE: 'monthly' }, /^REVIEW_SCHEDULE must be a cron expression/],
    [{ DIGEST_CHANNELS: 'general' }, /^DIGEST_CHANNELS "general" is not a Slack id/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL must be one of/],
    [{ SLACK_API_URL: 'not a url' }, /^SLACK_API_URL must be a URL/],
    [{ NOTECH_MODE: 'telegram' }, /^NOTECH_MODE must be console, socket or http/],
    [{ MAINTAINERS_CHANNEL: '#maintainers' }, /^MAINTAINERS_CHANNEL must be one channel id like C0123ABCD .*unset it to hide "Report a problem"/],
    [{ MAINTAINERS_CHANNEL: 'U0123ABCD' }, /^MAINTAINERS_CHANNEL must be one channel id/],
    [{ MAINTAINERS_CHANNEL: 'C0123ABCD,C0456EFGH' }, /^MAINTAINERS_CHANNEL must be one channel id/],
  ])('%j', (env, expected) => {
    const lines = problems(env as Record<string, string>);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.some((line) => expected.test(line)), lines.join('\n')).toBe(true);
    for (const line of lines) expect(line).not.toContain('\n');
  });

  it('never echoes a secret', () => {
    const lines = problems({ SLACK_BOT_TOKEN: 'xoxp-TOPSECRET-VALUE', SLACK_SIGNING_SECRET: 'zzHUSHHUSHzz' });
    expect(lines.length).toBe(2);
    expect(lines.join('\n')).not.toMatch(/TOPSECRET|HUSHHUSH/);
  });

  it('stops the process with exit 1 and the lines on standard error', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH, NOTECH_ENV_FILE: 'none', SLACK_BOT_TOKEN: BOT, PORT: 'abc' },
      encoding: 'utf8',
      input: '',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^notech: PORT must be a port number/m);
    expect(result.stdout).toBe('');
  });
});
