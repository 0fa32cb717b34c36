'use client';

import { errorReason } from '@puffy/client';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { CATEGORY_LABELS } from '../catalog/query';
import { TextField } from '../components/field';
import { dollars } from '../lib/money';
import { adviceFor } from '../lib/refusals';
import { useTRPC } from '../trpc/react';
import { hasErrors } from './form-rules';
import {
  type AdminProduct,
  editOf,
  type ProductEdit,
  productEditInput,
  validateProductEdit,
} from './product-form';

export function productSaveError(err: unknown): string {
  const reason = errorReason(err);
  if (reason === 'STOCK_CHANGED') {
    return 'Orders took stock since this was loaded: reload to see the stock now, then save again.';
  }
  if (reason === 'PRODUCT_SLUG_TAKEN') return 'Another product already has this slug.';
  return adviceFor(reason).text;
}

/** One product's price, stock and "Active", edited in place and checked before saving. */
export function ProductRow({
  product,
  onSaved,
}: {
  product: AdminProduct;
  onSaved: (message: string) => void;
}) {
  const trpc = useTRPC();
  const [edit, setEdit] = useState<ProductEdit>(() => editOf(product));
  const [errors, setErrors] = useState<ReturnType<typeof validateProductEdit>>({});
  const save = useMutation(
    trpc.admin.product.upsert.mutationOptions({
      onSuccess: (saved) => {
        setErrors({});
        onSaved(
          `Saved ${saved.name}: ${dollars(saved.priceCents)}, ${saved.stock} in stock, ${saved.active ? 'on sale' : 'not on sale'}.`,
        );
      },
      onError: (err) => setErrors({ form: productSaveError(err) }),
    }),
  );
  const set = <K extends keyof ProductEdit>(key: K, value: ProductEdit[K]) => {
    setEdit((e) => ({ ...e, [key]: value }));
    setErrors({});
  };
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const problems = validateProductEdit(product, edit);
    setErrors(problems);
    // expectedStock: the save applies only if no order took stock since this row was loaded.
    if (!hasErrors(problems)) save.mutate(productEditInput(product, edit));
  };
  const id = (field: string) => `product-${product.id}-${field}`;
  return (
    <li className="card product-row">
      <h3>{product.name}</h3>
      <p className="muted">
        {CATEGORY_LABELS[product.category]} · {product.slug}
        {product.passRequired ? ' · pass holders only' : ''}
      </p>
      <form className="row-form" onSubmit={submit} noValidate aria-label={`Edit ${product.name}`}>
        <TextField
          id={id('price')}
          label="Price (USD)"
          inputMode="decimal"
          value={edit.price}
          error={errors.priceCents}
          onChange={(v) => set('price', v)}
        />
        <TextField
          id={id('stock')}
          label="Stock"
          inputMode="numeric"
          value={edit.stock}
          error={errors.stock}
          onChange={(v) => set('stock', v)}
        />
        <div className="field check">
          <input
            id={id('active')}
            type="checkbox"
            checked={edit.active}
            onChange={(e) => set('active', e.target.checked)}
          />
          <label htmlFor={id('active')}>On sale</label>
        </div>
        <button
          type="submit"
          className="secondary save"
          disabled={save.isPending}
          aria-label={`Save ${product.name}`}
        >
          Save
        </button>
      </form>
      {(errors.form ?? errors.expectedStock ?? errors.id) && (
        <p className="error" role="alert">
          {errors.form ?? errors.expectedStock ?? errors.id}
        </p>
      )}
    </li>
  );
}
