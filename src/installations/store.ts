/**
 * Where NoTech keeps the workspaces that installed it by OAuth: Bolt's `InstallationStore`
 * (Bolt's authorize reads it to answer each request with that workspace's own token; the OAuth
 * redirect writes it; an uninstall deletes from it), plus the startup check of the encryption
 * key. The file store (file-store.ts) implements it; a PostgreSQL store implements the same.
 *
 * Keys: a workspace install by its team_id, an Enterprise Grid org-wide install by its
 * enterprise_id (every workspace of the org is answered with the org's token).
 *
 * What is kept of Slack's installation object (and nothing else, nothing about people): the
 * team_id and/or enterprise_id, whether it is an org-wide install, the app id, the org's URL,
 * and the bot: its token (sealed, see seal.ts), its refresh token and expiry if token rotation
 * is on (sealed too), its scopes, its bot id and bot user id. Dropped: the installing person's
 * user id, user token and user scopes (NoTech asks for no user scopes and Bolt's authorize needs
 * none), workspace and org names, incoming webhooks, OAuth metadata.
 */
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import { WebClient, type WebClientOptions } from '@slack/web-api';

/**
 * A workspace, as Slack names it in every request: its team_id, and its enterprise_id inside an
 * Enterprise Grid org (`isEnterpriseInstall` when the app was installed org-wide).
 */
export interface Workspace {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall?: boolean | undefined;
}

/** Bolt's InstallationStore with delete required, and the encryption key check. */
export interface Installations extends InstallationStore {
  deleteInstallation(query: InstallationQuery<boolean>): Promise<void>;
  /**
   * Opens every stored token once. Throws InstallationKeyError (one line, with the remedy) when
   * TOKEN_ENCRYPTION_KEY cannot open them: called at startup, so a wrong key stops the bot at
   * once rather than failing each request.
   */
  checkKey(): Promise<void>;
}

/** TOKEN_ENCRYPTION_KEY is not the key the stored tokens were sealed with. */
export class InstallationKeyError extends Error {}

/** The installation store cannot be read (unreadable or not an installation file); left untouched. */
export class InstallationStoreError extends Error {}

/** A workspace (or org) that has not installed NoTech, or has uninstalled it. */
export class NotInstalledError extends Error {
  readonly code = 'not_installed';
  constructor() {
    super('NoTech is not installed in this workspace');
  }
}

/** The record key of an installation or a query: `enterprise:E…` for an org-wide install, else `team:T…`. */
export function installationKey(where: Workspace): string | undefined {
  if (where.isEnterpriseInstall) return where.enterpriseId ? `enterprise:${where.enterpriseId}` : undefined;
  return where.teamId ? `team:${where.teamId}` : undefined;
}

/** What a store keeps of Slack's installation object, tokens still in the clear (the store seals them). */
export interface KeptInstallation {
  teamId?: string;
  enterpriseId?: string;
  isEnterpriseInstall: boolean;
  appId?: string;
  enterpriseUrl?: string;
  bot: { token: string; refreshToken?: string; expiresAt?: number; scopes: string[]; id: string; userId: string };
}

/** Slack's installation object → what is kept (see the top of this file). Throws if it has no bot token. */
export function keptFrom(installation: Installation): KeptInstallation {
  const bot = installation.bot;
  if (!bot?.token) throw new Error('the installation has no bot token: NoTech needs its bot scopes');
  const isEnterpriseInstall = installation.isEnterpriseInstall === true;
  return {
    ...(installation.team?.id ? { teamId: installation.team.id } : {}),
    ...(installation.enterprise?.id ? { enterpriseId: installation.enterprise.id } : {}),
    isEnterpriseInstall,
    ...(installation.appId ? { appId: installation.appId } : {}),
    ...(installation.enterpriseUrl ? { enterpriseUrl: installation.enterpriseUrl } : {}),
    bot: {
      token: bot.token,
      ...(bot.refreshToken ? { refreshToken: bot.refreshToken } : {}),
      ...(bot.expiresAt !== undefined ? { expiresAt: bot.expiresAt } : {}),
      scopes: bot.scopes,
      id: bot.id,
      userId: bot.userId,
    },
  };
}

/** What is kept → the object Bolt's authorize reads (the user part is empty: no user token is kept). */
export function installationFrom(kept: KeptInstallation): Installation {
  return {
    team: kept.teamId ? { id: kept.teamId } : undefined,
    enterprise: kept.enterpriseId ? { id: kept.enterpriseId } : undefined,
    user: { id: '', token: undefined, scopes: undefined },
    bot: { ...kept.bot },
    ...(kept.appId ? { appId: kept.appId } : {}),
    ...(kept.enterpriseUrl ? { enterpriseUrl: kept.enterpriseUrl } : {}),
    tokenType: 'bot',
    isEnterpriseInstall: kept.isEnterpriseInstall,
    authVersion: 'v2',
  } as Installation;
}

/**
 * The bot token to act in a workspace with: its own install, else its org's org-wide install.
 * Throws NotInstalledError when neither exists (uninstalled since).
 */
export async function botTokenFor(store: InstallationStore, where: Workspace): Promise<string> {
  const queries: Array<InstallationQuery<boolean>> = [];
  if (where.teamId) queries.push({ teamId: where.teamId, enterpriseId: where.enterpriseId, isEnterpriseInstall: false });
  if (where.enterpriseId) queries.push({ teamId: undefined, enterpriseId: where.enterpriseId, isEnterpriseInstall: true });
  for (const query of queries) {
    try {
      const token = (await store.fetchInstallation(query)).bot?.token;
      if (token) return token;
    } catch (error) {
      if (!(error instanceof NotInstalledError)) throw error;
    }
  }
  throw new NotInstalledError();
}

/**
 * A Web API client per workspace (OAuth), with `options`: each call looks the workspace's bot
 * token up (botTokenFor: throws NotInstalledError when it has none), so a reinstall's new token
 * is used at once. Clients are kept by token, so a reinstall gets a new client; a handful of
 * workspaces, a handful of clients. The digest and the maintainers' reports both use this.
 */
export function workspaceClients(store: InstallationStore, options: WebClientOptions): (workspace: Workspace) => Promise<WebClient> {
  const clients = new Map<string, WebClient>();
  return async (workspace) => {
    const token = await botTokenFor(store, workspace);
    let client = clients.get(token);
    if (!client) {
      client = new WebClient(token, options);
      clients.set(token, client);
    }
    return client;
  };
}
