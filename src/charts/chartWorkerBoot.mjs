// Plain-JS entry of the chart worker thread: registers tsx in the worker, then loads the TypeScript worker
// (same reason as src/search/searchWorkerBoot.mjs: worker execArgv loaders do not apply on Node 20).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
