import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/messages/buttons.js';
import { compose } from '../../src/messages/compose.js';
import { answer } from '../../src/query/answer.js';
import { parseQuery } from '../../src/query/parse.js';
import { REGISTERED } from '../../src/slack/listeners/index.js';
import { validateManifest } from '../../src/slack/manifest-schema.js';
import { homeBlocks } from '../../src/slack/views/home.js';
import { realKnowledge } from '../helpers/knowledge.js';

interface Manifest {
  features: {
    slash_commands: Array<{ command: string; description: string; usage_hint?: string; url?: string }>;
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean; messages_tab_read_only_enabled: boolean };
    bot_user: unknown;
    shortcuts?: Array<{ name: string; type: string; callback_id: string; description: string }>;
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[]; request_url?: string }; interactivity: { is_enabled: boolean; request_url?: string }; socket_mode_enabled: boolean };
}

const manifest = JSON.parse(readFileSync(new URL('../../manifest.json', import.meta.url), 'utf8')) as Manifest;

describe('manifest.json', () => {
  it("is valid against Slack's official manifest schema", () => {
    expect(validateManifest(manifest)).toEqual([]);
  });

  it('the validator does reject a broken manifest', () => {
    const broken = structuredClone(manifest);
    broken.features.slash_commands[0]!.command = 'notech';
    expect(validateManifest(broken).join('\n')).toMatch(/slash_commands\/0\/command must match pattern/);
  });

  it('declares exactly the commands the code registers, with a description and usage hint', () => {
    expect(manifest.features.slash_commands.map((command) => command.command)).toEqual([...REGISTERED.commands]);
    for (const command of manifest.features.slash_commands) {
      expect(command.description.length).toBeGreaterThan(0);
      expect(command.usage_hint).toBeTruthy();
    }
  });

  it('subscribes to exactly the events the code listens to', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([...REGISTERED.events].sort());
  });

  it('declares exactly the shortcuts the code registers: "Check with NoTech" on messages', () => {
    const declared = manifest.features.shortcuts ?? [];
    expect(declared.map((shortcut) => shortcut.callback_id)).toEqual([...REGISTERED.shortcuts]);
    expect(declared).toContainEqual(expect.objectContaining({ name: 'Check with NoTech', type: 'message', callback_id: 'notech_check' }));
    // A message shortcut needs interactivity and the commands scope, both asked for below.
    expect(manifest.oauth_config.scopes.bot).toContain('commands');
  });

  it('enables interactivity, and every button the bot sends has a registered action', () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    const knowledge = realKnowledge();
    const messages = ['elbit', 'list', 'version', 'search israel', 'nimbus google', 'help'].map((text) =>
      // reportable: cards as they are when MAINTAINERS_CHANNEL is set, with "Report a problem".
      compose(answer(parseQuery(text), knowledge), knowledge, { shareQuery: text, reportable: true }),
    );
    const blocks = [...messages.flatMap((message) => message.blocks), ...homeBlocks(knowledge)];
    const actionIds = blocks.flatMap((block) => (block.type === 'actions' ? block.elements.map((element) => (element as { action_id: string }).action_id) : []));
    expect(actionIds).toContain(ACTION_IDS.share);
    expect(actionIds.some((id) => id.startsWith(ACTION_IDS.openPrefix))).toBe(true);
    expect(actionIds).toContain(ACTION_IDS.report);
    // Its modal's submissions reach a view listener: interactivity (above) is all Slack needs for them.
    expect(REGISTERED.views).toContain('notech_report_submit');
    for (const id of actionIds) {
      const handled = REGISTERED.actions.some((matcher) => (typeof matcher === 'string' ? matcher === id : matcher.test(id)));
      expect(handled, id).toBe(true);
    }
  });

  it('asks for the least scopes that work, and each is used', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(['app_mentions:read', 'channels:history', 'channels:join', 'chat:write', 'commands', 'groups:history', 'im:history']);
    expect(REGISTERED.events).toContain('app_mention'); // app_mentions:read
    expect(REGISTERED.events).toContain('message.im'); // im:history
    expect(REGISTERED.commands.length).toBeGreaterThan(0); // commands
  });

  it('has a Home tab and a bot user, and is in Socket Mode with no request URLs', () => {
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    // People write to the bot in its Messages tab (message.im), so the tab is open for writing.
    expect(manifest.features.app_home).toMatchObject({ messages_tab_enabled: true, messages_tab_read_only_enabled: false });
    expect(manifest.features.bot_user).toBeDefined();
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.request_url).toBeUndefined();
    expect(manifest.settings.interactivity.request_url).toBeUndefined();
    expect(manifest.features.slash_commands.every((command) => command.url === undefined)).toBe(true);
  });
});
