import type { AnyRouter, TRPCError } from '@trpc/server';
import {
  type CreateFastifyContextOptions,
  type FastifyTRPCPluginOptions,
  fastifyTRPCPlugin,
} from '@trpc/server/adapters/fastify';
import type { FastifyInstance } from 'fastify';
import type { CatalogAnswers, Metrics } from '../deps';
import { catalogCache } from './catalog-cache';

export interface TrpcErrorInfo {
  error: TRPCError;
  path: string | undefined;
  type: string;
}

export interface TrpcRouteOptions<TRouter extends AnyRouter> {
  prefix: string;
  router: TRouter;
  createContext: (opts: CreateFastifyContextOptions) => unknown;
  maxBatchSize: number;
  onError: (info: TrpcErrorInfo) => void;
  /** `Cache-Control` max-age of anonymous catalog reads (0 = no caching headers). */
  catalogMaxAgeSeconds: number;
  catalogAnswers: CatalogAnswers;
  metrics: Metrics;
}

/**
 * tRPC at `prefix`, answered by tRPC's public Fastify plugin, with anonymous catalog reads served
 * from memory in front of it (catalog-cache.ts).
 */
export async function registerTrpcRoute<TRouter extends AnyRouter>(
  app: FastifyInstance,
  options: TrpcRouteOptions<TRouter>,
) {
  const { router } = options;
  const cache = catalogCache({
    answers: options.catalogAnswers,
    metrics: options.metrics,
    maxAgeSeconds: options.catalogMaxAgeSeconds,
  });

  await app.register(async (scope) => {
    // Registered in this scope, after CORS's own hooks: a hit carries CORS's headers too.
    scope.addHook('onRequest', cache.onRequest);
    // Before the Vary merge below: a catalog answer leaves this hook as bytes with tRPC's headers
    // (and Vary) already on the reply.
    scope.addHook('onSend', cache.onSend);
    // tRPC's handler sends a Web Response whose headers Fastify copies over the reply's, which
    // would drop CORS's `Vary: Origin`: merge the two before that happens.
    scope.addHook('onSend', (_req, reply, payload, done) => {
      if (payload instanceof Response) {
        const theirs = payload.headers.get('vary');
        const ours = reply.getHeader('vary');
        if (theirs && ours) payload.headers.set('vary', `${String(ours)}, ${theirs}`);
      }
      done(null, payload);
    });

    await scope.register(fastifyTRPCPlugin, {
      prefix: options.prefix,
      trpcOptions: {
        router,
        createContext: options.createContext,
        maxBatchSize: options.maxBatchSize,
        onError: ({ error, path, type }) => options.onError({ error, path, type }),
      } as FastifyTRPCPluginOptions<TRouter>['trpcOptions'],
    });
  });
}
