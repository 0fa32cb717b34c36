import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { dollars } from '../../../lib/money';
import { ProductDetails } from '../../../product/product-details';
import { readProduct } from '../../../product/product-read';
import { HydrateClient } from '../../../trpc/server';

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const read = await readProduct((await params).id);
  const product = 'product' in read ? read.product : undefined;
  if (!product) return { title: 'Product' };
  const description = `${product.description} ${dollars(product.priceCents)}, paid in USDC.`.trim();
  return {
    title: product.name,
    description,
    openGraph: { type: 'website', title: product.name, description, siteName: 'Puffy' },
  };
}

export default async function ProductPage({ params }: Params) {
  const { id } = await params;
  // Awaited so the product is in the first HTML; an unknown id answers HTTP 404.
  const read = await readProduct(id);
  if ('problem' in read && read.problem === 'not-found') notFound();
  return (
    <HydrateClient>
      <ProductDetails id={id} />
    </HydrateClient>
  );
}
