// Plain-JS entry of the worker threads when the bot runs its TypeScript sources (`npm run dev`, vitest, scripts):
// registers tsx in the worker, then loads the TypeScript worker (Worker `execArgv: ['--import', 'tsx']` does not
// apply loaders in worker threads on Node 20). The compiled bot (`npm start`, dist/) starts its workers directly.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
