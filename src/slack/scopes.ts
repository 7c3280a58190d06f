/**
 * The bot scopes NoTech asks for: the OAuth install flow (/slack/install) requests exactly
 * these, and manifest.json declares the same list (a test checks they agree). No user scopes:
 * NoTech never acts as a person and keeps no user token.
 */
export const BOT_SCOPES = ['app_mentions:read', 'channels:history', 'channels:join', 'chat:write', 'commands', 'groups:history', 'im:history'] as const;
