'use client';

import type { ProductCategory } from '@puffy/client';
import { type ComponentType, useState } from 'react';

export interface MoreProductsProps {
  category: ProductCategory | undefined;
  /** The cursor after the server-rendered first page. */
  after: string;
}

const load = () => import('./more-products-list');

/**
 * "Load more" under the catalog's server-rendered first page. The API client and query cache it
 * needs load when the buyer asks for more (a hover or focus starts the download), not with the
 * catalog's first page.
 */
export function MoreProducts(props: MoreProductsProps) {
  const [List, setList] = useState<ComponentType<MoreProductsProps> | null>(null);
  const [state, setState] = useState<'idle' | 'loading' | 'failed'>('idle');
  if (List) return <List {...props} />;
  const more = () => {
    setState('loading');
    load().then(
      ({ MoreProductsList }) => setList(() => MoreProductsList),
      () => setState('failed'),
    );
  };
  return (
    <div className="load-more">
      {state === 'failed' && (
        <p className="error" role="alert">
          More products could not be loaded. Check your connection and try again.
        </p>
      )}
      <button
        type="button"
        className="secondary"
        disabled={state === 'loading'}
        onPointerEnter={() => void load().catch(() => {})}
        onFocus={() => void load().catch(() => {})}
        onClick={more}
      >
        {state === 'loading' ? 'Loading…' : 'Load more'}
      </button>
    </div>
  );
}
