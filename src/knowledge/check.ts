/**
 * `npm run knowledge:check [file]`: validate a knowledge file and print every problem with its
 * JSON path. Exit 1 on any problem, so CI stops a bad edit before it lands.
 */
import { DEFAULT_KNOWLEDGE_FILE, loadKnowledgeFile } from './load.js';
import { formatProblem } from './problems.js';

const file = process.argv[2] ?? DEFAULT_KNOWLEDGE_FILE;
const result = await loadKnowledgeFile(file);
if (result.ok) {
  const { knowledge } = result;
  console.log(
    `${file}: OK, version ${knowledge.version}, ${knowledge.entries.length} entries, ${knowledge.data.sources.length} sources`,
  );
} else {
  for (const problem of result.problems) console.error(formatProblem(file, problem));
  console.error(`${file}: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}; the file was not accepted.`);
  process.exitCode = 1;
}
