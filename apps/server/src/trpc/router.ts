import { router } from './procedures';
import { authRouter } from './routers/auth';
import { productRouter } from './routers/product';
import { twitterRouter } from './routers/twitter';

export const appRouter = router({
  auth: authRouter,
  twitter: twitterRouter,
  product: productRouter,
});

/** The type the client imports (type-only): the whole API's contract. */
export type AppRouter = typeof appRouter;
