import { createServer, type Server } from 'node:http';
import type { Deps } from '../deps';
import { READY_CHECK_TIMEOUT_MS } from './health';
import { nodeServerTimeouts } from './timeouts';

export interface MetricsServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The health gauges are refreshed at most this often. Several scrapers (or one scraping every
 * second) must not turn the metrics port into a load on Postgres and Redis; a gauge a few seconds
 * old is what a scrape interval sees anyway.
 */
export const HEALTH_REFRESH_MS = 5000;

/**
 * Pings both dependencies (as /ready does) at most once per HEALTH_REFRESH_MS, however many
 * scrapes arrive; scrapes during a ping wait for that one. The pool's connections are local
 * numbers and are read on every scrape.
 */
function healthGauges(deps: Deps) {
  const ok = (ping: Promise<void>) =>
    ping.then(
      () => true,
      () => false,
    );
  let up = { db: false, redis: false };
  let refreshedAt = Number.NEGATIVE_INFINITY;
  let pinging: Promise<void> | undefined;
  const ping = async () => {
    const [db, redis] = await Promise.all([
      ok(deps.database.ping(READY_CHECK_TIMEOUT_MS)),
      ok(deps.store.ping()),
    ]);
    up = { db, redis };
  };
  return async () => {
    const now = deps.clock.now().getTime();
    const stale = now - refreshedAt >= HEALTH_REFRESH_MS || now < refreshedAt; // or clock set back
    if (pinging === undefined && stale) {
      refreshedAt = now;
      pinging = ping().finally(() => {
        pinging = undefined;
      });
    }
    await pinging;
    deps.metrics.dependencies({ ...up, dbPool: deps.database.poolStats() });
  };
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
  const refreshHealth = healthGauges(deps);
  const timeouts = nodeServerTimeouts(deps.config.httpTimeouts);
  // The API's deadlines: a client that opens the metrics port and sends half a request must not
  // hold a socket for Node's defaults (minutes).
  const server: Server = createServer(timeouts, (req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    refreshHealth()
      .then(() => deps.metrics.render())
      .then(
        (text) => res.writeHead(200, { 'content-type': deps.metrics.contentType }).end(text),
        (err: unknown) => {
          deps.log.error({ err }, 'metrics scrape failed');
          res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n');
        },
      );
  });
  server.keepAliveTimeout = timeouts.keepAliveTimeout;
  // An idle socket with no request in progress (Fastify's connectionTimeout on the API port).
  server.setTimeout(deps.config.httpTimeouts.connectionMs, (socket) => socket.destroy());
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
