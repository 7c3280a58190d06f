/**
 * Distribution by OAuth (HTTP mode, config.oauth): Bolt's own InstallProvider, configured on
 * the HTTP receiver. GET /slack/install sets a state cookie and shows "Add to Slack" (the state
 * is a JWT signed with SLACK_STATE_SECRET, valid 10 minutes); GET /slack/oauth_redirect checks
 * that state against the cookie, exchanges the code with oauth.v2.access, and stores the
 * installation (src/installations). Every request is then authorized by Bolt from that store,
 * so each workspace is answered with its own bot token.
 *
 * What this adds to Bolt's defaults: pages that say what happened and what to do, and logs that
 * name the outcome only (Slack's error code, the team_id installed), never the code, state,
 * tokens or the installing person.
 */
import type { HTTPReceiverOptions, Installation, InstallationStore } from '@slack/bolt';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { OAuthConfig } from '../config.js';
import { boltLogger } from './bolt-logger.js';
import { BOT_SCOPES } from './scopes.js';

export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';
/** How long an install link (its state) stays valid, seconds: Bolt's default. */
export const STATE_MAX_AGE_SECONDS = 600;

/** The OAuth options of Bolt's HTTPReceiver for config.oauth. */
export function oauthReceiverOptions(
  oauth: OAuthConfig,
  installationStore: InstallationStore,
  logger: Logger,
  slackApiUrl: string | undefined,
): Pick<HTTPReceiverOptions, 'clientId' | 'clientSecret' | 'stateSecret' | 'scopes' | 'installationStore' | 'installerOptions'> {
  return {
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateSecret: oauth.stateSecret,
    scopes: [...BOT_SCOPES],
    installationStore,
    installerOptions: {
      installPath: INSTALL_PATH,
      redirectUriPath: REDIRECT_PATH,
      stateVerification: true,
      stateCookieExpirationSeconds: STATE_MAX_AGE_SECONDS,
      renderHtmlForInstallPath: installPage,
      // oauth.v2.access and auth.test of the new token go where every other Web API call goes.
      // Its own logger stops at info: the Web API client's debug lines would show the request
      // body of oauth.v2.access, which holds the code and the client secret, and its answer, which
      // names the installing person. Bolt's type leaves `logger` out, but InstallProvider spreads
      // these options over its own logger (@slack/oauth install-provider.js), so this one wins.
      clientOptions: { ...(slackApiUrl ? { slackApiUrl } : {}), logger: boltLogger(logger, { debug: false }) } as NonNullable<NonNullable<HTTPReceiverOptions['installerOptions']>['clientOptions']>,
      callbackOptions: {
        success: (installation, _options, _req, res) => installed(installation, res, logger),
        failure: (error, _options, req, res) => refused(error as Error & { code?: string }, req, res, logger),
      },
    },
  };
}

function page(res: ServerResponse, status: number, title: string, body: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    'referrer-policy': 'no-referrer',
  });
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>NoTech: ${title}</title><style>body{font-family:system-ui,sans-serif;max-width:36em;margin:3em auto;padding:0 1em;line-height:1.5}</style></head><body><h1>${title}</h1>${body}</body></html>`);
}

/** GET /slack/install: what NoTech is and keeps, and the "Add to Slack" link (Slack's authorize URL, with our state). */
function installPage(authorizeUrl: string): string {
  const href = escapeHtml(authorizeUrl);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>NoTech: Add to Slack</title><style>body{font-family:system-ui,sans-serif;max-width:36em;margin:3em auto;padding:0 1em;line-height:1.5}</style></head><body><h1>Add NoTech to your workspace</h1><p>NoTech answers <code>/notech</code>, mentions and direct messages with sourced facts. It keeps no message text and nothing about people: for your workspace it keeps its id and its bot token (encrypted), until you remove the app.</p><p><a href="${href}">Add to Slack</a></p><p>The link works for ${STATE_MAX_AGE_SECONDS / 60} minutes, in this browser.</p></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function installed(installation: Installation, res: ServerResponse, logger: Logger): void {
  logger.info(
    { install: 'installed', teamId: installation.team?.id ?? null, enterpriseId: installation.enterprise?.id ?? null, isEnterpriseInstall: installation.isEnterpriseInstall === true },
    'NoTech installed in a workspace',
  );
  page(res, 200, 'NoTech is installed', '<p>Type <code>/notech</code> in any channel of your workspace, or mention @NoTech. You can close this page.</p>');
}

/** The reason an install did not complete, by Bolt's error code (a fixed word, never the request's values). */
function refused(error: { code?: string }, _req: IncomingMessage, res: ServerResponse, logger: Logger): void {
  const code = typeof error.code === 'string' && /^[a-z_]{1,60}$/.test(error.code) ? error.code : 'unknown';
  logger.warn({ install: 'failed', code }, 'OAuth install not completed');
  const again = `<p><a href="${INSTALL_PATH}">Start the installation again</a>.</p>`;
  switch (code) {
    case 'slack_oauth_invalid_state':
    case 'slack_oauth_missing_state':
      page(res, 400, 'This install link has expired', `<p>The link was not started from this page, was used already, or is older than ${STATE_MAX_AGE_SECONDS / 60} minutes.</p>${again}`);
      return;
    case 'slack_oauth_missing_code':
      page(res, 400, 'Installation not completed', `<p>Slack did not send an authorization code.</p>${again}`);
      return;
    case 'slack_oauth_installer_authorization_error':
      page(res, 200, 'Installation cancelled', `<p>NoTech was not installed. Nothing was saved.</p>${again}`);
      return;
    default:
      page(res, 502, 'Installation failed', `<p>Slack did not complete the installation. Please try again; if it keeps failing, tell the people who run NoTech.</p>${again}`);
  }
}
