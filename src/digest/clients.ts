/**
 * Which Web API client posts a digest. With one workspace (SLACK_BOT_TOKEN) there is one
 * client. With OAuth each subscription names its workspace (teamId, enterpriseId) and is posted
 * with that workspace's own bot token, looked up in the installation store at delivery time (a
 * reinstall's new token is used at once; an uninstalled workspace has none: NotInstalledError).
 */
import type { WebClient } from '@slack/web-api';
import type { Workspace } from '../installations/store.js';

/** One workspace's client, or a lookup of each workspace's own client (OAuth). */
export type DigestClient = WebClient | ((workspace: Workspace) => Promise<WebClient>);

/** True with OAuth: subscriptions then record the workspace they belong to. */
export function isPerWorkspace(client: DigestClient | undefined): client is (workspace: Workspace) => Promise<WebClient> {
  return typeof client === 'function';
}

/** The client to act in `workspace` with. Throws NotInstalledError (OAuth) when it has no installation. */
export async function clientFor(client: DigestClient, workspace: Workspace): Promise<WebClient> {
  return isPerWorkspace(client) ? client(workspace) : client;
}
