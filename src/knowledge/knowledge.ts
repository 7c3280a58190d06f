/**
 * A loaded, validated knowledge file with its lookups and search index. Immutable: a reload
 * builds a new one and swaps a single reference (see store.ts), so no request ever sees half
 * of an edit.
 */
import type { Names } from './names.js';
import type { Entry, KnowledgeData, Source } from './schema.js';
import { SearchIndex } from './search.js';

export class Knowledge {
  readonly version: string;
  readonly entries: readonly Entry[];
  private readonly entriesById: ReadonlyMap<string, Entry>;
  private readonly sourcesById: ReadonlyMap<string, Source>;
  private searchIndex: SearchIndex | undefined;

  /** `names`: what the cross-checks learnt about every name (see load.ts); the index keeps the table. */
  constructor(
    readonly data: KnowledgeData,
    private names: Names | undefined,
  ) {
    this.version = data.version;
    this.entries = data.entries;
    this.entriesById = new Map(data.entries.map((entry) => [entry.id, entry]));
    this.sourcesById = new Map(data.sources.map((source) => [source.id, source]));
  }

  /** Built on first use: validating a file (CI, reload checks) does not pay for indexing. */
  get index(): SearchIndex {
    if (!this.searchIndex) {
      this.searchIndex = new SearchIndex(this.data.entries, this.names!);
      this.names = undefined; // the index holds the table; the words were only needed to build it
    }
    return this.searchIndex;
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
