import { DomainError, isDomainError } from '@puffy/core';
import type { LimitBucket, TokenClaims } from '../deps';
import { authenticate } from '../domain/sign-in/sign-in';
import type { Context } from './context';
import { toClientError } from './errors';
import { t } from './init';

/** Applies the limit named in the procedure's meta (see `guard`). */
async function applyRateLimit(ctx: Context & { user?: TokenClaims }, bucket: LimitBucket) {
  const key = bucket === 'order' && ctx.user ? ctx.user.userId : ctx.ip;
  try {
    await ctx.deps.limiter.consume(bucket, key);
  } catch (err) {
    if (isDomainError(err) && err.reason === 'RATE_LIMITED') {
      ctx.setHeader('retry-after', String(err.details?.retryAfterSeconds ?? 60));
    }
    throw err;
  }
}

/**
 * One middleware for every procedure (each tRPC middleware level copies the call's options twice,
 * so fewer levels is measurably cheaper):
 * - rate limits named in the procedure's meta. tRPC serves every procedure (and whole batches)
 *   through one HTTP route, so per-procedure limits live here rather than in a Fastify plugin;
 *   `auth` counts per client IP, `order` per signed-in user;
 * - errors: domain code throws DomainError (from core) and dependencies throw their own errors;
 *   this is the one place they become tRPC codes with a `reason`. Anything else stays
 *   INTERNAL_SERVER_ERROR.
 */
const guard = t.middleware(async ({ ctx, meta, next }) => {
  try {
    if (meta?.rateLimit) await applyRateLimit(ctx, meta.rateLimit);
  } catch (err) {
    throw toClientError(err) ?? err;
  }
  const result = await next();
  if (!result.ok) {
    const converted = toClientError(result.error.cause ?? result.error);
    if (converted) throw converted;
  }
  return result;
});

/** Verifies the bearer token (signature, claims, deny-list) and puts its claims on ctx.user. */
const requireUser = t.middleware(async ({ ctx, next }) => {
  try {
    const user = await authenticate(ctx.deps, ctx.authorization);
    return next({ ctx: { user } });
  } catch (err) {
    throw toClientError(err) ?? err;
  }
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
export const publicProcedure = t.procedure.meta({ access: 'public' }).use(guard);
export const authedProcedure = t.procedure
  .meta({ access: 'signed in' })
  .use(requireUser)
  .use(guard);
export const adminProcedure = authedProcedure.meta({ access: 'admin' }).use(requireAdmin);
