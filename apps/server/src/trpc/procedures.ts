import { DomainError, isDomainError } from '@puffy/core';
import { clientKey } from '../auth/client-key';
import type { TokenClaims } from '../deps';
import { isRevoked, revokedError, verifyBearer } from '../domain/sign-in';
import { currentRole } from '../domain/users';
import type { Context } from './context';
import { toClientError } from './errors';
import { t } from './init';

/** How soon a client may try again after a dependency (Postgres, Redis) did not answer. */
const DEPENDENCY_RETRY_AFTER_SECONDS = 1;

/**
 * Any RATE_LIMITED answer (the meta limit or one inside a procedure) says when to come back, and so
 * does a dependency outage (503): a client, or a balancer, must be able to tell "try again shortly"
 * from a failure it should not repeat.
 */
function toClientErrorWithRetryAfter(ctx: Context, err: unknown) {
  const cause = isDomainError(err) ? err : (err as { cause?: unknown }).cause;
  if (isDomainError(cause) && cause.reason === 'RATE_LIMITED') {
    ctx.setHeader('retry-after', String(cause.details?.retryAfterSeconds ?? 60));
  }
  const converted = toClientError(err);
  if (converted?.code === 'SERVICE_UNAVAILABLE') {
    ctx.setHeader('retry-after', String(DEPENDENCY_RETRY_AFTER_SECONDS));
  }
  return converted;
}

/**
 * The outer middleware of every procedure (each tRPC middleware level copies the call's options
 * twice, so fewer levels is measurably cheaper):
 * - per-IP rate limits named in the procedure's meta (`auth`; an IPv6 client by its /64). tRPC
 *   serves every procedure (and whole batches) through one HTTP route, so per-procedure limits
 *   live here rather than in a Fastify plugin; the per-user `order` limit is applied once the
 *   user is known (requireUser);
 * - errors: domain code throws DomainError (from core) and dependencies throw their own errors;
 *   this is the one place they become tRPC codes with a `reason`, including those of the auth
 *   middleware inside it. Anything else stays INTERNAL_SERVER_ERROR;
 * - metrics: every call's procedure, final tRPC code and duration.
 */
const guard = t.middleware(async ({ ctx, meta, path, next }) => {
  const started = performance.now();
  const done = (code: string) => {
    ctx.deps.metrics.request(path, code, (performance.now() - started) / 1000);
    if (code === 'TOO_MANY_REQUESTS') ctx.deps.metrics.rateLimited(path);
  };
  try {
    if (meta?.rateLimit === 'auth') await ctx.deps.limiter.consume('auth', clientKey(ctx.ip));
  } catch (err) {
    const converted = toClientErrorWithRetryAfter(ctx, err);
    done(converted?.code ?? 'INTERNAL_SERVER_ERROR');
    throw converted ?? err;
  }
  const result = await next();
  if (result.ok) {
    done('OK');
    return result;
  }
  const converted = toClientErrorWithRetryAfter(ctx, result.error.cause ?? result.error);
  done(converted?.code ?? result.error.code);
  if (converted) throw converted;
  return result;
});

/**
 * Verifies the bearer token (signature, claims, deny-list), puts its claims on ctx.user, and
 * applies the per-user `order` limit named in the meta. The deny-list read and the limit's count
 * go to Redis together (node-redis writes the commands of one tick at once): one round trip, not
 * two. A revoked token's count is given back, so a signed-out token cannot spend its owner's
 * budget. Errors are converted by `guard`.
 */
const requireUser = t.middleware(async ({ ctx, meta, next }) => {
  const claims = await verifyBearer(ctx.deps, ctx.authorization);
  // The role is today's, not the one written into the token at sign-in.
  const user: TokenClaims = {
    ...claims,
    role: currentRole(ctx.deps.config.adminAddresses, claims.address),
  };
  const limited = meta?.rateLimit === 'order';
  const [revoked, counted] = await Promise.allSettled([
    isRevoked(ctx.deps, user),
    limited ? ctx.deps.limiter.consume('order', user.userId) : undefined,
  ]);
  if (revoked.status === 'rejected') throw revoked.reason;
  if (revoked.value) {
    if (limited && counted.status === 'fulfilled') {
      await ctx.deps.limiter.refund('order', user.userId).catch(() => {});
    }
    throw revokedError();
  }
  if (counted.status === 'rejected') throw counted.reason;
  return next({ ctx: { user } });
});

const requireAdmin = t.middleware(({ ctx, next }) => {
  const { user } = ctx as typeof ctx & { user: TokenClaims };
  // `requireUser` set the role from the current ADMIN_ADDRESSES: adding or removing an address
  // takes effect on the next request, not at the next sign-in or when the token expires.
  if (user.role !== 'admin') {
    throw new DomainError('FORBIDDEN', 'Admins only');
  }
  return next();
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.meta({ access: 'public' }).use(guard);
export const authedProcedure = t.procedure
  .meta({ access: 'signed in' })
  .use(guard)
  .use(requireUser);
export const adminProcedure = authedProcedure.meta({ access: 'admin' }).use(requireAdmin);
