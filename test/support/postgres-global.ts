/**
 * Vitest global setup: one throwaway PostgreSQL cluster for the whole run (see postgres.ts).
 * Without a server binary the Postgres suites are skipped with a loud notice; with CI=true a
 * missing (or failing) server fails the run instead: CI never skips them. A run stopped by
 * Ctrl-C or SIGTERM never reaches `teardown`: the cluster then goes on exit (pg-cluster.ts).
 */
import type { TestProject } from 'vitest/node';
import { findPostgresBin, startCluster, type Cluster } from './pg-cluster.js';

let cluster: Cluster | undefined;

export async function setup(project: TestProject): Promise<void> {
  const bin = findPostgresBin();
  let problem = 'no PostgreSQL server binaries (looked in /usr/lib/postgresql/*/bin and POSTGRES_BIN)';
  if (bin) {
    try {
      cluster = await startCluster(bin);
      project.provide('postgresUrl', cluster.url);
      return;
    } catch (error) {
      problem = `the PostgreSQL server in ${bin} would not start: ${(error as Error).message.split('\n')[0]}`;
    }
  }
  if (process.env.CI === 'true') throw new Error(`${problem}: CI never skips the PostgreSQL suites; install Debian's postgresql (.ci/run does).`);
  process.stderr.write(`\n${'!'.repeat(78)}\n!! ${problem}.\n!! The PostgreSQL suites are SKIPPED. Install Debian's postgresql (apt-get install postgresql) to run them.\n${'!'.repeat(78)}\n\n`);
  project.provide('postgresUrl', '');
}

export function teardown(): void {
  cluster?.stop();
  cluster = undefined;
}
