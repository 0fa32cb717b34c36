import { ByIdInput, CreateOrderInput, OrderListInput } from '@puffy/core';
import type { TRPCRouterRecord } from '@trpc/server';
import { cancelOwnOrder } from '../../domain/orders/moves';
import { placeOrder } from '../../domain/orders/place-order';
import { getOwnOrder, listOwnOrders } from '../../domain/orders/read';
import { authedProcedure } from '../procedures';

export const orderRouter = {
  create: authedProcedure
    .meta({ rateLimit: 'order' })
    .input(CreateOrderInput)
    .mutation(({ ctx, input }) => placeOrder(ctx.deps, ctx.user.userId, input)),
  list: authedProcedure
    .input(OrderListInput)
    .query(({ ctx, input }) =>
      listOwnOrders(ctx.deps.database.db, { ...input, ownerId: ctx.user.userId }),
    ),
  byId: authedProcedure
    .input(ByIdInput)
    .query(({ ctx, input }) =>
      getOwnOrder(ctx.deps.database.db, { id: input.id, ownerId: ctx.user.userId }),
    ),
  cancel: authedProcedure
    .input(ByIdInput)
    .mutation(({ ctx, input }) =>
      cancelOwnOrder(ctx.deps, { id: input.id, ownerId: ctx.user.userId }),
    ),
} satisfies TRPCRouterRecord;
