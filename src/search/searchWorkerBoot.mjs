// Plain-JS entry of the search worker threads: registers tsx in the worker, then loads the TypeScript worker.
// (Worker `execArgv: ['--import', 'tsx']` does not apply loaders in worker threads on Node 20.)
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
