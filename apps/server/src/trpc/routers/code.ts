import { MyCodes } from '@puffy/core';
import type { TRPCRouterRecord } from '@trpc/server';
import { myCodes } from '../../domain/codes';
import { authedProcedure } from '../procedures';

export const codeRouter = {
  mine: authedProcedure
    .meta({
      summary:
        "The caller's referral code with its uses, and the pass codes they own (at most 100).",
      output: MyCodes,
    })
    .query(({ ctx }) => myCodes(ctx.deps, ctx.user.userId)),
} satisfies TRPCRouterRecord;
