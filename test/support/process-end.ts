/**
 * Synchronous clean-ups that must run however this process ends short of SIGKILL: a normal
 * exit, `process.exit()`, an uncaught exception, or SIGINT/SIGTERM/SIGHUP (Ctrl-C, a CI
 * timeout, a closed terminal). Used by pg-cluster.ts so a killed test run leaves no PostgreSQL
 * server behind; kill -9 is pg-cluster.ts's reaper's job. No vitest import: scripts use it too.
 *
 * A signal is never swallowed. When nothing else listens for it, the clean-ups run and the
 * signal is raised again with Node's default action, so the process dies of it as it would have
 * (exit status 128+n, `signalCode` set in a parent). When something else listens (vitest's
 * reporter sets exit code 128+n and calls `process.exit()` a millisecond later; the replica
 * trials kill their replicas first), that listener decides, and the clean-ups run on 'exit'.
 */

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const cleanUps = new Set<() => void>();

function runCleanUps(): void {
  for (const cleanUp of [...cleanUps]) {
    cleanUps.delete(cleanUp);
    try {
      cleanUp();
    } catch (error) {
      // The process is ending: say what was left behind, and go on with the other clean-ups.
      process.stderr.write(`clean-up at process end failed: ${(error as Error).message}\n`);
    }
  }
}

function onSignal(signal: NodeJS.Signals): void {
  // Prepended, so this runs first and the count is every listener this signal has, ours included.
  if (process.listenerCount(signal) > 1) return;
  runCleanUps();
  uninstall();
  // No listener left: Node restores the default action, so this kills the process by `signal`.
  process.kill(process.pid, signal);
}

let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', runCleanUps);
  for (const signal of SIGNALS) process.prependListener(signal, onSignal);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  process.off('exit', runCleanUps);
  for (const signal of SIGNALS) process.off(signal, onSignal);
}

/**
 * Run `cleanUp` (synchronous: nothing asynchronous runs on 'exit') once when this process ends,
 * unless it is withdrawn first. Returns the withdrawal; when no clean-up is left, the listeners
 * are removed, so a process that holds nothing has its signals' default actions back.
 */
export function onProcessEnd(cleanUp: () => void): () => void {
  cleanUps.add(cleanUp);
  install();
  return () => {
    cleanUps.delete(cleanUp);
    if (cleanUps.size === 0) uninstall();
  };
}
