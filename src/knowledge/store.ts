/**
 * The current knowledge, and how it changes while the bot runs. A reload validates the new
 * file completely before swapping one reference; an invalid edit is reported with its JSON
 * paths and the last good version keeps serving.
 */
import { EventEmitter } from 'node:events';
import { unwatchFile, watchFile } from 'node:fs';
import type { Logger } from 'pino';
import type { Knowledge } from './knowledge.js';
import { loadKnowledgeFile } from './load.js';
import type { Problem } from './problems.js';

export type ReloadOutcome =
  | { status: 'changed'; from: string; to: string }
  | { status: 'unchanged' }
  | { status: 'rejected'; problems: Problem[] };

/** The full-text index, once the event loop is free (a search before then builds it itself). */
function buildFullTextSoon(knowledge: Knowledge): void {
  setImmediate(() => knowledge.index.buildFullText()).unref();
}

export class KnowledgeStore extends EventEmitter<{ change: [Knowledge] }> {
  private knowledge: Knowledge;
  private lastText: string;

  private constructor(
    readonly file: string,
    initial: Knowledge,
    private readonly logger: Logger,
  ) {
    super();
    this.knowledge = initial;
    this.lastText = JSON.stringify(initial.data);
  }

  /** Load the file at startup; on problems, return them (startup then stops). */
  static async open(file: string, logger: Logger): Promise<{ ok: true; store: KnowledgeStore } | { ok: false; problems: Problem[] }> {
    const result = await loadKnowledgeFile(file);
    if (!result.ok) return result;
    void result.knowledge.index; // The topic index now, not on the first request.
    buildFullTextSoon(result.knowledge);
    return { ok: true, store: new KnowledgeStore(file, result.knowledge, logger) };
  }

  /** For tests and tools: a store over knowledge already in memory. */
  static of(knowledge: Knowledge, logger: Logger, file = '(memory)'): KnowledgeStore {
    return new KnowledgeStore(file, knowledge, logger);
  }

  get current(): Knowledge {
    return this.knowledge;
  }

  async reload(): Promise<ReloadOutcome> {
    const result = await loadKnowledgeFile(this.file);
    if (!result.ok) {
      for (const problem of result.problems) {
        this.logger.error({ file: this.file, path: problem.path, problem: problem.message }, 'knowledge edit rejected; still serving the last good version');
      }
      return { status: 'rejected', problems: result.problems };
    }
    const text = JSON.stringify(result.knowledge.data);
    if (text === this.lastText) return { status: 'unchanged' };
    const from = this.knowledge.version;
    void result.knowledge.index; // Index before the swap, so no request waits for it.
    this.knowledge = result.knowledge;
    buildFullTextSoon(result.knowledge);
    this.lastText = text;
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
