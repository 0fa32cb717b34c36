import { router } from './procedures';
import { adminRouter } from './routers/admin';
import { authRouter } from './routers/auth';
import { codeRouter } from './routers/code';
import { devRouter } from './routers/dev';
import { orderRouter } from './routers/order';
import { productRouter } from './routers/product';
import { shopRouter } from './routers/shop';
import { twitterRouter } from './routers/twitter';

export const appRouter = router({
  auth: authRouter,
  twitter: twitterRouter,
  product: productRouter,
  shop: shopRouter,
  order: orderRouter,
  code: codeRouter,
  admin: adminRouter,
  dev: devRouter,
});

/** The type the client imports (type-only): the whole API's contract. */
export type AppRouter = typeof appRouter;
