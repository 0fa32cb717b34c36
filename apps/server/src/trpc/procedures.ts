import { DomainError, isDomainError } from '@puffy/core';
import { authenticate } from '../domain/auth';
import type { TokenClaims } from '../domain/tokens';
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

/** Verifies the bearer token (signature, claims, deny-list) and puts its claims on ctx.user. */
const requireUser = t.middleware(async ({ ctx, next }) => {
  const user = await authenticate(ctx.deps, ctx.authorization);
  return next({ ctx: { user } });
});

/**
 * Applies the limit named in the procedure's meta. tRPC serves every procedure (and whole batches)
 * through one HTTP route, so per-procedure limits live here rather than in a Fastify plugin.
 * `auth` counts per client IP; `order` per signed-in user.
 */
const rateLimit = t.middleware(async ({ ctx, meta, next }) => {
  const bucket = meta?.rateLimit;
  if (bucket) {
    const user = (ctx as { user?: TokenClaims }).user;
    const key = bucket === 'order' && user ? user.userId : ctx.ip;
    try {
      await ctx.deps.limiter.consume(bucket, key);
    } catch (err) {
      if (isDomainError(err) && err.reason === 'RATE_LIMITED') {
        ctx.setHeader('retry-after', String(err.details?.retryAfterSeconds ?? 60));
      }
      throw err;
    }
  }
  return next();
});

const requireAdmin = t.middleware(({ ctx, next }) => {
  const { user } = ctx as typeof ctx & { user: TokenClaims };
  // The token's role and the current ADMIN_ADDRESSES must both agree: removing an address from the
  // setting takes effect at once, not when the token expires.
  if (user.role !== 'admin' || !ctx.deps.config.adminAddresses.has(user.address)) {
    throw new DomainError('FORBIDDEN', 'Admins only');
  }
  return next();
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(convertErrors).use(rateLimit);
export const authedProcedure = t.procedure.use(convertErrors).use(requireUser).use(rateLimit);
export const adminProcedure = authedProcedure.use(requireAdmin);
