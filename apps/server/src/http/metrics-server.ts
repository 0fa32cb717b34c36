import { createServer, type Server } from 'node:http';
import type { Deps } from '../deps';
import { READY_CHECK_TIMEOUT_MS } from './health';

export interface MetricsServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Pings both dependencies (as /ready does) and reports them with the pool's connections. */
async function refreshDependencies(deps: Deps) {
  const ok = (ping: Promise<void>) =>
    ping.then(
      () => true,
      () => false,
    );
  const [db, redis] = await Promise.all([
    ok(deps.database.ping(READY_CHECK_TIMEOUT_MS)),
    ok(deps.store.ping()),
  ]);
  deps.metrics.dependencies({ db, redis, dbPool: deps.database.poolStats() });
}

/**
 * GET /metrics in Prometheus's text format, on a listener of its own (METRICS_PORT, loopback by
 * default): the numbers say how busy and how healthy we are, which is for the operator's scraper,
 * not for the public API port.
 */
export async function startMetricsServer(
  deps: Deps,
  listen: { host: string; port: number },
): Promise<MetricsServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    refreshDependencies(deps)
      .then(() => deps.metrics.render())
      .then(
        (text) => res.writeHead(200, { 'content-type': deps.metrics.contentType }).end(text),
        (err: unknown) => {
          deps.log.error({ err }, 'metrics scrape failed');
          res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n');
        },
      );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => resolve());
  });
  const address = server.address();
  const port = address !== null && typeof address === 'object' ? address.port : listen.port;
  const host = listen.host.includes(':') ? `[${listen.host}]` : listen.host;
  deps.log.info({ port }, 'metrics listening');
  return {
    url: `http://${host}:${port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
