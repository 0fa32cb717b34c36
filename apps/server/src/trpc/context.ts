import type { CreateFastifyContextOptions } from '@trpc/server/adapters/fastify';
import type { Deps } from '../deps';
import type { Logger } from '../log';

/** What every procedure sees: the shared dependencies plus who is calling and from where. */
export interface Context {
  readonly deps: Deps;
  /** Client IP; Fastify takes it from X-Forwarded-For only when TRUST_PROXY is set. */
  readonly ip: string;
  /** The raw Authorization header; verified (never logged) by the auth middleware. */
  readonly authorization: string | undefined;
  readonly log: Logger;
  /** Sets a response header (Retry-After); a no-op for in-process callers. */
  readonly setHeader: (name: string, value: string) => void;
}

export function createContextFactory(deps: Deps) {
  return ({ req, res }: CreateFastifyContextOptions): Context => ({
    deps,
    ip: req.ip,
    authorization: req.headers.authorization,
    log: req.log as Logger,
    setHeader: (name, value) => {
      res.header(name, value);
    },
  });
}
