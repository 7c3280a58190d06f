/**
 * Reading a knowledge file: JSON syntax, then the schema, then the cross-checks. Every problem
 * comes back with its JSON path; nothing here throws for a bad file.
 *
 * Two ways: at once (`loadKnowledgeFile`, for tools and tests), or in a worker thread
 * (`readKnowledgeInWorker`, for the running bot): parsing and checking a 5,000-entry file takes
 * 0.3–0.5 s of uninterrupted work, which on the main thread every request would wait for.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { crossCheck } from './crosscheck.js';
import { Knowledge } from './knowledge.js';
import { describePath, type Problem } from './problems.js';
import { KnowledgeFile, type KnowledgeData } from './schema.js';
import { nextTurn } from './steps.js';

export type LoadResult = { ok: true; knowledge: Knowledge } | { ok: false; problems: Problem[] };

export const DEFAULT_KNOWLEDGE_FILE = 'data/knowledge.json';

/** Line and column (1-based) of a character offset, for JSON syntax errors. */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

export function parseKnowledge(text: string): LoadResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const where = position ? ` at ${lineAndColumn(text, Number(position[1]))}` : '';
    return { ok: false, problems: [{ path: '', message: `not valid JSON${where}: ${message.replace(/\s*\(line \d+ column \d+\)/, '')}` }] };
  }

  const parsed = KnowledgeFile.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({ path: describePath(issue.path, raw), message: issue.message })),
    };
  }

  const problems = crossCheck(parsed.data);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, knowledge: new Knowledge(parsed.data) };
}

/**
 * Decodes UTF-8 about 15% faster than Buffer#toString at 18 MB, and drops a byte-order mark,
 * which some Windows editors write and JSON.parse would reject at "line 1, column 1".
 */
const utf8 = new TextDecoder('utf-8');

/** parseKnowledge for a file's bytes as read (UTF-8, with or without a byte-order mark). */
export function parseKnowledgeBytes(bytes: Buffer): LoadResult {
  return parseKnowledge(utf8.decode(bytes));
}

/**
 * A knowledge file's bytes, or the problem reading it (as a Problem, like every other failure).
 * Bytes, not text: the store fingerprints them (hashing the bytes costs a third of hashing the
 * decoded text, which must be encoded again) before parseKnowledgeBytes.
 */
export async function readKnowledgeBytes(path: string): Promise<{ ok: true; bytes: Buffer } | { ok: false; problems: Problem[] }> {
  try {
    return { ok: true, bytes: await readFile(path) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'file not found' : `cannot be read (${code ?? String(error)})`;
    return { ok: false, problems: [{ path: '', message: reason }] };
  }
}

export async function loadKnowledgeFile(path: string): Promise<LoadResult> {
  const read = await readKnowledgeBytes(path);
  return read.ok ? parseKnowledgeBytes(read.bytes) : read;
}

/**
 * A fingerprint of a file's bytes or of data as JSON (sha256, base64): the store compares
 * fingerprints, not texts, to tell whether anything changed (keeping the text would hold a
 * second copy of the knowledge).
 */
export function fingerprint(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('base64');
}

/** What the store asks the worker: the file, and the fingerprints of what it serves now. */
export interface WorkerRequest {
  file: string;
  served: { file?: string | undefined; data?: string | undefined };
}

/** Entries per piece of JSON the main thread parses in one step (about 2 ms at 100). */
const ENTRIES_PER_PIECE = 100;

/**
 * What the worker sends back. A valid file comes as pieces of JSON (UTF-8 bytes, whose buffers
 * are handed over, not copied) rather than as objects: copying an object graph between threads
 * blocks the receiving thread for as long as parsing it all at once would, while the pieces are
 * parsed one step at a time.
 */
export type WorkerResult =
  | { ok: true; unchanged: true; fileFingerprint: string }
  | { ok: true; unchanged: false; fileFingerprint: string; dataFingerprint: string; data: string; entries: Uint8Array[] }
  | { ok: false; problems: Problem[] };

/** The worker's job (load-worker.ts): read, fingerprint, parse, check, and cut into pieces. */
export async function checkForTransfer(request: WorkerRequest): Promise<WorkerResult> {
  const read = await readKnowledgeBytes(request.file);
  if (!read.ok) return read;
  const fileFingerprint = fingerprint(read.bytes);
  if (fileFingerprint === request.served.file) return { ok: true, unchanged: true, fileFingerprint };
  const result = parseKnowledgeBytes(read.bytes);
  if (!result.ok) return result;
  const { data } = result.knowledge;
  const dataFingerprint = fingerprint(JSON.stringify(data));
  // Reformatted, or edited and edited back: the same data, so nothing to rebuild.
  if (dataFingerprint === request.served.data) return { ok: true, unchanged: true, fileFingerprint };
  return {
    ok: true,
    unchanged: false,
    fileFingerprint,
    dataFingerprint,
    data: JSON.stringify({ ...data, entries: [] }),
    entries: Array.from({ length: Math.ceil(data.entries.length / ENTRIES_PER_PIECE) }, (_, i) =>
      new TextEncoder().encode(JSON.stringify(data.entries.slice(i * ENTRIES_PER_PIECE, (i + 1) * ENTRIES_PER_PIECE))),
    ),
  };
}

/**
 * The worker: load-worker.js next to the bundle (`npm run build` emits it), or, running from
 * source (tests, tsx), a bootstrap that registers tsx in the worker and loads load-worker.ts
 * (Node 20 ignores `--import` in a worker's execArgv).
 */
function newWorker(request: WorkerRequest): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./load-worker.js', import.meta.url), { workerData: request });
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const script = JSON.stringify(new URL('./load-worker.ts', import.meta.url).href);
  return new Worker(`import(${tsx}).then((api) => api.register()).then(() => import(${script}))`, { eval: true, workerData: request });
}

export type InWorkerResult =
  | { ok: true; unchanged: true; fileFingerprint: string }
  | { ok: true; unchanged: false; fileFingerprint: string; dataFingerprint: string; knowledge: Knowledge }
  | { ok: false; problems: Problem[] };

/**
 * A knowledge file read and checked in a worker thread, then rebuilt here in steps of a few
 * milliseconds (search index included), so requests keep being answered throughout.
 * `unchanged` when the file's bytes, or its data once parsed, have the fingerprints in `served`.
 * Throws only if the worker itself fails (its script missing, out of memory).
 */
export async function readKnowledgeInWorker(file: string, served: WorkerRequest['served'] = {}): Promise<InWorkerResult> {
  const request: WorkerRequest = { file, served };
  const result = await new Promise<WorkerResult>((resolve, reject) => {
    const worker = newWorker(request);
    worker.once('message', (message: WorkerResult) => {
      resolve(message);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the knowledge worker stopped (exit code ${code}) before answering`)));
  });
  if (!result.ok || result.unchanged) return result;
  const data = JSON.parse(result.data) as KnowledgeData;
  for (const [i, piece] of result.entries.entries()) {
    data.entries.push(...(JSON.parse(utf8.decode(piece)) as KnowledgeData['entries']));
    result.entries[i] = new Uint8Array(); // parsed: let the collector have the bytes
    await nextTurn();
  }
  const knowledge = new Knowledge(data);
  await knowledge.prepareIndex();
  return { ok: true, unchanged: false, fileFingerprint: result.fileFingerprint, dataFingerprint: result.dataFingerprint, knowledge };
}
