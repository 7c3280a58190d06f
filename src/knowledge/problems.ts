/** A problem in a knowledge file, reported the way a maintainer can fix it: where, and what is wrong. */
export interface Problem {
  /** JSON path into the file, e.g. `entries[3].facts[0].sources[1]`. Empty for the whole file. */
  path: string;
  message: string;
}

export type PathSegment = string | number | symbol;

/** `['entries', 3, 'facts']` → `entries[3].facts` */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_$][\w$]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}

/**
 * Names the entry or source a path is inside, so "entries[7]" reads as something a maintainer
 * can find in the file: `entries[7].facts[0] (entry "palantir")`.
 */
export function describePath(path: readonly PathSegment[], raw: unknown): string {
  const formatted = formatPath(path);
  const [collection, index] = path;
  if ((collection === 'entries' || collection === 'sources') && typeof index === 'number' && isRecord(raw)) {
    const list = raw[collection];
    const item = Array.isArray(list) ? (list[index] as unknown) : undefined;
    if (isRecord(item) && typeof item.id === 'string') return `${formatted} (${collection === 'entries' ? 'entry' : 'source'} "${item.id}")`;
  }
  return formatted;
}

export function formatProblem(file: string, problem: Problem): string {
  return problem.path === '' ? `${file}: ${problem.message}` : `${file}: ${problem.path}: ${problem.message}`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
