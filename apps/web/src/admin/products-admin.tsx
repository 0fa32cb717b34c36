'use client';

import {
  errorReason,
  PRODUCT_CATEGORIES,
  type ProductCategory,
  type RouterOutputs,
} from '@puffy/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { CATEGORY_LABELS } from '../catalog/query';
import { dollars, parseDollars } from '../lib/money';
import { useTRPC } from '../trpc/react';

type AdminProduct = RouterOutputs['admin']['product']['list']['items'][number];

function failure(err: unknown): string {
  const reason = errorReason(err);
  if (reason === 'STOCK_CHANGED') return 'Stock changed since you loaded it: reload and retry.';
  if (reason === 'PRODUCT_SLUG_TAKEN') return 'Another product already has this slug.';
  return err instanceof Error ? err.message : 'Saving failed.';
}

function ProductRow({ product, onSaved }: { product: AdminProduct; onSaved: () => void }) {
  const trpc = useTRPC();
  const [price, setPrice] = useState(dollars(product.priceCents).slice(1));
  const [stock, setStock] = useState(String(product.stock));
  const [active, setActive] = useState(product.active);
  const [error, setError] = useState<string | null>(null);
  const save = useMutation(
    trpc.admin.product.upsert.mutationOptions({
      onSuccess: () => {
        setError(null);
        onSaved();
      },
      onError: (err) => setError(failure(err)),
    }),
  );
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const priceCents = parseDollars(price);
    const newStock = Number(stock);
    if (priceCents === null || priceCents < 1) return setError('Enter a price such as 14.99');
    if (!Number.isInteger(newStock) || newStock < 0) return setError('Stock is a whole number');
    // expectedStock: the save applies only if no order took stock since this row was loaded.
    save.mutate({
      id: product.id,
      priceCents,
      stock: newStock,
      active,
      expectedStock: product.stock,
    });
  };
  const label = (what: string) => `${what} of ${product.name}`;
  return (
    <tr>
      <td>
        {product.name}
        <div className="muted">
          {CATEGORY_LABELS[product.category]} · {product.slug}
        </div>
      </td>
      <td colSpan={4}>
        <form className="actions" style={{ marginTop: 0 }} onSubmit={submit}>
          <input
            aria-label={label('Price')}
            value={price}
            size={7}
            onChange={(e) => setPrice(e.target.value)}
          />
          <input
            aria-label={label('Stock')}
            value={stock}
            size={5}
            inputMode="numeric"
            onChange={(e) => setStock(e.target.value)}
          />
          <label>
            <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />{' '}
            Active
          </label>
          <button
            type="submit"
            className="secondary"
            disabled={save.isPending}
            aria-label={`Save ${product.name}`}
          >
            Save
          </button>
          {error && <span className="error">{error}</span>}
        </form>
      </td>
    </tr>
  );
}

function NewProductForm({ onSaved }: { onSaved: () => void }) {
  const trpc = useTRPC();
  const [fields, setFields] = useState({
    slug: '',
    name: '',
    description: '',
    price: '',
    stock: '0',
  });
  const [category, setCategory] = useState<ProductCategory>('MERCH');
  const [passRequired, setPassRequired] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const create = useMutation(
    trpc.admin.product.upsert.mutationOptions({
      onSuccess: () => {
        setFields({ slug: '', name: '', description: '', price: '', stock: '0' });
        setError(null);
        onSaved();
      },
      onError: (err) => setError(failure(err)),
    }),
  );
  const set = (k: keyof typeof fields) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setFields((f) => ({ ...f, [k]: e.target.value }));
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const priceCents = parseDollars(fields.price);
    if (priceCents === null || priceCents < 1) return setError('Enter a price such as 14.99');
    create.mutate({
      slug: fields.slug,
      name: fields.name,
      description: fields.description,
      category,
      priceCents,
      stock: Number(fields.stock) || 0,
      passRequired,
    });
  };
  return (
    <form onSubmit={submit} aria-labelledby="new-product-heading">
      <h3 id="new-product-heading">New product</h3>
      <div className="row">
        <div className="field">
          <label htmlFor="np-name">Name</label>
          <input id="np-name" value={fields.name} onChange={set('name')} required />
        </div>
        <div className="field">
          <label htmlFor="np-slug">Slug</label>
          <input id="np-slug" value={fields.slug} onChange={set('slug')} required />
        </div>
        <div className="field">
          <label htmlFor="np-price">Price (USD)</label>
          <input id="np-price" value={fields.price} onChange={set('price')} required />
        </div>
        <div className="field">
          <label htmlFor="np-stock">Stock</label>
          <input id="np-stock" value={fields.stock} onChange={set('stock')} inputMode="numeric" />
        </div>
        <div className="field">
          <label htmlFor="np-category">Category</label>
          <select
            id="np-category"
            value={category}
            onChange={(e) => setCategory(e.target.value as ProductCategory)}
          >
            {PRODUCT_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {CATEGORY_LABELS[c]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="np-description">Description</label>
          <input id="np-description" value={fields.description} onChange={set('description')} />
        </div>
      </div>
      <div className="field check">
        <input
          id="np-pass"
          type="checkbox"
          checked={passRequired}
          onChange={(e) => setPassRequired(e.target.checked)}
        />
        <label htmlFor="np-pass">Pass holders only</label>
      </div>
      <button type="submit" disabled={create.isPending}>
        Create product
      </button>
      {error && <p className="error">{error}</p>}
    </form>
  );
}

export function ProductsAdmin() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = trpc.admin.product.list.queryOptions({ limit: 100 });
  const query = useQuery(list);
  const reload = () =>
    void queryClient.invalidateQueries({ queryKey: trpc.admin.product.list.queryKey() });
  return (
    <section className="panel" aria-labelledby="products-heading">
      <h2 id="products-heading">Products</h2>
      {query.data ? (
        <table>
          <thead>
            <tr>
              <th scope="col">Product</th>
              <th scope="col" colSpan={4}>
                Price (USD) · Stock · Active
              </th>
            </tr>
          </thead>
          <tbody>
            {query.data.items.map((p) => (
              <ProductRow key={`${p.id}-${p.stock}-${p.priceCents}`} product={p} onSaved={reload} />
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">Loading…</p>
      )}
      <NewProductForm onSaved={reload} />
    </section>
  );
}
