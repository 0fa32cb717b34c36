import { DevSimulatePaymentInput } from '@puffy/core';
import type { TRPCRouterRecord } from '@trpc/server';
import { simulatePayment } from '../../domain/dev/simulate-payment';
import { authedProcedure } from '../procedures';

/** Developer tools; every procedure answers FORBIDDEN unless the server runs with DEV_TOOLS. */
export const devRouter = {
  simulatePayment: authedProcedure
    .input(DevSimulatePaymentInput)
    .mutation(({ ctx, input }) => simulatePayment(ctx.deps, ctx.user.userId, input)),
} satisfies TRPCRouterRecord;
