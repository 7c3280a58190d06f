/**
 * Vitest global setup: one throwaway PostgreSQL cluster for the whole run (see postgres.ts).
 * Without a server binary the Postgres suites are skipped with a loud notice; with CI=true a
 * missing (or failing) server fails the run instead: CI never skips them.
 */
import type { TestProject } from 'vitest/node';
import { findPostgresBin, startCluster, type Cluster } from './pg-cluster.js';

let cluster: Cluster | undefined;

export async function setup(project: TestProject): Promise<void> {
  const bin = findPostgresBin();
  if (!bin) {
    const notice = 'no PostgreSQL server binaries (looked in /usr/lib/postgresql/*/bin and POSTGRES_BIN)';
    if (process.env.CI === 'true') throw new Error(`${notice}: CI never skips the PostgreSQL suites; install Debian's postgresql (.ci/run does).`);
    process.stderr.write(`\n${'!'.repeat(78)}\n!! ${notice}.\n!! The PostgreSQL suites are SKIPPED. Install one (apt-get install postgresql) to run them.\n${'!'.repeat(78)}\n\n`);
    project.provide('postgresUrl', '');
    return;
  }
  cluster = await startCluster(bin);
  project.provide('postgresUrl', cluster.url);
}

export function teardown(): void {
  cluster?.stop();
  cluster = undefined;
}
