/**
 * The installation store in a file beside the state file (config.installationsFile), written
 * atomically like the state file (src/atomic-file.ts), mode 0600. Tokens are sealed with
 * TOKEN_ENCRYPTION_KEY before they reach the file and opened when Bolt asks for them. The whole
 * file is in memory (one record per workspace); writes run one at a time. A file that cannot be
 * read or parsed stops startup and is never overwritten.
 */
import { readFileSync } from 'node:fs';
import type { Installation, InstallationQuery } from '@slack/bolt';
import { z } from 'zod';
import { writeFileAtomically } from '../atomic-file.js';
import { openToken, sealToken, TokenOpenError, type TokenKey } from './seal.js';
import {
  installationFrom,
  installationKey,
  InstallationKeyError,
  InstallationStoreError,
  keptFrom,
  NotInstalledError,
  type Installations,
  type KeptInstallation,
} from './store.js';

const Kept = z.strictObject({
  teamId: z.string().regex(/^T[A-Z0-9]{2,}$/).optional(),
  enterpriseId: z.string().regex(/^E[A-Z0-9]{2,}$/).optional(),
  isEnterpriseInstall: z.boolean(),
  appId: z.string().optional(),
  enterpriseUrl: z.string().optional(),
  bot: z.strictObject({
    /** Sealed (seal.ts), never the token itself. */
    token: z.string(),
    refreshToken: z.string().optional(),
    expiresAt: z.number().optional(),
    scopes: z.array(z.string()),
    id: z.string(),
    userId: z.string(),
  }),
  installedAt: z.iso.datetime(),
});

const InstallationsFile = z.strictObject({
  format: z.literal(1),
  installations: z.record(z.string().regex(/^(team|enterprise):[A-Z0-9]+$/), Kept),
});

type StoredFile = z.infer<typeof InstallationsFile>;
type Stored = z.infer<typeof Kept>;

export class FileInstallationStore implements Installations {
  private file: StoredFile;
  private queue: Promise<void> = Promise.resolve();

  private constructor(
    readonly path: string,
    private readonly key: TokenKey,
    private readonly now: () => Date,
    initial: StoredFile,
  ) {
    this.file = initial;
  }

  /** Reads `path` (absent: no installations yet). Throws InstallationStoreError if it is unreadable or not ours. */
  static open(path: string, key: TokenKey, now: () => Date = () => new Date()): FileInstallationStore {
    return new FileInstallationStore(path, key, now, readInstallationsFile(path));
  }

  /** How many workspaces and orgs are installed (for the startup log line). */
  get size(): number {
    return Object.keys(this.file.installations).length;
  }

  async storeInstallation(installation: Installation): Promise<void> {
    const kept = keptFrom(installation);
    const key = installationKey(kept);
    if (!key) throw new Error('the installation names no team_id (nor enterprise_id for an org-wide install)');
    const stored: Stored = {
      ...kept,
      bot: {
        ...kept.bot,
        token: sealToken(kept.bot.token, this.key, key),
        ...(kept.bot.refreshToken ? { refreshToken: sealToken(kept.bot.refreshToken, this.key, key) } : {}),
      },
      installedAt: this.now().toISOString(),
    };
    await this.update((draft) => {
      draft.installations[key] = stored;
    });
  }

  /** The installation for the query's workspace (or org, for an org-wide install); throws NotInstalledError if none. */
  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const key = installationKey(query);
    const stored = key ? this.file.installations[key] : undefined;
    if (!key || !stored) throw new NotInstalledError();
    return installationFrom(this.opened(key, stored));
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    const key = installationKey(query);
    if (!key || !this.file.installations[key]) return;
    await this.update((draft) => {
      delete draft.installations[key];
    });
  }

  async checkKey(): Promise<void> {
    for (const [key, stored] of Object.entries(this.file.installations)) {
      try {
        this.opened(key, stored);
      } catch (error) {
        if (!(error instanceof TokenOpenError)) throw error;
        throw new InstallationKeyError(
          `TOKEN_ENCRYPTION_KEY cannot decrypt the bot tokens stored in ${this.path} (${error.reason === 'wrong-key' ? `they were saved with key ${error.sealedWith ?? '?'}, this key is ${this.key.id}` : 'a stored token is damaged'}): set TOKEN_ENCRYPTION_KEY back to the key they were saved with; if that key is lost, move the file away and install NoTech to each workspace again. The file was left untouched.`,
        );
      }
    }
  }

  private opened(key: string, stored: Stored): KeptInstallation {
    const { installedAt: _installedAt, ...kept } = stored;
    return {
      ...kept,
      bot: {
        ...kept.bot,
        token: openToken(kept.bot.token, this.key, key),
        ...(kept.bot.refreshToken ? { refreshToken: openToken(kept.bot.refreshToken, this.key, key) } : {}),
      },
    };
  }

  private update(change: (draft: StoredFile) => void): Promise<void> {
    const run = this.queue.then(() => {
      const draft = structuredClone(this.file);
      change(draft);
      // Only what the schema allows is ever written: ids, scopes and sealed tokens.
      InstallationsFile.parse(draft);
      writeFileAtomically(this.path, `${JSON.stringify(draft, null, 2)}\n`);
      this.file = draft;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function readInstallationsFile(path: string): StoredFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { format: 1, installations: {} };
    throw new InstallationStoreError(`The installation store ${path} cannot be read (${code ?? 'error'}): fix its permissions; it was left untouched.`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new InstallationStoreError(`The installation store ${path} is not valid JSON: restore it from a backup, or move it away and install NoTech to each workspace again; it was left untouched.`);
  }
  const parsed = InstallationsFile.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new InstallationStoreError(
      `The installation store ${path} is not a NoTech installation file (${first.path.join('.') || 'top level'}: ${first.message}): restore it or move it away; it was left untouched.`,
    );
  }
  return parsed.data;
}
