import type { IncomingMessage } from 'node:http';
import type { AnyRouter, TRPCError } from '@trpc/server';
import type { CreateFastifyContextOptions } from '@trpc/server/adapters/fastify';
import { incomingMessageToRequest } from '@trpc/server/adapters/node-http';
import { getHTTPStatusCodeFromError, resolveResponse } from '@trpc/server/http';
import {
  getErrorShape,
  getTRPCErrorFromUnknown,
  transformTRPCResponse,
} from '@trpc/server/unstable-core-do-not-import';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

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
  /**
   * Serve single (non-batched) GET queries directly (default true). Off, every request goes
   * through tRPC's `resolveResponse`; a test runs both and compares the answers byte for byte.
   */
  fastQueries?: boolean;
}

type Procedure = ((opts: {
  path: string;
  getRawInput: () => Promise<unknown>;
  ctx: unknown;
  type: 'query';
  signal: AbortSignal | undefined;
  batchIndex: number;
}) => Promise<unknown>) & { _def: { type: string } };

/** Adds to Vary instead of replacing it: CORS has already put `Origin` there. */
function addVary(reply: FastifyReply, value: string) {
  const existing = reply.getHeader('vary');
  reply.header('vary', existing ? `${String(existing)}, ${value}` : value);
}

/** The shared never-aborting signal handed to createContext on the direct path. */
const NEVER_ABORTED = new AbortController().signal;

/**
 * tRPC on a Fastify route. Everything goes through tRPC's own `resolveResponse` (error shapes,
 * batching, status codes), except the hottest case — one GET query, no batch, no streaming —
 * which calls the procedure directly and writes the same envelope tRPC would. Profiling showed
 * the Web Request/Response objects, the AbortController and the web-stream piping of the
 * official adapter costing more CPU than the query itself (docs/benchmarks.md).
 */
export async function registerTrpcRoute<TRouter extends AnyRouter>(
  app: FastifyInstance,
  options: TrpcRouteOptions<TRouter>,
) {
  const { router } = options;
  const config = router._def._config;
  const procedures = router._def.procedures as Record<string, Procedure | undefined>;

  /** The general path: tRPC's own request resolution, answered as a string when it is JSON. */
  async function viaResolveResponse(
    req: FastifyRequest<{ Params: { path: string } }>,
    reply: FastifyReply,
  ) {
    const incoming = req.raw as IncomingMessage & { body?: unknown };
    if (req.body !== undefined) incoming.body = req.body;
    const request = incomingMessageToRequest(incoming, reply.raw, { maxBodySize: null });
    const response = await resolveResponse<TRouter>({
      router,
      req: request,
      path: req.params.path,
      error: null,
      maxBatchSize: options.maxBatchSize,
      createContext: ({ info }) =>
        options.createContext({ req, res: reply, info }) as ReturnType<
          Parameters<typeof resolveResponse<TRouter>>[0]['createContext']
        >,
      onError: ({ error, path, type }) => options.onError({ error, path, type }),
    });
    reply.code(response.status);
    response.headers.forEach((value, name) => {
      if (name === 'vary') addVary(reply, value);
      else reply.header(name, value);
    });
    if (response.body === null) return reply.send();
    const type = response.headers.get('content-type') ?? '';
    if (type.startsWith('application/json')) return reply.send(await response.text());
    return reply.send(response); // streaming answers (JSONL, SSE) are piped
  }

  /** One GET query: the procedure is called directly; the envelope is tRPC's. */
  async function directQuery(
    req: FastifyRequest<{
      Params: { path: string };
      Querystring: Record<string, string | undefined>;
    }>,
    reply: FastifyReply,
    procedure: Procedure,
  ) {
    const path = req.params.path;
    const rawText = req.query.input;
    let rawInput: unknown;
    let input: unknown;
    if (rawText !== undefined) {
      try {
        rawInput = JSON.parse(rawText);
        input = config.transformer.input.deserialize(rawInput);
      } catch {
        return viaResolveResponse(req, reply); // let tRPC word the parse error
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
      return viaResolveResponse(req, reply);
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
    return reply
      .code(status)
      .header('content-type', 'application/json')
      .send(JSON.stringify(transformTRPCResponse(config, body as never)));
  }

  await app.register(async (scope) => {
    // tRPC parses bodies itself; hand it the raw text (as the official plugin does).
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
      done(null, body);
    });

    scope.all<{ Params: { path: string }; Querystring: Record<string, string | undefined> }>(
      `${options.prefix}/:path`,
      async (req, reply) => {
        const procedure = procedures[req.params.path];
        const direct =
          options.fastQueries !== false &&
          req.method === 'GET' &&
          procedure?._def.type === 'query' &&
          req.query.batch === undefined &&
          req.headers['trpc-accept'] === undefined;
        return direct && procedure
          ? directQuery(req, reply, procedure)
          : viaResolveResponse(req, reply);
      },
    );
  });
}
