import { ByIdInput, Product, ProductListInput, pageOf } from '@puffy/core';
import type { TRPCRouterRecord } from '@trpc/server';
import { getCatalogProduct, listCatalog } from '../../domain/catalog';
import { publicProcedure } from '../procedures';

export const productRouter = {
  list: publicProcedure
    .meta({
      summary:
        'Active products, oldest first, by cursor or offset; optionally one category. No input: the first 20.',
      errors: ['INVALID_CURSOR'],
      output: pageOf(Product),
    })
    .input(ProductListInput)
    .query(({ ctx, input }) => listCatalog(ctx.deps.database.db, input)),
  byId: publicProcedure
    .meta({
      summary: 'One active product; an inactive or unknown id is NOT_FOUND.',
      errors: ['PRODUCT_NOT_FOUND'],
      output: Product,
    })
    .input(ByIdInput)
    .query(({ ctx, input }) => getCatalogProduct(ctx.deps.database.db, input.id)),
} satisfies TRPCRouterRecord;
