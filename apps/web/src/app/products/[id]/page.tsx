import { ProductDetails } from '../../../product/product-details';
import { getQueryClient, getServerTRPC, HydrateClient } from '../../../trpc/server';

export default async function ProductPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const trpc = getServerTRPC();
  // Awaited so the product is in the first HTML; an unknown id renders "Product not found".
  await getQueryClient().prefetchQuery(trpc.product.byId.queryOptions({ id }));
  return (
    <HydrateClient>
      <ProductDetails id={id} />
    </HydrateClient>
  );
}
