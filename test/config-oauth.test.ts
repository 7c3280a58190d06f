import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, installationsFileFor, loadConfig } from '../src/config.js';

const BOT = 'xoxb-1-2-abc';
const APP = 'xapp-1-A1-abc';
const SECRET = '0123456789abcdef0123456789abcdef';
const KEY = randomBytes(32).toString('base64');
const OAUTH = {
  SLACK_CLIENT_ID: '1234567890.9876543210',
  SLACK_CLIENT_SECRET: 'abcdef0123456789abcdef0123456789',
  SLACK_STATE_SECRET: 'a-long-random-state-secret-of-40-characters',
  TOKEN_ENCRYPTION_KEY: KEY,
  SLACK_SIGNING_SECRET: SECRET,
};

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('OAuth distribution settings (issue 17)', () => {
  it('the OAuth settings and a signing secret → HTTP mode for many workspaces, no bot token needed', () => {
    const config = loadConfig({ ...OAUTH, STATE_FILE: 'data/state.json' });
    expect(config.mode).toBe('http');
    expect(config.botToken).toBeUndefined();
    expect(config.oauth).toMatchObject({ clientId: OAUTH.SLACK_CLIENT_ID, clientSecret: OAUTH.SLACK_CLIENT_SECRET, stateSecret: OAUTH.SLACK_STATE_SECRET, installationsFile: 'data/state.installations.json' });
    expect(config.oauth?.tokenKey.key.length).toBe(32);
  });

  it('single-workspace settings give no oauth section (unchanged)', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET }).oauth).toBeUndefined();
    expect(loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP }).oauth).toBeUndefined();
  });

  it('the installation file sits beside the state file, named after it', () => {
    expect(installationsFileFor('data/state.json')).toBe('data/state.installations.json');
    expect(installationsFileFor('/var/lib/notech/bot-a.json')).toBe('/var/lib/notech/bot-a.installations.json');
    expect(installationsFileFor('state')).toBe('state.installations.json');
  });

  it('OAuth with Socket Mode is refused: OAuth is for HTTP mode only', () => {
    const found = problems({ ...OAUTH, SLACK_APP_TOKEN: APP });
    expect(found.join('\n')).toMatch(/work only in HTTP mode/);
    expect(problems({ ...OAUTH, NOTECH_MODE: 'socket' }).join('\n')).toMatch(/work only in HTTP mode/);
  });

  it('a bot token together with the OAuth settings is refused (one workspace or many)', () => {
    expect(problems({ ...OAUTH, SLACK_BOT_TOKEN: BOT })).toEqual([expect.stringMatching(/^SLACK_BOT_TOKEN is set together with the OAuth settings/)]);
  });

  it('partial OAuth settings: one line per missing setting', () => {
    const found = problems({ SLACK_CLIENT_ID: OAUTH.SLACK_CLIENT_ID, SLACK_SIGNING_SECRET: SECRET });
    expect(found).toEqual([
      expect.stringMatching(/^SLACK_CLIENT_SECRET is missing/),
      expect.stringMatching(/^SLACK_STATE_SECRET is missing/),
      expect.stringMatching(/^TOKEN_ENCRYPTION_KEY is missing: .*openssl rand -base64 32/),
    ]);
    expect(problems({ ...OAUTH, SLACK_SIGNING_SECRET: '' })).toEqual([expect.stringMatching(/^SLACK_SIGNING_SECRET is missing/)]);
  });

  it('a malformed key, client id or short state secret is a config error that never echoes the value', () => {
    const found = problems({ ...OAUTH, TOKEN_ENCRYPTION_KEY: 'hunter2-is-not-a-key', SLACK_CLIENT_ID: 'abc', SLACK_STATE_SECRET: 'short-secret' });
    expect(found).toEqual([
      expect.stringMatching(/^SLACK_CLIENT_ID must be the Client ID/),
      expect.stringMatching(/^SLACK_STATE_SECRET must be a random string of at least 32 characters/),
      expect.stringMatching(/^TOKEN_ENCRYPTION_KEY must be a 32-byte key/),
    ]);
    expect(found.join('\n')).not.toContain('hunter2');
    expect(found.join('\n')).not.toContain('short-secret');
  });

  it('DIGEST_CHANNELS names one workspace: refused with OAuth; MAINTAINERS_CHANNEL needs its workspace (MAINTAINERS_TEAM_ID)', () => {
    expect(problems({ ...OAUTH, DIGEST_CHANNELS: 'C0ABC' })).toEqual([expect.stringMatching(/^DIGEST_CHANNELS names channels of one workspace/)]);
    expect(problems({ ...OAUTH, MAINTAINERS_CHANNEL: 'C0ABC' })).toEqual([expect.stringMatching(/^MAINTAINERS_TEAM_ID is missing: with OAuth, MAINTAINERS_CHANNEL needs/)]);
    expect(loadConfig({ ...OAUTH, MAINTAINERS_CHANNEL: 'C0ABC', MAINTAINERS_TEAM_ID: 'T0MAINT' })).toMatchObject({ maintainersChannel: 'C0ABC', maintainersTeamId: 'T0MAINT' });
    expect(problems({ ...OAUTH, MAINTAINERS_CHANNEL: 'C0ABC', MAINTAINERS_TEAM_ID: 'C0ABC' })).toEqual([expect.stringMatching(/^MAINTAINERS_TEAM_ID must be the team id/)]);
    // One workspace: the team id is not needed and not used.
    expect(loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET, MAINTAINERS_CHANNEL: 'C0ABC', MAINTAINERS_TEAM_ID: 'T0MAINT' }).maintainersTeamId).toBeUndefined();
  });
});
