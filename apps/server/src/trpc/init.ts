import { type ErrorReason, isDomainError, isErrorReason } from '@puffy/core';
import { initTRPC } from '@trpc/server';
import { ZodError, z } from 'zod';
import type { Context } from './context';
import { ReasonedTRPCError } from './errors';
import { serverTransformer } from './transformer';

/**
 * What a procedure declares about itself. `rateLimit` drives the rate-limit middleware; the rest
 * is read by `pnpm docs:api` to write docs/api.md, so the reference is derived from the code.
 */
export interface Meta {
  /** Which per-client limit applies to this procedure (read by the rate-limit middleware). */
  rateLimit?: 'auth' | 'order';
  /** Who may call it; set by publicProcedure, authedProcedure and adminProcedure. */
  access?: 'public' | 'signed in' | 'admin';
  /** What it does, in a sentence or two. */
  summary?: string;
  /** Reasons its own rules may raise; the ones every procedure of its kind can raise are added. */
  errors?: readonly ErrorReason[];
  /** Its output's shape, for the reference only: outputs are not parsed at run time. */
  output?: z.ZodType;
}

type IssuePath = Array<string | number>;

/** Client-facing details of a domain error (e.g. retryAfterSeconds, the states of a transition). */
function detailsOf(error: unknown): Readonly<Record<string, unknown>> | null {
  const cause = (error as { cause?: unknown }).cause;
  return isDomainError(cause) ? (cause.details ?? null) : null;
}

function reasonOf(error: unknown, isValidation: boolean): ErrorReason | null {
  if (error instanceof ReasonedTRPCError) return error.reason;
  const fromCause = (error as { cause?: { reason?: unknown } }).cause?.reason;
  if (isErrorReason(fromCause)) return fromCause;
  return isValidation ? 'VALIDATION_FAILED' : null;
}

/**
 * The one `t` of the server: core's superjson on the wire (inputs checked first, answers written
 * faster), one error shape.
 */
export const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer: serverTransformer,
    // Stacks go to the log, never over the wire, in every environment.
    isDev: false,
    errorFormatter({ shape, error, ctx }) {
      const zodError = error.cause instanceof ZodError ? error.cause : null;
      const hideMessage =
        error.code === 'INTERNAL_SERVER_ERROR' &&
        (ctx === undefined || ctx.deps.config.isProduction);
      return {
        ...shape,
        message: hideMessage
          ? 'Internal server error'
          : zodError
            ? z.prettifyError(zodError)
            : shape.message,
        data: {
          ...shape.data,
          reason: reasonOf(error, zodError !== null),
          details: detailsOf(error),
          zodError: zodError ? z.flattenError(zodError) : null,
          issues: zodError
            ? zodError.issues.map((issue) => ({
                path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)) as IssuePath,
                code: issue.code,
                message: issue.message,
              }))
            : null,
        },
      };
    },
  });
