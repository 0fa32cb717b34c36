import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps';
import { type AppOptions, buildApp } from './app';

export interface RunningServer {
  readonly app: FastifyInstance;
  /** Listens on config host/port (or the given port; 0 = any free one); returns the base URL. */
  start(port?: number): Promise<string>;
  /** Stops accepting, waits for in-flight requests (bounded by SHUTDOWN_TIMEOUT_MS), then closes. */
  stop(): Promise<void>;
}

/** A server a test can start on port 0 and stop, the same way main.ts runs it. */
export async function createServer(deps: Deps, options: AppOptions = {}): Promise<RunningServer> {
  const app = await buildApp(deps, options);
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
