/**
 * A process that installs the bot's real life cycle and logger, then fails the way CRASH says, with a secret in
 * the error (the logger must scrub it): "exception" throws from a timer, "rejection" leaves a promise rejected.
 */
import { createLogger } from '../../../src/logger';
import { installProcessLifecycle } from '../../../src/ops/processLifecycle';

const secret = process.env.CHILD_SECRET ?? '';
const logger = createLogger({ level: 'info', secrets: [secret] });
const lifecycle = installProcessLifecycle({ logger });
lifecycle.running({ stop: async () => {}, deadlineMs: 5000, onCrash: () => logger.info({}, 'last words') });
setInterval(() => {}, 1000); // something alive, as a bot has
setTimeout(() => {
  const err = new Error(`request to /api/v10/interactions/123456789012345678/${secret}/callback failed`);
  if (process.env.CRASH === 'exception') throw err;
  void Promise.reject(err);
}, 50);
