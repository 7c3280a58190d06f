/**
 * A loaded, validated knowledge file with its lookups and search index. Immutable: a reload
 * builds a new one and swaps a single reference (see store.ts), so no request ever sees half
 * of an edit.
 */
import type { Entry, KnowledgeData, Source } from './schema.js';
import { SearchIndex } from './search.js';

export class Knowledge {
  readonly version: string;
  readonly entries: readonly Entry[];
  private readonly entriesById: ReadonlyMap<string, Entry>;
  private readonly sourcesById: ReadonlyMap<string, Source>;
  private searchIndex: SearchIndex | undefined;

  constructor(readonly data: KnowledgeData) {
    this.version = data.version;
    this.entries = data.entries;
    this.entriesById = new Map(data.entries.map((entry) => [entry.id, entry]));
    this.sourcesById = new Map(data.sources.map((source) => [source.id, source]));
  }

  /**
   * Built on first use, blocking, if `prepareIndex` has not built it: validating a file (CI,
   * knowledge:check) does not pay for indexing.
   */
  get index(): SearchIndex {
    this.searchIndex ??= SearchIndex.build(this.data.entries);
    return this.searchIndex;
  }

  /** Builds the search index in steps that let other work run (see SearchIndex.buildInSteps). */
  async prepareIndex(): Promise<void> {
    this.searchIndex ??= await SearchIndex.buildInSteps(this.data.entries);
  }

  entry(id: string): Entry | undefined {
    return this.entriesById.get(id);
  }

  source(id: string): Source | undefined {
    return this.sourcesById.get(id);
  }

  get latestRelease() {
    const release = this.data.changelog[this.data.changelog.length - 1];
    if (!release) throw new Error('validated knowledge always has a changelog');
    return release;
  }
}
