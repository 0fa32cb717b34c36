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
}

export function createContextFactory(deps: Deps) {
  return ({ req }: CreateFastifyContextOptions): Context => ({
    deps,
    ip: req.ip,
    authorization: req.headers.authorization,
    log: req.log as Logger,
  });
}
