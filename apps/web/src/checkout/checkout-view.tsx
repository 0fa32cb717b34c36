'use client';

import {
  COUNTRY_CODES,
  DEFAULT_REFERRAL_DISCOUNT_BPS,
  priceOrder,
  ReferralCode,
} from '@puffy/client';
import { useMutation, useQueries } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo, useRef, useState } from 'react';
import { removeFromCart, setQuantity } from '../cart/cart';
import { cartStore } from '../cart/cart-store';
import { useCart } from '../cart/use-cart';
import { dollars } from '../lib/money';
import { useSession } from '../session/use-session';
import { useTRPC } from '../trpc/react';
import {
  ADDRESS_LABELS,
  type AddressField,
  type CartProduct,
  type CheckoutForm,
  checkoutErrorsFrom,
  EMPTY_FORM,
  eligibilityErrors,
  type FieldErrors,
  type FieldName,
  shippingAddressOf,
  validateCheckout,
} from './form';

const TEXT_FIELDS: ReadonlyArray<{ field: Exclude<AddressField, 'country'>; type: string }> = [
  { field: 'name', type: 'text' },
  { field: 'email', type: 'email' },
  { field: 'phone', type: 'tel' },
  { field: 'line1', type: 'text' },
  { field: 'line2', type: 'text' },
  { field: 'city', type: 'text' },
  { field: 'state', type: 'text' },
  { field: 'postalCode', type: 'text' },
];

function countryName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

function ErrorText({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="error" id={id}>
      {message}
    </p>
  );
}

function TextField(props: {
  id: string;
  label: string;
  value: string;
  error: string | undefined;
  type?: string;
  onChange: (value: string) => void;
}) {
  const errorId = `${props.id}-error`;
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type={props.type ?? 'text'}
        value={props.value}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? errorId : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <ErrorText id={errorId} message={props.error} />
    </div>
  );
}

export function CheckoutView() {
  const trpc = useTRPC();
  const router = useRouter();
  const session = useSession();
  const cart = useCart();
  const [form, setForm] = useState<CheckoutForm>(EMPTY_FORM);
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  // One key for this checkout: a double click or a retry after a timeout makes one order.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const placing = useRef(false);

  const productQueries = useQueries({
    queries: cart.map((line) => trpc.product.byId.queryOptions({ id: line.productId })),
  });
  const lines = cart.flatMap((line, i) => {
    const product = productQueries[i]?.data;
    return product ? [{ ...line, product }] : [];
  });
  const loading = productQueries.some((q) => q.isPending);
  const cartProducts: CartProduct[] = lines.map((l) => ({
    productId: l.productId,
    category: l.product.category,
    passRequired: l.product.passRequired,
  }));

  const referralValid = ReferralCode.safeParse(form.referralCode).success;
  const price = useMemo(
    () =>
      lines.length === 0
        ? null
        : priceOrder(
            lines.map((l) => ({ unitPriceCents: l.product.priceCents, quantity: l.quantity })),
            referralValid ? { discountBps: DEFAULT_REFERRAL_DISCOUNT_BPS } : undefined,
          ),
    [lines, referralValid],
  );

  const createOrder = useMutation(
    trpc.order.create.mutationOptions({
      onSuccess(order) {
        cartStore.write([]);
        router.push(`/orders/${order.id}`);
      },
      onError(err) {
        placing.current = false;
        setServerErrors(checkoutErrorsFrom(err));
      },
    }),
  );

  const allErrors = validateCheckout(form, cartProducts);
  // Eligibility is shown as soon as it is known; format problems after the first submit.
  const shown: FieldErrors = {
    ...(submitted ? allErrors : eligibilityErrors(form, cartProducts)),
    ...serverErrors,
  };

  const update = <K extends keyof CheckoutForm>(field: K, value: CheckoutForm[K]) => {
    setForm((f) => ({ ...f, [field]: value }));
    setServerErrors((e) => {
      const { [field]: _dropped, form: _form, ...rest } = e;
      return rest;
    });
  };

  const placeOrder = (event: React.FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (placing.current) return;
    if (!session) {
      setServerErrors({ form: 'Sign in to place your order' });
      return;
    }
    if (Object.keys(allErrors).length > 0) return;
    placing.current = true;
    createOrder.mutate({
      items: lines.map((l) => ({ productId: l.productId, quantity: l.quantity })),
      shippingAddress: shippingAddressOf(form),
      ageConfirmed: form.ageConfirmed,
      ...(form.passCode.trim() ? { passCode: form.passCode.trim() } : {}),
      ...(form.referralCode.trim() ? { referralCode: form.referralCode.trim() } : {}),
      idempotencyKey,
    });
  };

  const describedBy = (field: FieldName) => (shown[field] ? `${field}-error` : undefined);
  const fieldProps = (field: Exclude<keyof CheckoutForm, 'ageConfirmed'>) => ({
    id: field,
    value: form[field],
    error: shown[field],
    onChange: (value: string) => update(field, value),
  });
  const invalid = (field: FieldName) => (shown[field] ? true : undefined);
  const hasVape = cartProducts.some((p) => p.category === 'VAPE');

  if (cart.length === 0 && !createOrder.isSuccess) {
    return (
      <>
        <h1>Checkout</h1>
        <p>
          Your cart is empty. <Link href="/">Browse the catalog</Link>
        </p>
      </>
    );
  }

  return (
    <>
      <h1>Checkout</h1>
      <form className="columns" onSubmit={placeOrder} noValidate>
        <div>
          <section className="panel" aria-labelledby="ship-heading">
            <h2 id="ship-heading">Shipping address</h2>
            {TEXT_FIELDS.map(({ field, type }) => (
              <TextField
                key={field}
                {...fieldProps(field)}
                type={type}
                label={ADDRESS_LABELS[field]}
              />
            ))}
            <div className="field">
              <label htmlFor="country">{ADDRESS_LABELS.country}</label>
              <select
                id="country"
                value={form.country}
                aria-invalid={invalid('country')}
                aria-describedby={describedBy('country')}
                onChange={(e) => update('country', e.target.value)}
              >
                <option value="">Choose a country</option>
                {COUNTRY_CODES.map((code) => (
                  <option key={code} value={code}>
                    {countryName(code)}
                  </option>
                ))}
              </select>
              <ErrorText id="country-error" message={shown.country} />
            </div>
          </section>
          <section className="panel" aria-labelledby="codes-heading">
            <h2 id="codes-heading">Codes and confirmation</h2>
            <TextField {...fieldProps('passCode')} label="Pass code (optional)" />
            <TextField {...fieldProps('referralCode')} label="Referral code (optional)" />
            <div className="field check">
              <input
                id="ageConfirmed"
                type="checkbox"
                checked={form.ageConfirmed}
                aria-invalid={invalid('ageConfirmed')}
                aria-describedby={describedBy('ageConfirmed')}
                onChange={(e) => update('ageConfirmed', e.target.checked)}
              />
              <label htmlFor="ageConfirmed">
                I am of legal age to buy vape products{hasVape ? '' : ' (needed for vapes only)'}
              </label>
            </div>
            <ErrorText id="ageConfirmed-error" message={shown.ageConfirmed} />
          </section>
        </div>
        <aside className="panel" aria-labelledby="cart-heading">
          <h2 id="cart-heading">Your cart</h2>
          {loading && <p className="muted">Loading your cart…</p>}
          <table>
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col">Qty</th>
                <th scope="col" className="num">
                  Total
                </th>
                <th scope="col">
                  <span className="muted">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line) => (
                <tr key={line.productId}>
                  <td>
                    {line.product.name}
                    <div className="muted">{dollars(line.product.priceCents)} each</div>
                  </td>
                  <td>
                    <input
                      aria-label={`Quantity of ${line.product.name}`}
                      type="number"
                      min={1}
                      max={10}
                      style={{ width: '4rem' }}
                      value={line.quantity}
                      onChange={(e) =>
                        cartStore.write(
                          setQuantity(cartStore.read(), line.productId, Number(e.target.value)),
                        )
                      }
                    />
                  </td>
                  <td className="num">{dollars(line.product.priceCents * line.quantity)}</td>
                  <td>
                    <button
                      type="button"
                      className="danger"
                      aria-label={`Remove ${line.product.name}`}
                      onClick={() =>
                        cartStore.write(removeFromCart(cartStore.read(), line.productId))
                      }
                    >
                      ×
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <ErrorText id="items-error" message={shown.items} />
          {price && (
            <table className="totals">
              <tbody>
                <tr>
                  <td>Subtotal</td>
                  <td className="num">{dollars(price.subtotalCents)}</td>
                </tr>
                {price.discountCents > 0 && (
                  <tr>
                    <td>Referral discount</td>
                    <td className="num">−{dollars(price.discountCents)}</td>
                  </tr>
                )}
                <tr className="total">
                  <td>Total (USDC)</td>
                  <td className="num">{dollars(price.totalCents)}</td>
                </tr>
              </tbody>
            </table>
          )}
          {shown.form && (
            <p className="notice bad" role="alert">
              {shown.form}
            </p>
          )}
          <div className="actions">
            <button type="submit" disabled={createOrder.isPending || loading}>
              {createOrder.isPending ? 'Placing order…' : 'Place order'}
            </button>
          </div>
          <p className="muted">You pay in USDC with any Solana wallet on the next page.</p>
        </aside>
      </form>
    </>
  );
}
