/**
 * `npm run knowledge:check [file] [--against <older file>]`: validate a knowledge file and print
 * every problem with its JSON path. Exit 1 on any problem, so CI stops a bad edit before it lands.
 *
 * With --against, also hold the newest changelog release to the change from the older file
 * (read as plain JSON, so an older schema's file works): when the data changed, `version` must
 * be greater and the release must list exactly the added, changed and removed entries (diff.ts).
 */
import { parseCommandLine, reportProblems, runCli, UsageError } from './cli.js';
import { checkRelease, readSnapshot } from './diff.js';
import { DEFAULT_KNOWLEDGE_FILE, parseKnowledgeBytes, readKnowledgeBytes } from './load.js';
import type { Problem } from './problems.js';

const USAGE = 'usage: npm run knowledge:check -- [file] [--against <older knowledge file>]';

await runCli(USAGE, async () => {
  const { values, positionals } = parseCommandLine({ against: { type: 'string' } });
  if (positionals.length > 1) throw new UsageError(`expected at most one file, got ${positionals.length}`);
  const file = positionals[0] ?? DEFAULT_KNOWLEDGE_FILE;
  const reject = (where: string, problems: Problem[]) =>
    reportProblems(where, problems, `${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}; the file was not accepted.`);

  const read = await readKnowledgeBytes(file);
  if (!read.ok) return reject(file, read.problems);
  const result = parseKnowledgeBytes(read.bytes);
  if (!result.ok) return reject(file, result.problems);
  const { knowledge } = result;

  let compared = '';
  if (values.against !== undefined) {
    const against = values.against;
    const baseRead = await readKnowledgeBytes(against);
    const base = baseRead.ok ? readSnapshot(baseRead.bytes) : baseRead;
    if (!base.ok) return reject(against, base.problems);
    const next = readSnapshot(read.bytes);
    if (!next.ok) return reject(file, next.problems); // cannot happen once the file loads
    const { diff, problems } = checkRelease(base.snapshot, next.snapshot, knowledge.data, against);
    if (problems.length > 0) return reject(file, problems);
    compared = diff.dataChanged ? `; release ${knowledge.version} lists exactly the change since ${against}` : `; no data changed since ${against}`;
  }
  console.log(`${file}: OK, version ${knowledge.version}, ${knowledge.entries.length} entries, ${knowledge.data.sources.length} sources${compared}`);
  return 0;
});
