import type { TRPCRouterRecord } from '@trpc/server';
import { myCodes } from '../../domain/codes';
import { authedProcedure } from '../procedures';

export const codeRouter = {
  mine: authedProcedure.query(({ ctx }) => myCodes(ctx.deps, ctx.user.userId)),
} satisfies TRPCRouterRecord;
