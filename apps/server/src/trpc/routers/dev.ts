import { DevSimulatedPayment, DevSimulatePaymentInput } from '@puffy/core';
import type { TRPCRouterRecord } from '@trpc/server';
import { simulatePayment } from '../../dev/simulate-payment';
import { authedProcedure } from '../procedures';

/** Developer tools; every procedure answers FORBIDDEN unless the server runs with DEV_TOOLS. */
export const devRouter = {
  simulatePayment: authedProcedure
    .meta({
      summary:
        "Development only (DEV_TOOLS): pays the caller's own NEW order through the payment simulator, in full or short ('under'), as a buyer's wallet would; the worker then finds the payment like any other.",
      errors: ['FORBIDDEN', 'ORDER_NOT_FOUND'],
      output: DevSimulatedPayment,
    })
    .input(DevSimulatePaymentInput)
    .mutation(({ ctx, input }) => simulatePayment(ctx.deps, ctx.user.userId, input)),
} satisfies TRPCRouterRecord;
