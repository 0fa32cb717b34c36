import cors from '@fastify/cors';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { Deps } from '../deps';
import { createContextFactory } from '../trpc/context';
import { appRouter } from '../trpc/router';
import { createDrain, type Drain, registerDrainHooks } from './drain';
import { registerHealthRoutes } from './health';
import { nodeServerTimeouts } from './timeouts';
import { registerTrpcRoute } from './trpc-route';

/**
 * The HTTP surface: CORS, /health, /ready and tRPC at /trpc. Builds and returns the Fastify
 * instance without listening, so tests can inject requests or listen on port 0.
 */
/** Liveness and readiness probes: logged at debug only. */
const QUIET_PATHS: ReadonlySet<string> = new Set(['/health', '/ready']);

/** A URL without its query string (tRPC queries carry their input there). */
const pathOf = (url: string) => url.split('?', 1)[0] ?? url;

export interface AppOptions {
  /** The shutdown state the server moves through (see drain.ts); a fresh one if not given. */
  drain?: Drain;
}

export async function buildApp(deps: Deps, options: AppOptions = {}): Promise<FastifyInstance> {
  const { config } = deps;
  // A hop count, never `true`: with `true` the leftmost X-Forwarded-For entry — written by the
  // client — would become the IP that rate limits count.
  const hops = config.trustProxy;
  const trustProxy = hops === 0 ? false : (_address: string, hop: number) => hop < hops;
  const app = Fastify({
    // Fastify types its logger as FastifyBaseLogger; pino's Logger is a superset of it.
    loggerInstance: deps.log as FastifyBaseLogger,
    // Batched calls put every procedure name in one path parameter; 100 (the default) 404s them.
    routerOptions: { maxParamLength: 5000 },
    bodyLimit: config.bodyLimitBytes,
    trustProxy,
    // Keep-alive sockets that are idle are closed at shutdown; in-flight requests are drained.
    forceCloseConnections: 'idle',
    // Fastify's defaults never time out a request (requestTimeout 0): a client that sends headers
    // and half a body, then nothing, would hold its socket forever.
    requestTimeout: config.httpTimeouts.requestMs,
    connectionTimeout: config.httpTimeouts.connectionMs,
    keepAliveTimeout: config.httpTimeouts.keepAliveMs,
    http: {
      headersTimeout: config.httpTimeouts.headersMs,
      connectionsCheckingInterval: nodeServerTimeouts(config.httpTimeouts)
        .connectionsCheckingInterval,
    },
    // One access-log line per request (below) instead of Fastify's two: every line is
    // serialised and redacted, and the pair cost more CPU than a catalog query.
    logController: new LogController({ disableRequestLogging: true }),
  });
  app.addHook('onResponse', (request, reply, done) => {
    const ms = Math.round(reply.elapsedTime * 10) / 10;
    const path = pathOf(request.url);
    // Probes ask every few seconds: at debug, so they do not drown the requests people make.
    const level = QUIET_PATHS.has(path) ? 'debug' : 'info';
    request.log[level](
      { req: request, statusCode: reply.statusCode, ms },
      `${request.method} ${path} ${reply.statusCode} ${ms} ms`,
    );
    done();
  });

  const drain = options.drain ?? createDrain();
  registerDrainHooks(app, drain);

  const allowed = new Set(config.corsOrigins);
  await app.register(cors, {
    // The function form matters: with `false` the plugin adds no CORS header at all, whereas a
    // plain list still sends Allow-Credentials to origins it does not allow.
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    credentials: true,
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['content-type', 'authorization', 'trpc-accept', 'x-trpc-source'],
    maxAge: 600,
  });

  registerHealthRoutes(app, deps, drain);

  await registerTrpcRoute(app, {
    prefix: '/trpc',
    router: appRouter,
    createContext: createContextFactory(deps),
    maxBatchSize: config.trpcMaxBatchSize,
    catalogMaxAgeSeconds: config.catalogMaxAgeSeconds,
    catalogAnswers: deps.catalogAnswers,
    metrics: deps.metrics,
    onError({ error, path, type }) {
      // Expected failures are info; only a 5xx is loud. Inputs are never logged (they may hold
      // signatures or codes), and neither is the Authorization header.
      const level =
        error.code === 'INTERNAL_SERVER_ERROR'
          ? 'error'
          : error.code === 'SERVICE_UNAVAILABLE'
            ? 'warn'
            : 'info';
      const err = level === 'info' ? undefined : (error.cause ?? error);
      // A bad or expired token is logged by its reason only, never the token.
      const reason = (error as { reason?: string }).reason;
      deps.log[level]({ path, type, code: error.code, reason, err }, `trpc ${error.code}`);
    },
  });

  return app;
}
