/**
 * The current knowledge, and how it changes while the bot runs. A reload validates the new
 * file completely before swapping one reference; an invalid edit is reported with its JSON
 * paths and the last good version keeps serving.
 */
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { unwatchFile, watchFile } from 'node:fs';
import type { Logger } from 'pino';
import type { Knowledge } from './knowledge.js';
import { parseKnowledgeBytes, readKnowledgeBytes } from './load.js';
import type { Problem } from './problems.js';

export type ReloadOutcome =
  | { status: 'changed'; from: string; to: string }
  | { status: 'unchanged' }
  | { status: 'rejected'; problems: Problem[] };

/**
 * A digest stands in for the file or the data when deciding whether anything changed: keeping
 * the text itself would hold a second copy of the knowledge (28 MB of UTF-16 at 5,000 entries).
 * Exported so the benchmark measures the same startup steps as the bot.
 */
export function digest(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('base64');
}

export class KnowledgeStore extends EventEmitter<{ change: [Knowledge] }> {
  private knowledge: Knowledge;
  /** Digest of the file as last read: an untouched file is not parsed again. */
  private fileDigest: string | undefined;
  /** Digest of the serving knowledge's data, computed on the first edit that needs it. */
  private dataDigest: string | undefined;
  /** The reload in progress, if any. */
  private reloading: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly file: string,
    initial: Knowledge,
    private readonly logger: Logger,
    fileDigest?: string,
  ) {
    super();
    this.knowledge = initial;
    this.fileDigest = fileDigest;
  }

  /** Load the file at startup; on problems, return them (startup then stops). */
  static async open(file: string, logger: Logger): Promise<{ ok: true; store: KnowledgeStore } | { ok: false; problems: Problem[] }> {
    const read = await readKnowledgeBytes(file);
    if (!read.ok) return read;
    const result = parseKnowledgeBytes(read.bytes);
    if (!result.ok) return result;
    await result.knowledge.prepareIndex();
    return { ok: true, store: new KnowledgeStore(file, result.knowledge, logger, digest(read.bytes)) };
  }

  /** For tests and tools: a store over knowledge already in memory. */
  static of(knowledge: Knowledge, logger: Logger, file = '(memory)'): KnowledgeStore {
    return new KnowledgeStore(file, knowledge, logger);
  }

  get current(): Knowledge {
    return this.knowledge;
  }

  /**
   * Read the file again and serve it if it is a valid, different knowledge file. A file whose
   * data did not change (untouched, or only reformatted) is `unchanged`; an invalid one is
   * `rejected` with its problems logged, and the last good version keeps serving.
   */
  reload(): Promise<ReloadOutcome> {
    // One at a time: indexing awaits, and a second reload must not swap in between.
    const outcome = this.reloading.then(() => this.reloadOnce());
    this.reloading = outcome.catch(() => undefined);
    return outcome;
  }

  private async reloadOnce(): Promise<ReloadOutcome> {
    const read = await readKnowledgeBytes(this.file);
    const fileDigest = read.ok ? digest(read.bytes) : undefined;
    if (fileDigest !== undefined && fileDigest === this.fileDigest) return { status: 'unchanged' };
    const result = read.ok ? parseKnowledgeBytes(read.bytes) : read;
    if (!result.ok) {
      for (const problem of result.problems) {
        this.logger.error({ file: this.file, path: problem.path, problem: problem.message }, 'knowledge edit rejected; still serving the last good version');
      }
      return { status: 'rejected', problems: result.problems };
    }
    this.fileDigest = fileDigest;
    const dataDigest = digest(JSON.stringify(result.knowledge.data));
    this.dataDigest ??= digest(JSON.stringify(this.knowledge.data));
    if (dataDigest === this.dataDigest) return { status: 'unchanged' };
    const from = this.knowledge.version;
    await result.knowledge.prepareIndex(); // before the swap, in steps: requests keep being answered
    this.knowledge = result.knowledge;
    this.dataDigest = dataDigest;
    this.logger.info({ file: this.file, from, to: result.knowledge.version }, 'knowledge reloaded');
    this.emit('change', result.knowledge);
    return { status: 'changed', from, to: result.knowledge.version };
  }

  /** Poll the file's mtime (robust to editors that replace the file rather than write to it). */
  watch(intervalMs = 2000): () => void {
    const listener = () => {
      this.reload().catch((error: unknown) => this.logger.error({ err: error }, 'knowledge reload failed'));
    };
    watchFile(this.file, { interval: intervalMs, persistent: false }, listener);
    return () => unwatchFile(this.file, listener);
  }
}
