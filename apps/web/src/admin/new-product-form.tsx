'use client';

import { PRODUCT_CATEGORIES, type ProductCategory } from '@puffy/client';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { CATEGORY_LABELS } from '../catalog/query';
import { describedBy, ErrorText, TextField } from '../components/field';
import { useTRPC } from '../trpc/react';
import { hasErrors } from './form-rules';
import {
  EMPTY_PRODUCT,
  type NewProductForm,
  newProductInput,
  validateNewProduct,
} from './product-form';
import { productSaveError } from './product-row';

/** "New product", every field checked with core's AdminProductCreateInput before it is sent. */
export function NewProduct({ onSaved }: { onSaved: (message: string) => void }) {
  const trpc = useTRPC();
  const [form, setForm] = useState<NewProductForm>(EMPTY_PRODUCT);
  const [errors, setErrors] = useState<ReturnType<typeof validateNewProduct>>({});
  const create = useMutation(
    trpc.admin.product.upsert.mutationOptions({
      onSuccess: (product) => {
        setForm(EMPTY_PRODUCT);
        setErrors({});
        onSaved(`Created ${product.name}. It is on sale now.`);
      },
      onError: (err) => setErrors({ form: productSaveError(err) }),
    }),
  );
  const set = <K extends keyof NewProductForm>(key: K, value: NewProductForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors({});
  };
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const problems = validateNewProduct(form);
    setErrors(problems);
    if (!hasErrors(problems)) create.mutate(newProductInput(form));
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="new-product-heading">
      <h3 id="new-product-heading">New product</h3>
      <div className="row">
        <TextField
          id="np-name"
          label="Name"
          value={form.name}
          error={errors.name}
          onChange={(v) => set('name', v)}
        />
        <TextField
          id="np-slug"
          label="Slug (in the product’s address)"
          value={form.slug}
          error={errors.slug}
          autoComplete="off"
          onChange={(v) => set('slug', v)}
        />
        <TextField
          id="np-price"
          label="Price (USD)"
          inputMode="decimal"
          value={form.price}
          error={errors.priceCents}
          onChange={(v) => set('price', v)}
        />
        <TextField
          id="np-stock"
          label="Stock"
          inputMode="numeric"
          value={form.stock}
          error={errors.stock}
          onChange={(v) => set('stock', v)}
        />
        <div className="field">
          <label htmlFor="np-category">Category</label>
          <select
            id="np-category"
            value={form.category}
            {...describedBy('np-category', errors.category)}
            onChange={(e) => set('category', e.target.value as ProductCategory)}
          >
            {PRODUCT_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {CATEGORY_LABELS[c]}
              </option>
            ))}
          </select>
          <ErrorText id="np-category-error" message={errors.category} />
        </div>
        <TextField
          id="np-description"
          label="Description"
          value={form.description}
          error={errors.description}
          onChange={(v) => set('description', v)}
        />
      </div>
      <div className="field check">
        <input
          id="np-pass"
          type="checkbox"
          checked={form.passRequired}
          onChange={(e) => set('passRequired', e.target.checked)}
        />
        <label htmlFor="np-pass">Pass holders only</label>
      </div>
      <button type="submit" disabled={create.isPending}>
        Create product
      </button>
      {errors.form && (
        <p className="error" role="alert">
          {errors.form}
        </p>
      )}
    </form>
  );
}
