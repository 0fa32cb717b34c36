import { router } from './procedures';
import { productRouter } from './routers/product';

export const appRouter = router({
  product: productRouter,
});

/** The type the client imports (type-only): the whole API's contract. */
export type AppRouter = typeof appRouter;
