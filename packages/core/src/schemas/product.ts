import { z } from 'zod';
import { paginated } from '../pagination';
import { Id } from './common';

export const PRODUCT_CATEGORIES = ['VAPE', 'DEVICE', 'ACCESSORY', 'MERCH'] as const;
export const ProductCategory = z.enum(PRODUCT_CATEGORIES);
export type ProductCategory = z.infer<typeof ProductCategory>;

// Output shapes are plain (non-strict) objects: parsing strips stray fields instead of failing,
// and they exist mostly as the one written-down contract for types and docs.
export const Product = z.object({
  id: Id,
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  category: ProductCategory,
  priceCents: z.number().int().positive(),
  stock: z.number().int().nonnegative(),
  passRequired: z.boolean(),
  active: z.boolean(),
  createdAt: z.date(),
});
export type Product = z.infer<typeof Product>;

export const ProductListInput = paginated({ category: ProductCategory.optional() });
export type ProductListInput = z.input<typeof ProductListInput>;
