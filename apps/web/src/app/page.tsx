import { PRODUCT_CATEGORIES, type ProductCategory } from '@puffy/client';
import type { Metadata } from 'next';
import Link from 'next/link';
import { MoreProducts } from '../catalog/more-products';
import { type CatalogProduct, ProductCard } from '../catalog/product-card';
import { CATEGORY_LABELS, catalogInput, nextCursorOf } from '../catalog/query';
import { ErrorView } from '../components/error-view';
import { describeProblem } from '../lib/describe-problem';
import { problemOf } from '../lib/problem';
import { getQueryClient, getServerTRPC } from '../trpc/server';

function categoryOf(value: string | string[] | undefined): ProductCategory | undefined {
  return PRODUCT_CATEGORIES.find((c) => c === value);
}

/** The first page of the catalog, or why it could not be read. */
async function firstPage(category: ProductCategory | undefined) {
  const options = getServerTRPC().product.list.infiniteQueryOptions(catalogInput(category), {
    getNextPageParam: nextCursorOf,
    // A buyer is waiting for this HTML: say so at once rather than retry behind a blank page.
    retry: false,
  });
  try {
    const data = await getQueryClient().fetchInfiniteQuery(options);
    const [page] = data.pages;
    return { products: page?.items ?? [], after: page?.nextCursor ?? null } as const;
  } catch (error) {
    return { error } as const;
  }
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({
  searchParams,
}: {
  searchParams: SearchParams;
}): Promise<Metadata> {
  const category = categoryOf((await searchParams).category);
  // The root layout's title template reaches only the pages below it, not this one beside it.
  const label = category ? CATEGORY_LABELS[category] : 'Catalog';
  return {
    title: { absolute: `${label} · Puffy` },
    description: category
      ? `${label} from Puffy, paid with USDC on Solana.`
      : 'Pods, devices and merch, paid with USDC on Solana.',
  };
}

/**
 * The catalog renders on the server: products, prices and stock are in the first HTML and need
 * no JavaScript. Only "Load more" is a client component, and it loads the data layer on demand.
 */
export default async function CatalogPage({ searchParams }: { searchParams: SearchParams }) {
  const category = categoryOf((await searchParams).category);
  const page = await firstPage(category);
  return (
    <>
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
      {'error' in page ? (
        <ErrorView view={describeProblem(problemOf(page.error), { name: 'The catalog' })} />
      ) : page.products.length === 0 ? (
        <p className="muted">Nothing here yet.</p>
      ) : (
        <>
          <ul className="grid" aria-label="Products">
            {page.products.map((product: CatalogProduct) => (
              <ProductCard key={product.id} product={product} />
            ))}
          </ul>
          {page.after && (
            <MoreProducts key={category ?? 'all'} category={category} after={page.after} />
          )}
        </>
      )}
    </>
  );
}
