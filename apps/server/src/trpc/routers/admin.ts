import {
  AdminOrderListInput,
  AdminOrderTransitionInput,
  AdminPassCodeCreateInput,
  AdminProductUpsertInput,
  Pagination,
  ProductListInput,
} from '@puffy/core';
import type { TRPCRouterRecord } from '@trpc/server';
import { upsertProduct } from '../../domain/admin-catalog';
import { listAllProducts } from '../../domain/catalog';
import { createPassCode } from '../../domain/codes';
import { adminTransition } from '../../domain/orders/moves';
import { listAllOrders } from '../../domain/orders/read';
import { listPaymentsForReview } from '../../domain/payments/review';
import { adminProcedure } from '../procedures';

export const adminRouter = {
  order: {
    list: adminProcedure
      .input(AdminOrderListInput)
      .query(({ ctx, input }) => listAllOrders(ctx.deps.database.db, input)),
    transition: adminProcedure
      .input(AdminOrderTransitionInput)
      .mutation(({ ctx, input }) => adminTransition(ctx.deps, ctx.user.userId, input)),
  },
  passCode: {
    create: adminProcedure
      .input(AdminPassCodeCreateInput)
      .mutation(({ ctx, input }) => createPassCode(ctx.deps, input)),
  },
  payment: {
    needsReview: adminProcedure
      .input(Pagination)
      .query(({ ctx, input }) => listPaymentsForReview(ctx.deps.database.db, input)),
  },
  product: {
    upsert: adminProcedure
      .input(AdminProductUpsertInput)
      .mutation(({ ctx, input }) => upsertProduct(ctx.deps.database.db, input)),
    list: adminProcedure
      .input(ProductListInput)
      .query(({ ctx, input }) => listAllProducts(ctx.deps.database.db, input)),
  },
} satisfies TRPCRouterRecord;
