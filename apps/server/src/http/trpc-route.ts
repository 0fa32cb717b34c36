import type { AnyRouter, TRPCError } from '@trpc/server';
import {
  type CreateFastifyContextOptions,
  type FastifyTRPCPluginOptions,
  fastifyTRPCPlugin,
} from '@trpc/server/adapters/fastify';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import {
  getErrorShape,
  getTRPCErrorFromUnknown,
  transformTRPCResponse,
} from '@trpc/server/unstable-core-do-not-import';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { catalogCaching } from './catalog-cache';

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
  /**
   * Answer single (non-batched) GET queries on our direct path (TRPC_DIRECT_GET). Off, every
   * request goes through tRPC's own Fastify handler; a test sends the same requests to both and
   * requires identical answers.
   */
  directGet: boolean;
}

type Procedure = ((opts: {
  path: string;
  getRawInput: () => Promise<unknown>;
  ctx: unknown;
  type: 'query';
  signal: AbortSignal | undefined;
  batchIndex: number;
}) => Promise<unknown>) & { _def: { type: string } };

type TrpcRequest = FastifyRequest<{
  Params: { path?: string };
  Querystring: Record<string, string | undefined>;
}>;

/** Adds to Vary instead of replacing it: CORS has already put `Origin` there. */
function addVary(reply: FastifyReply, value: string) {
  const existing = reply.getHeader('vary');
  reply.header('vary', existing ? `${String(existing)}, ${value}` : value);
}

/** The shared never-aborting signal handed to createContext on the direct path. */
const NEVER_ABORTED = new AbortController().signal;

/**
 * tRPC at `prefix`: tRPC's public Fastify plugin answers everything (batching, mutations,
 * streaming, error shapes), except — when `directGet` is on — one GET query with no batch and no
 * streaming, which a preHandler answers by calling the procedure directly and writing the same
 * envelope tRPC would. The official handler's Web Request/Response objects, AbortController and
 * stream piping cost more CPU than a catalog query (docs/benchmarks.md). The direct path uses
 * tRPC internals (`unstable-core-do-not-import`): see "Upgrading @trpc/*" in docs/decisions.md.
 */
export async function registerTrpcRoute<TRouter extends AnyRouter>(
  app: FastifyInstance,
  options: TrpcRouteOptions<TRouter>,
) {
  const { router } = options;
  const config = router._def._config;
  const procedures = router._def.procedures as Record<string, Procedure | undefined>;

  /** One GET query: the procedure is called directly; the envelope is tRPC's. */
  async function directQuery(
    req: TrpcRequest,
    reply: FastifyReply,
    path: string,
    procedure: Procedure,
  ): Promise<boolean> {
    const rawText = req.query.input;
    let rawInput: unknown;
    let input: unknown;
    if (rawText !== undefined) {
      try {
        rawInput = JSON.parse(rawText);
        input = config.transformer.input.deserialize(rawInput);
      } catch {
        return false; // let tRPC word the parse error
      }
    }
    let ctx: unknown;
    try {
      ctx = await options.createContext({
        req,
        res: reply,
        info: {
          isBatchCall: false,
          calls: [],
          accept: null,
          type: 'query',
          connectionParams: null,
          signal: NEVER_ABORTED,
          url: null,
        },
      } as CreateFastifyContextOptions);
    } catch {
      return false;
    }
    let body: unknown;
    let status = 200;
    try {
      const data = await procedure({
        path,
        getRawInput: async () => input,
        ctx,
        type: 'query',
        signal: undefined,
        batchIndex: 0,
      });
      body = { result: { data } };
    } catch (cause) {
      const error = getTRPCErrorFromUnknown(cause);
      options.onError({ error, path, type: 'query' });
      status = getHTTPStatusCodeFromError(error);
      body = {
        error: getErrorShape({ config, ctx, error, input: rawInput, path, type: 'query' }),
      };
    }
    addVary(reply, 'trpc-accept, accept');
    // A Buffer, not a string: Fastify would append "; charset=utf-8" to a string's content type,
    // and tRPC's handler sends plain "application/json".
    reply
      .code(status)
      .header('content-type', 'application/json')
      .send(Buffer.from(JSON.stringify(transformTRPCResponse(config, body as never))));
    return true;
  }

  await app.register(async (scope) => {
    // tRPC's handler sends a Web Response whose headers Fastify copies over the reply's, which
    // would drop CORS's `Vary: Origin`: merge the two before that happens.
    // Hooks in callback style: on the catalog's hot path an async hook's extra promise is a
    // measurable share of a request.
    scope.addHook('onSend', (_req, reply, payload, done) => {
      if (payload instanceof Response) {
        const theirs = payload.headers.get('vary');
        const ours = reply.getHeader('vary');
        if (theirs && ours) payload.headers.set('vary', `${String(ours)}, ${theirs}`);
      }
      done(null, payload);
    });
    if (options.catalogMaxAgeSeconds > 0) {
      // Added after the Vary merge, so it sees tRPC's headers already merged with ours.
      scope.addHook('onSend', catalogCaching(options.catalogMaxAgeSeconds));
    }

    if (options.directGet) {
      scope.addHook('preHandler', (request, reply, done) => {
        const req = request as TrpcRequest;
        const path = req.params.path;
        const procedure = path === undefined ? undefined : procedures[path];
        const direct =
          req.method === 'GET' &&
          procedure?._def.type === 'query' &&
          req.query.batch === undefined &&
          req.headers['trpc-accept'] === undefined;
        if (!direct || path === undefined || !procedure) return done();
        // Answered here, or handed on to tRPC's handler (which words input it cannot parse).
        directQuery(req, reply, path, procedure).then(
          (answered) => {
            if (!answered) done();
          },
          (err: Error) => done(err),
        );
      });
    }

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
