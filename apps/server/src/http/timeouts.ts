import type { Config } from '../config';

/**
 * Node's own HTTP server settings for the deadlines in config (HTTP_*_TIMEOUT_MS), for every
 * listener we open: the API (through Fastify) and the metrics port.
 */
export function nodeServerTimeouts(timeouts: Config['httpTimeouts']) {
  return {
    headersTimeout: timeouts.headersMs,
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    // Node enforces the headers and request deadlines on this sweep (30 s by default), so a
    // stalled request would live up to 30 s past its deadline without a shorter one.
    connectionsCheckingInterval: Math.min(1000, Math.ceil(timeouts.headersMs / 4)),
  };
}
