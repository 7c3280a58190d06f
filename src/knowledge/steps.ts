/**
 * Long work done in steps, so a running bot keeps answering: between two steps the event loop
 * handles whatever arrived (setImmediate runs after pending I/O).
 */

/** Lets pending I/O and timers run, then resolves. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Calls `step` on consecutive slices of `items` of at most `size`, yielding after each. */
export async function inSteps<T>(items: readonly T[], size: number, step: (slice: readonly T[], start: number) => void): Promise<void> {
  for (let start = 0; start < items.length; start += size) {
    step(items.slice(start, start + size), start);
    await nextTurn();
  }
}
