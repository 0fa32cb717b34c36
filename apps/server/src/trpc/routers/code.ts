import { CodeCheck, CodeCheckInput, MyCodes } from '@puffy/core';
import type { TRPCRouterRecord } from '@trpc/server';
import { checkCodes, checkRefusedACode, myCodes } from '../../domain/codes';
import { limitCodeAttempts } from '../../domain/orders/code-attempts';
import { authedProcedure } from '../procedures';

export const codeRouter = {
  mine: authedProcedure
    .meta({
      summary:
        "The caller's referral code with its uses, and the pass codes they own (at most 100).",
      output: MyCodes,
    })
    .query(({ ctx }) => myCodes(ctx.deps, ctx.user.userId)),
  check: authedProcedure
    .meta({
      summary:
        'Whether order.create would take these codes now, each with its refusal reason, so a checkout shows every wrong code at once; an accepted referral code carries its discount. Takes no use. A wrong code counts against the same hourly budget as an order with one.',
      errors: ['RATE_LIMITED'],
      output: CodeCheck,
    })
    .input(CodeCheckInput)
    .query(({ ctx, input }) =>
      limitCodeAttempts(
        ctx.deps.limiter,
        { ...input, userId: ctx.user.userId, ip: ctx.ip },
        () => checkCodes(ctx.deps, ctx.user.userId, input),
        checkRefusedACode,
      ),
    ),
} satisfies TRPCRouterRecord;
