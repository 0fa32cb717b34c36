import { ByIdInput, CreateOrderInput, OrderListInput } from '@puffy/core';
import type { TRPCRouterRecord } from '@trpc/server';
import { limitCodeAttempts } from '../../domain/orders/code-attempts';
import { cancelOwnOrder } from '../../domain/orders/moves';
import { placeOrder } from '../../domain/orders/place-order';
import { getOwnOrder, listOrders } from '../../domain/orders/read';
import { authedProcedure } from '../procedures';

export const orderRouter = {
  create: authedProcedure
    .meta({ rateLimit: 'order' })
    .input(CreateOrderInput)
    .mutation(({ ctx, input }) =>
      limitCodeAttempts(ctx.deps.limiter, { ...input, userId: ctx.user.userId, ip: ctx.ip }, () =>
        placeOrder(ctx.deps, ctx.user.userId, input),
      ),
    ),
  list: authedProcedure
    .input(OrderListInput)
    .query(({ ctx, input }) =>
      listOrders(ctx.deps.database.db, { ...input, userId: ctx.user.userId }),
    ),
  byId: authedProcedure
    .input(ByIdInput)
    .query(({ ctx, input }) => getOwnOrder(ctx.deps.database.db, ctx.user.userId, input.id)),
  cancel: authedProcedure
    .input(ByIdInput)
    .mutation(({ ctx, input }) => cancelOwnOrder(ctx.deps, ctx.user.userId, input.id)),
} satisfies TRPCRouterRecord;
