import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps';
import type { Drain } from './drain';

/** How long /ready waits for each dependency; the whole probe answers in about this long. */
export const READY_CHECK_TIMEOUT_MS = 800;

type CheckResult = 'ok' | 'unavailable';

/**
 * /health is liveness: it touches nothing, so a slow database never gets a healthy process killed.
 * /ready is readiness: both dependencies are pinged in parallel under a deadline, and a failure
 * names the check but keeps the error text in the log. From SIGTERM on, /ready is 503.
 */
export function registerHealthRoutes(app: FastifyInstance, deps: Deps, drain: Drain) {
  app.get('/health', async () => ({ status: 'ok', version: deps.version }));

  app.get('/ready', async (request, reply) => {
    // Shutting down: out of rotation at once, before any dependency is asked.
    if (drain.phase !== 'serving') {
      return reply.code(503).send({ status: 'shutting down', checks: {} });
    }
    const check = async (name: string, ping: () => Promise<void>): Promise<CheckResult> => {
      try {
        await ping();
        return 'ok';
      } catch (err) {
        request.log.warn({ err, check: name }, 'readiness check failed');
        return 'unavailable';
      }
    };
    const [db, redis] = await Promise.all([
      check('db', () => deps.database.ping(READY_CHECK_TIMEOUT_MS)),
      check('redis', () => deps.store.ping()),
    ]);
    const ready = db === 'ok' && redis === 'ok';
    return reply
      .code(ready ? 200 : 503)
      .send({ status: ready ? 'ready' : 'unavailable', checks: { db, redis } });
  });
}
