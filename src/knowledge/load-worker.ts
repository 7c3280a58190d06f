/**
 * The worker-thread half of `readKnowledgeInWorker` (load.ts): reads, fingerprints, parses and
 * checks a knowledge file away from the main thread, whose requests must not wait for it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkForTransfer, type WorkerRequest } from './load.js';

parentPort!.postMessage(await checkForTransfer(workerData as WorkerRequest));
