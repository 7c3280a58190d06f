/**
 * The current knowledge, and how it changes while the bot runs. A reload validates the new
 * file completely before swapping one reference; an invalid edit is reported with its JSON
 * paths and the last good version keeps serving.
 */
import { EventEmitter } from 'node:events';
import { unwatchFile, watchFile } from 'node:fs';
import type { Logger } from 'pino';
import type { Knowledge } from './knowledge.js';
import { fingerprint, parseKnowledgeBytes, readKnowledgeBytes, readKnowledgeInWorker } from './load.js';
import type { Problem } from './problems.js';

export type ReloadOutcome =
  | { status: 'changed'; from: string; to: string }
  | { status: 'unchanged' }
  | { status: 'rejected'; problems: Problem[] };

export class KnowledgeStore extends EventEmitter<{ change: [Knowledge] }> {
  private knowledge: Knowledge;
  /** Fingerprint of the file as last read: an untouched file is not parsed again. */
  private fileFingerprint: string | undefined;
  /** Fingerprint of the serving knowledge's data (a reformatted file has the same data). */
  private dataFingerprint: string | undefined;
  /** The reload in progress, if any. */
  private reloading: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly file: string,
    initial: Knowledge,
    private readonly logger: Logger,
    fingerprints?: { file: string; data: string },
  ) {
    super();
    this.knowledge = initial;
    this.fileFingerprint = fingerprints?.file;
    this.dataFingerprint = fingerprints?.data;
  }

  /**
   * Load and index the file at startup, on this thread: nothing is being served yet, and a
   * worker thread would only add its own startup to the bot's. On problems, return them
   * (startup then stops).
   */
  static async open(file: string, logger: Logger): Promise<{ ok: true; store: KnowledgeStore } | { ok: false; problems: Problem[] }> {
    const read = await readKnowledgeBytes(file);
    if (!read.ok) return read;
    const result = parseKnowledgeBytes(read.bytes);
    if (!result.ok) return result;
    void result.knowledge.index;
    const fingerprints = { file: fingerprint(read.bytes), data: fingerprint(JSON.stringify(result.knowledge.data)) };
    return { ok: true, store: new KnowledgeStore(file, result.knowledge, logger, fingerprints) };
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
    // The serving data's fingerprint lets the worker call a reformatted file unchanged before
    // anything is rebuilt here (a store made with `of` computes it on its first reload).
    this.dataFingerprint ??= fingerprint(JSON.stringify(this.knowledge.data));
    const result = await readKnowledgeInWorker(this.file, { file: this.fileFingerprint, data: this.dataFingerprint });
    if (result.ok) this.fileFingerprint = result.fileFingerprint;
    if (result.ok && result.unchanged) return { status: 'unchanged' };
    if (!result.ok) {
      for (const problem of result.problems) {
        this.logger.error({ file: this.file, path: problem.path, problem: problem.message }, 'knowledge edit rejected; still serving the last good version');
      }
      return { status: 'rejected', problems: result.problems };
    }
    const from = this.knowledge.version;
    this.knowledge = result.knowledge; // checked and indexed already: one reference swapped
    this.dataFingerprint = result.dataFingerprint;
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
