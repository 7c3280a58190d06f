import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BOT_SCOPES } from '../../src/slack/scopes.js';

const manifest = JSON.parse(readFileSync(new URL('../../manifest.json', import.meta.url), 'utf8')) as {
  oauth_config: { scopes: { bot: string[]; user?: string[] } };
  settings: { event_subscriptions: { bot_events: string[] } };
};

describe('OAuth scopes (issue 17)', () => {
  it('the install flow asks for exactly the bot scopes manifest.json declares, and no user scope', () => {
    expect([...BOT_SCOPES].sort()).toEqual([...manifest.oauth_config.scopes.bot].sort());
    expect(manifest.oauth_config.scopes.user ?? []).toEqual([]);
  });
  it('the manifest subscribes to app_uninstalled and tokens_revoked (an uninstall forgets the workspace)', () => {
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(['app_uninstalled', 'tokens_revoked']));
  });
});
