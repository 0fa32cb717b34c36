import { ByIdInput, CreateOrderInput, Order, OrderListInput, pageOf } from '@puffy/core';
import type { TRPCRouterRecord } from '@trpc/server';
import { limitCodeAttempts } from '../../domain/orders/code-attempts';
import { cancelOwnOrder } from '../../domain/orders/moves';
import { placeOrder } from '../../domain/orders/place-order';
import { getOwnOrder, listOwnOrders } from '../../domain/orders/read';
import { authedProcedure } from '../procedures';

export const orderRouter = {
  create: authedProcedure
    .meta({
      rateLimit: 'order',
      summary:
        'Places an order: prices, stock, codes and shipping eligibility are decided by the server in one transaction. Returns the order with its Solana Pay request. The same idempotencyKey returns the first order again.',
      errors: [
        'PRODUCT_NOT_FOUND',
        'PRODUCT_UNAVAILABLE',
        'OUT_OF_STOCK',
        'COUNTRY_NOT_ELIGIBLE',
        'AGE_NOT_CONFIRMED',
        'PASS_CODE_REQUIRED',
        'PASS_CODE_INVALID',
        'PASS_CODE_EXPIRED',
        'PASS_CODE_EXHAUSTED',
        'REFERRAL_CODE_INVALID',
        'REFERRAL_CODE_EXHAUSTED',
        'SELF_REFERRAL',
        'IDEMPOTENCY_KEY_REUSED',
        'TOO_MANY_OPEN_ORDERS',
      ],
      output: Order,
    })
    .input(CreateOrderInput)
    .mutation(({ ctx, input }) =>
      limitCodeAttempts(ctx.deps.limiter, { ...input, userId: ctx.user.userId, ip: ctx.ip }, () =>
        placeOrder(ctx.deps, ctx.user.userId, input),
      ),
    ),
  list: authedProcedure
    .meta({
      summary:
        "The caller's own orders, newest first; optionally one status. No input: the first 20.",
      errors: ['INVALID_CURSOR'],
      output: pageOf(Order),
    })
    .input(OrderListInput)
    .query(({ ctx, input }) =>
      listOwnOrders(ctx.deps.database.db, { ...input, ownerId: ctx.user.userId }),
    ),
  byId: authedProcedure
    .meta({
      summary: "One of the caller's own orders; anyone else's id is NOT_FOUND.",
      errors: ['ORDER_NOT_FOUND'],
      output: Order,
    })
    .input(ByIdInput)
    .query(({ ctx, input }) =>
      getOwnOrder(ctx.deps.database.db, { id: input.id, ownerId: ctx.user.userId }),
    ),
  cancel: authedProcedure
    .meta({
      summary:
        "Cancels one of the caller's own NEW orders, releasing its stock and code uses. Refused with ORDER_HAS_PAYMENT once money has arrived for it (the shop refunds it instead).",
      errors: ['ORDER_NOT_FOUND', 'INVALID_TRANSITION', 'FORBIDDEN', 'ORDER_HAS_PAYMENT'],
      output: Order,
    })
    .input(ByIdInput)
    .mutation(({ ctx, input }) =>
      cancelOwnOrder(ctx.deps, { id: input.id, ownerId: ctx.user.userId }),
    ),
} satisfies TRPCRouterRecord;
