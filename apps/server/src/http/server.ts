import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps';
import { type AppOptions, buildApp } from './app';
import { createDrain } from './drain';

export interface RunningServer {
  readonly app: FastifyInstance;
  /** Listens on config host/port (or the given port; 0 = any free one); returns the base URL. */
  start(port?: number): Promise<string>;
  /**
   * /ready goes 503 and the server keeps serving for SHUTDOWN_DELAY_MS, then stops accepting,
   * waits for in-flight requests (bounded by SHUTDOWN_TIMEOUT_MS) and closes.
   */
  stop(): Promise<void>;
}

/**
 * After SHUTDOWN_DELAY_MS of serving with /ready at 503, new requests are answered 503 for this
 * long before the listener closes, so connections waiting in its backlog get an answer instead of
 * a reset when it closes.
 */
const REFUSE_BEFORE_CLOSE_MS = 500;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface ServerOptions extends AppOptions {
  /**
   * How stop() spends each timed phase of a drain (`ms` long; default: sleeping it). Tests pass
   * their own to hold a phase open while they look at it, instead of racing the clock.
   */
  phaseWait?: (phase: 'draining' | 'refusing', ms: number) => Promise<void>;
}

/** A server a test can start on port 0 and stop, the same way main.ts runs it. */
export async function createServer(
  deps: Deps,
  options: ServerOptions = {},
): Promise<RunningServer> {
  const { phaseWait = (_phase, ms) => sleep(ms), ...appOptions } = options;
  const drain = appOptions.drain ?? createDrain();
  const app = await buildApp(deps, { ...appOptions, drain });
  let stopping: Promise<void> | undefined;
  return {
    app,
    async start(port = deps.config.port) {
      await app.listen({ host: deps.config.host, port });
      const address = app.server.address();
      if (address === null || typeof address === 'string') return String(address);
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      return `http://${host}:${address.port}`;
    },
    stop() {
      stopping ??= (async () => {
        const delayMs = deps.config.shutdownDelayMs;
        if (delayMs > 0) {
          // Behind a load balancer: leave rotation (/ready 503) but keep serving until it has
          // noticed, then refuse politely for a moment, then close the listener and drain.
          drain.startDraining();
          deps.log.info({ delayMs }, 'draining: /ready answers 503; still serving');
          await phaseWait('draining', delayMs);
          drain.startRefusing();
          await phaseWait('refusing', Math.min(REFUSE_BEFORE_CLOSE_MS, delayMs));
        }
        const timer = setTimeout(() => {
          deps.log.warn('drain timeout reached; closing remaining connections');
          app.server.closeAllConnections();
        }, deps.config.shutdownTimeoutMs);
        timer.unref();
        try {
          await app.close();
        } finally {
          clearTimeout(timer);
        }
      })();
      return stopping;
    },
  };
}
