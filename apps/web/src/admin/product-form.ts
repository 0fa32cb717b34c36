import {
  AdminProductCreateInput,
  AdminProductUpdateInput,
  type ProductCategory,
  type RouterOutputs,
} from '@puffy/client';
import { parseDollars } from '../lib/money';
import { checkWith, type FormErrors, wholeNumber } from './form-rules';

export type AdminProduct = RouterOutputs['admin']['product']['list']['items'][number];

const MESSAGES = {
  slug: 'Lower-case words joined by single hyphens, such as puffy-pod-mint (at most 100 characters)',
  name: 'Give the product a name (at most 200 characters)',
  description: 'At most 5,000 characters, without control characters',
  category: 'Choose a category',
  priceCents: 'Enter a price such as 14.99: at least $0.01, at most $1,000,000',
  stock: 'Stock is a whole number from 0 to 1,000,000, such as 40',
  passRequired: 'Choose whether a pass is required',
  active: 'Choose whether the product is sold',
  expectedStock: 'Reload the page: the stock shown is out of date',
  id: 'Reload the page: this product is not known',
} as const;

export type ProductField = keyof typeof MESSAGES;

/** Cents for a typed price; NaN (refused by the schema) when it is not a price. */
const cents = (text: string) => parseDollars(text) ?? Number.NaN;

export interface NewProductForm {
  name: string;
  slug: string;
  description: string;
  price: string;
  stock: string;
  category: ProductCategory;
  passRequired: boolean;
}

export const EMPTY_PRODUCT: NewProductForm = {
  name: '',
  slug: '',
  description: '',
  price: '',
  stock: '0',
  category: 'MERCH',
  passRequired: false,
};

export function newProductInput(form: NewProductForm): AdminProductCreateInput {
  return {
    slug: form.slug.trim(),
    name: form.name,
    description: form.description,
    category: form.category,
    priceCents: cents(form.price),
    stock: wholeNumber(form.stock),
    passRequired: form.passRequired,
  };
}

/** The new-product form's problems, by core's AdminProductCreateInput. */
export function validateNewProduct(form: NewProductForm): FormErrors<ProductField> {
  return checkWith(AdminProductCreateInput, newProductInput(form), MESSAGES);
}

export interface ProductEdit {
  price: string;
  stock: string;
  active: boolean;
}

export const editOf = (product: AdminProduct): ProductEdit => ({
  price: (product.priceCents / 100).toFixed(2),
  stock: String(product.stock),
  active: product.active,
});

/** A change to a listed product; it applies only if its stock is still what was shown. */
export function productEditInput(
  product: AdminProduct,
  edit: ProductEdit,
): AdminProductUpdateInput {
  return {
    id: product.id,
    priceCents: cents(edit.price),
    stock: wholeNumber(edit.stock),
    active: edit.active,
    expectedStock: product.stock,
  };
}

export function validateProductEdit(
  product: AdminProduct,
  edit: ProductEdit,
): FormErrors<ProductField> {
  return checkWith(AdminProductUpdateInput, productEditInput(product, edit), MESSAGES);
}
