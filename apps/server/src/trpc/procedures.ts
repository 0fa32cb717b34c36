import { toClientError } from './errors';
import { t } from './init';

/**
 * Domain code throws DomainError (from core) and dependencies throw their own errors; this is the
 * one place they become tRPC codes with a `reason`. Anything else stays INTERNAL_SERVER_ERROR.
 */
const convertErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const converted = toClientError(result.error.cause ?? result.error);
    if (converted) throw converted;
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(convertErrors);
