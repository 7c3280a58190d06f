import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository's root: the knowledge CLIs run from here, as `npm run` runs them. */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Runs a knowledge CLI (`src/knowledge/<script>`) the way its npm script does (node with tsx),
 * as a child process. Returns the exit code and stdout followed by stderr.
 */
export function runKnowledgeCli(script: string, args: string[]): { code: number; out: string } {
  try {
    const out = execFileSync(process.execPath, ['--import', 'tsx', `src/knowledge/${script}`, ...args], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
    return { code: 0, out };
  } catch (error) {
    const e = error as { status: number | null; stderr: string; stdout: string };
    return { code: e.status ?? -1, out: e.stdout + e.stderr };
  }
}
