import { PRODUCT_CATEGORIES, type ProductCategory } from '@puffy/client';
import Link from 'next/link';
import { ProductGrid } from '../catalog/product-grid';
import { CATEGORY_LABELS, catalogQueryOptions } from '../catalog/query';
import { getQueryClient, getServerClient, HydrateClient } from '../trpc/server';

function categoryOf(value: string | string[] | undefined): ProductCategory | undefined {
  return PRODUCT_CATEGORIES.find((c) => c === value);
}

export default async function CatalogPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const category = categoryOf((await searchParams).category);
  // Awaited, so the first page of products is in the HTML itself.
  await getQueryClient().prefetchInfiniteQuery(catalogQueryOptions(getServerClient(), category));
  return (
    <HydrateClient>
      <h1>{category ? CATEGORY_LABELS[category] : 'Catalog'}</h1>
      <nav className="filters" aria-label="Categories">
        <Link href="/" aria-current={category ? undefined : 'page'}>
          All
        </Link>
        {PRODUCT_CATEGORIES.map((c) => (
          <Link key={c} href={`/?category=${c}`} aria-current={category === c ? 'page' : undefined}>
            {CATEGORY_LABELS[c]}
          </Link>
        ))}
      </nav>
      <ProductGrid category={category} />
    </HydrateClient>
  );
}
