/**
 * The worker-thread half of `readKnowledgeInWorker` (load.ts): reads, fingerprints, parses and
 * checks a knowledge file away from the main thread, whose requests must not wait for it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkForTransfer, type WorkerRequest } from './load.js';

const result = await checkForTransfer(workerData as WorkerRequest);
// The pieces' buffers move to the main thread instead of being copied there.
parentPort!.postMessage(result, result.ok && !result.unchanged ? result.entries.map((piece) => piece.buffer as ArrayBuffer) : []);
