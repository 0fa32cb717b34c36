import {
  AdminOrderListInput,
  AdminOrderTransitionInput,
  AdminPassCodeCreateInput,
  AdminPaymentResolveInput,
  AdminProductUpsertInput,
  AdminUserByAddressInput,
  Order,
  Pagination,
  PassCodeView,
  PaymentForReview,
  Product,
  ProductListInput,
  pageOf,
  User,
} from '@puffy/core';
import type { TRPCRouterRecord } from '@trpc/server';
import { upsertProduct } from '../../domain/admin-catalog';
import { listAllProducts } from '../../domain/catalog';
import { createPassCode } from '../../domain/codes';
import { adminTransition } from '../../domain/orders/moves';
import { listAllOrders } from '../../domain/orders/read';
import { resolvePayment } from '../../domain/payments/resolve';
import { listPaymentsForReview } from '../../domain/payments/review';
import { userByAddress } from '../../domain/users';
import { adminProcedure } from '../procedures';

export const adminRouter = {
  order: {
    list: adminProcedure
      .meta({
        summary:
          "Everyone's orders, newest first; optionally one status or one user. No input: the first 20.",
        errors: ['INVALID_CURSOR'],
        output: pageOf(Order),
      })
      .input(AdminOrderListInput)
      .query(({ ctx, input }) => listAllOrders(ctx.deps.database.db, input)),
    transition: adminProcedure
      .meta({
        summary:
          'Moves an order along the state machine (see Order states below); SHIPPED needs a trackingNumber.',
        errors: ['ORDER_NOT_FOUND', 'INVALID_TRANSITION', 'TRACKING_NUMBER_REQUIRED'],
        output: Order,
      })
      .input(AdminOrderTransitionInput)
      .mutation(({ ctx, input }) => adminTransition(ctx.deps, ctx.user.userId, input)),
  },
  passCode: {
    create: adminProcedure
      .meta({
        summary: 'Creates a pass code for a user; without `code` the server generates one.',
        errors: ['USER_NOT_FOUND', 'PASS_CODE_TAKEN'],
        output: PassCodeView,
      })
      .input(AdminPassCodeCreateInput)
      .mutation(({ ctx, input }) => createPassCode(ctx.deps, input)),
  },
  payment: {
    needsReview: adminProcedure
      .meta({
        summary:
          'Late (to refund), underpaid, overpaid, dropped and ambiguous payments, newest first, each with its order, every transfer and every resolution. No input: the first 20.',
        errors: ['INVALID_CURSOR'],
        output: pageOf(PaymentForReview),
      })
      .input(Pagination)
      .query(({ ctx, input }) => listPaymentsForReview(ctx.deps.database.db, input)),
    resolve: adminProcedure
      .meta({
        summary:
          'Closes a review item, with an admin-only note for the history. refunded: a NEW order ends CANCELLED (stock and codes released; later money is late money for review), a PAID or CONFIRMED order moves to REFUNDED (its referral reward taken back once). accepted: a NEW order is settled PAID for what arrived. change_returned: the surplus went back; the order and its rewards are left alone. dismissed: nothing changes, except that a held order (its window ended while transactions that could pay it were unread) ends EXPIRED with stock and codes released. The same decision sent again by the same admin (a retry) returns the item; another one is PAYMENT_NOT_IN_REVIEW. A refund signature (required for change_returned) is checked on chain: a successful transfer of the mint out of the merchant account, of at most what is being returned, naming no other item.',
        errors: [
          'PAYMENT_NOT_FOUND',
          'PAYMENT_NOT_IN_REVIEW',
          'INVALID_TRANSITION',
          'REFUND_NOT_FOUND',
          'REFUND_SIGNATURE_USED',
          'REFUND_TOO_LARGE',
          'NO_CHANGE_TO_RETURN',
          'NOTHING_TO_ACCEPT',
          'DEPENDENCY_UNAVAILABLE',
        ],
        output: PaymentForReview,
      })
      .input(AdminPaymentResolveInput)
      .mutation(({ ctx, input }) => resolvePayment(ctx.deps, ctx.user.userId, input)),
  },
  product: {
    upsert: adminProcedure
      .meta({
        summary:
          'Without `id`: creates a product. With `id`: changes only the fields sent; with `expectedStock`, only if stock still has that value.',
        errors: ['PRODUCT_NOT_FOUND', 'PRODUCT_SLUG_TAKEN', 'STOCK_CHANGED'],
        output: Product,
      })
      .input(AdminProductUpsertInput)
      .mutation(({ ctx, input }) => upsertProduct(ctx.deps, input)),
    list: adminProcedure
      .meta({
        summary: 'Every product, inactive ones too, oldest first. No input: the first 20.',
        errors: ['INVALID_CURSOR'],
        output: pageOf(Product),
      })
      .input(ProductListInput)
      .query(({ ctx, input }) => listAllProducts(ctx.deps.database.db, input)),
  },
  user: {
    byAddress: adminProcedure
      .meta({
        summary:
          'The user who signed in with this wallet address (to pick the owner of a pass code by wallet).',
        errors: ['USER_NOT_FOUND'],
        output: User,
      })
      .input(AdminUserByAddressInput)
      .query(({ ctx, input }) => userByAddress(ctx.deps.database, input.address)),
  },
} satisfies TRPCRouterRecord;
