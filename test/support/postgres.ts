/**
 * The test cluster for suites (see pg-cluster.ts and the global setup, postgres-global.ts):
 * `clusterUrl()` is undefined when the Postgres suites are skipped; `testDatabase()` makes a
 * suite its own database, so suites run in parallel without seeing each other.
 */
import { inject } from 'vitest';
import { createDatabase } from './pg-cluster.js';

export { findPostgresBin, startCluster, type Cluster } from './pg-cluster.js';

/** The cluster URL the global setup provides, or undefined when the Postgres suites are skipped. */
export function clusterUrl(): string | undefined {
  return inject('postgresUrl') || undefined;
}

/**
 * A fresh, empty database on the test cluster, for one suite (or one test): its URL. Call it
 * in `beforeAll`/`beforeEach` of a suite declared with `describe.skipIf(!clusterUrl())`.
 */
export async function testDatabase(prefix = 'notech_test'): Promise<string> {
  const url = clusterUrl();
  if (!url) throw new Error('no PostgreSQL test cluster (see test/support/postgres-global.ts)');
  return createDatabase(url, prefix);
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}
