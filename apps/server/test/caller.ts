import { TRPCError } from '@trpc/server';
import { getErrorShape } from '@trpc/server/unstable-core-do-not-import';
import type { Context } from '../src/trpc/context';
import { createCallerFactory } from '../src/trpc/procedures';
import { appRouter } from '../src/trpc/router';
import type { trpcClient } from './http';
import type { World } from './world';

type Client = ReturnType<typeof trpcClient>;

const createCaller = createCallerFactory(appRouter);

/** What a client sees of a failed call: tRPC's error shape, as the HTTP route would send it. */
export class CallerError extends Error {
  readonly data: Record<string, unknown>;

  constructor(message: string, data: Record<string, unknown>) {
    super(message);
    this.name = 'CallerError';
    this.data = data;
  }
}

/**
 * A client for rule tests that calls the router in process through `createCaller`, with the same
 * context, middleware (auth, rate limits, error conversion) and error shape as HTTP, but without
 * serialisation, sockets or Fastify. It has the HTTP client's `.query()` / `.mutate()` surface,
 * so a suite switches transport without rewriting its calls; surface tests (headers, status
 * codes, raw bodies) keep using HTTP.
 */
export function inProcessClient(world: World, token?: string, ip = '127.0.0.1'): Client {
  const ctx: Context = {
    deps: world.deps,
    ip,
    authorization: token === undefined ? undefined : `Bearer ${token}`,
    log: world.deps.log,
    setHeader: () => {},
  };
  const caller = createCaller(ctx) as unknown as Record<string, unknown>;
  const call = async (path: string[], type: 'query' | 'mutation', input: unknown) => {
    let target: unknown = caller;
    for (const key of path) target = (target as Record<string, unknown>)[key];
    try {
      return await (target as (input: unknown) => Promise<unknown>)(input);
    } catch (err) {
      if (!(err instanceof TRPCError)) throw err;
      const shape = getErrorShape({
        config: appRouter._def._config,
        error: err,
        type,
        path: path.join('.'),
        input,
        ctx,
      });
      throw new CallerError(shape.message, shape.data as Record<string, unknown>);
    }
  };
  const proxy = (path: string[]): unknown =>
    new Proxy(() => {}, {
      get(_target, key) {
        if (key === 'query' || key === 'mutate') {
          return (input?: unknown) => call(path, key === 'query' ? 'query' : 'mutation', input);
        }
        return typeof key === 'string' ? proxy([...path, key]) : undefined;
      },
    });
  return proxy([]) as Client;
}
