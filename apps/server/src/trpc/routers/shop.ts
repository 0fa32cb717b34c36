import { ShopSettings } from '@puffy/core';
import type { TRPCRouterRecord } from '@trpc/server';
import { shopSettings } from '../../domain/shop-settings';
import { publicProcedure } from '../procedures';

export const shopRouter = {
  settings: publicProcedure
    .meta({
      summary:
        'How the shop runs, as the server is configured: referral discount, payment window, open-order cap, dust threshold, cluster, USDC mint, countries and the batch size. A storefront previews with these instead of copies of the defaults.',
      output: ShopSettings,
    })
    .query(({ ctx }) => shopSettings(ctx.deps.config)),
} satisfies TRPCRouterRecord;
