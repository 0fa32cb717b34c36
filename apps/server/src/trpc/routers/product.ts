import { ByIdInput, ProductListInput } from '@puffy/core';
import type { TRPCRouterRecord } from '@trpc/server';
import { getCatalogProduct, listCatalog } from '../../domain/catalog';
import { publicProcedure } from '../procedures';

export const productRouter = {
  list: publicProcedure
    .input(ProductListInput)
    .query(({ ctx, input }) => listCatalog(ctx.deps.database.db, input)),
  byId: publicProcedure
    .input(ByIdInput)
    .query(({ ctx, input }) => getCatalogProduct(ctx.deps.database.db, input.id)),
} satisfies TRPCRouterRecord;
