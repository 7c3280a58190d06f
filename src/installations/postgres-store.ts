/**
 * The installation store in PostgreSQL (DATABASE_URL with OAuth), shared by replicas: the same
 * `Installations` interface as the file store (file-store.ts), the same record (store.ts, what
 * is kept and what is dropped), tokens sealed with the same helpers (seal.ts) before they reach
 * the database and opened when Bolt asks for them. Table `installations`
 * (migrations/002_installations.sql), one row per workspace or org-wide install.
 *
 * Every read goes to the database, so an install, a reinstall's new token or an uninstall made
 * through one replica holds on all of them at once for the digest and the reports. Bolt's
 * authorize reads through a per-replica cache of a few seconds (authorize-cache.ts): there, the
 * replica that handled the install or uninstall sees it at once, the others within that TTL.
 */
import type { Installation, InstallationQuery } from '@slack/bolt';
import type { Pool } from '../db/database.js';
import { openToken, sealToken, TokenOpenError, type TokenKey } from './seal.js';
import { installationFrom, installationKey, InstallationKeyError, keptFrom, NotInstalledError, type Installations, type KeptInstallation } from './store.js';

interface Row {
  installation_key: string;
  team_id: string | null;
  enterprise_id: string | null;
  is_enterprise_install: boolean;
  app_id: string | null;
  enterprise_url: string | null;
  bot_token: string;
  bot_refresh_token: string | null;
  bot_expires_at: string | null;
  bot_scopes: string[];
  bot_id: string;
  bot_user_id: string;
}

export class PostgresInstallationStore implements Installations {
  constructor(
    private readonly pool: Pool,
    private readonly key: TokenKey,
    /** Where the database is (host:port/database), for error messages. */
    private readonly label: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async storeInstallation(installation: Installation): Promise<void> {
    const kept = keptFrom(installation);
    const key = installationKey(kept);
    if (!key) throw new Error('the installation names no team_id (nor enterprise_id for an org-wide install)');
    const { bot } = kept;
    await this.pool.query(
      `INSERT INTO installations (installation_key, team_id, enterprise_id, is_enterprise_install, app_id, enterprise_url,
         bot_token, bot_refresh_token, bot_expires_at, bot_scopes, bot_id, bot_user_id, installed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (installation_key) DO UPDATE SET team_id = EXCLUDED.team_id, enterprise_id = EXCLUDED.enterprise_id,
         is_enterprise_install = EXCLUDED.is_enterprise_install, app_id = EXCLUDED.app_id, enterprise_url = EXCLUDED.enterprise_url,
         bot_token = EXCLUDED.bot_token, bot_refresh_token = EXCLUDED.bot_refresh_token, bot_expires_at = EXCLUDED.bot_expires_at,
         bot_scopes = EXCLUDED.bot_scopes, bot_id = EXCLUDED.bot_id, bot_user_id = EXCLUDED.bot_user_id, installed_at = EXCLUDED.installed_at`,
      [
        key,
        kept.teamId ?? null,
        kept.enterpriseId ?? null,
        kept.isEnterpriseInstall,
        kept.appId ?? null,
        kept.enterpriseUrl ?? null,
        sealToken(bot.token, this.key, key),
        bot.refreshToken ? sealToken(bot.refreshToken, this.key, key) : null,
        bot.expiresAt ?? null,
        bot.scopes,
        bot.id,
        bot.userId,
        this.now().toISOString(),
      ],
    );
  }

  /** The installation for the query's workspace (or org, for an org-wide install); throws NotInstalledError if none. */
  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const key = installationKey(query);
    if (!key) throw new NotInstalledError();
    const row = (await this.pool.query<Row>('SELECT * FROM installations WHERE installation_key = $1', [key])).rows[0];
    if (!row) throw new NotInstalledError();
    return installationFrom(this.opened(row));
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    const key = installationKey(query);
    if (key) await this.pool.query('DELETE FROM installations WHERE installation_key = $1', [key]);
  }

  /**
   * Startup: TOKEN_ENCRYPTION_KEY must be the key this database was set up with (key_check,
   * recorded by the first start; see checkSharedKey) and must open every stored token. Throws
   * InstallationKeyError, one line with the remedy, naming key ids and never a token.
   */
  async checkKey(): Promise<void> {
    await checkSharedKey(this.pool, this.key, this.label);
    const rows = (await this.pool.query<Row>('SELECT * FROM installations')).rows;
    for (const row of rows) {
      try {
        this.opened(row);
      } catch (error) {
        if (!(error instanceof TokenOpenError)) throw error;
        throw new InstallationKeyError(
          `TOKEN_ENCRYPTION_KEY cannot decrypt the bot tokens stored in the database at ${this.label} (${error.reason === 'wrong-key' ? `they were saved with key ${error.sealedWith ?? '?'}, this key is ${this.key.id}` : 'a stored token is damaged'}): set TOKEN_ENCRYPTION_KEY back to the key they were saved with; if that key is lost, delete the rows of the installations table and install NoTech to each workspace again.`,
        );
      }
    }
  }

  /** How many workspaces and orgs are installed. */
  async size(): Promise<number> {
    return Number((await this.pool.query<{ n: string }>('SELECT count(*) AS n FROM installations')).rows[0]?.n ?? 0);
  }

  private opened(row: Row): KeptInstallation {
    const key = row.installation_key;
    return {
      ...(row.team_id !== null ? { teamId: row.team_id } : {}),
      ...(row.enterprise_id !== null ? { enterpriseId: row.enterprise_id } : {}),
      isEnterpriseInstall: row.is_enterprise_install,
      ...(row.app_id !== null ? { appId: row.app_id } : {}),
      ...(row.enterprise_url !== null ? { enterpriseUrl: row.enterprise_url } : {}),
      bot: {
        token: openToken(row.bot_token, this.key, key),
        ...(row.bot_refresh_token !== null ? { refreshToken: openToken(row.bot_refresh_token, this.key, key) } : {}),
        ...(row.bot_expires_at !== null ? { expiresAt: Number(row.bot_expires_at) } : {}),
        scopes: row.bot_scopes,
        id: row.bot_id,
        userId: row.bot_user_id,
      },
    };
  }
}

/**
 * Every replica must use one TOKEN_ENCRYPTION_KEY: it seals tokens and keys the hashes replicas
 * share (a replica with another key would answer messages twice). The first start records the
 * key's id (its fingerprint, never the key) in key_check; a later start with another key throws
 * InstallationKeyError. Used with DATABASE_URL whether or not OAuth is on.
 */
export async function checkSharedKey(pool: Pool, key: TokenKey, label: string): Promise<void> {
  await pool.query('INSERT INTO key_check (only_row, key_id) VALUES (true, $1) ON CONFLICT (only_row) DO NOTHING', [key.id]);
  const recorded = (await pool.query<{ key_id: string }>('SELECT key_id FROM key_check')).rows[0]?.key_id;
  if (recorded !== key.id) {
    throw new InstallationKeyError(
      `TOKEN_ENCRYPTION_KEY is not the key the database at ${label} was set up with (that key's id is ${recorded ?? '?'}, this key's id is ${key.id}): give every replica the same TOKEN_ENCRYPTION_KEY, the one first used with this database.`,
    );
  }
}
