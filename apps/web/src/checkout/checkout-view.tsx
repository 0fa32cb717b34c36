'use client';

import { type OrderPrice, type PricedLine, priceOrder } from '@puffy/client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { useCartProducts } from '../cart/use-cart-products';
import { useSession } from '../session/use-session';
import { useTRPC } from '../trpc/react';
import { AddressFields } from './address-fields';
import { CodesFields } from './codes-fields';
import { ErrorSummary } from './error-summary';
import {
  type CartProduct,
  type CheckoutForm,
  countryError,
  EMPTY_FORM,
  type FieldErrors,
  needsPassCode,
  validateCheckout,
} from './form';
import { OrderSummary } from './order-summary';
import { useCodeCheck } from './use-code-check';
import { usePlaceOrder } from './use-place-order';

/** The preview of what the shop will charge; null for an empty (or impossibly large) cart. */
function priceOf(lines: PricedLine[], discountBps: number | null): OrderPrice | null {
  if (lines.length === 0) return null;
  try {
    return priceOrder(lines, discountBps === null ? undefined : { discountBps });
  } catch {
    return null;
  }
}

/**
 * The checkout: the address, the codes and the cart, priced by core's pricing. Before "Place
 * order" only what the buyer has just decided is judged (the vape country, the codes they left);
 * after it, everything, summed up at the top of the form.
 */
export function CheckoutView() {
  const session = useSession();
  const { cart, entries, pending, ready } = useCartProducts();
  const [form, setForm] = useState<CheckoutForm>(EMPTY_FORM);
  const codes = useCodeCheck(form, session !== null);
  // The shop's own settings (read on the server with the page): the discount a code would give.
  const shop = useQuery(useTRPC().shop.settings.queryOptions()).data;
  const cartProducts: CartProduct[] = entries.flatMap((e) =>
    e.product
      ? [
          {
            productId: e.productId,
            category: e.product.category,
            passRequired: e.product.passRequired,
          },
        ]
      : [],
  );
  const checkout = usePlaceOrder({
    form,
    signedIn: session !== null,
    entries,
    cartProducts,
    ready,
    codes,
  });
  const priced = entries.flatMap((e) =>
    e.product ? [{ unitPriceCents: e.product.priceCents, quantity: e.quantity }] : [],
  );
  const price = priceOf(priced, codes.discountBps);

  const submitted = checkout.attempt > 0;
  const errors: FieldErrors = {
    ...(submitted ? validateCheckout(form, cartProducts) : countryError(form, cartProducts)),
    ...codes.errors,
    ...(submitted && !ready && !pending ? { items: 'Fix the cart lines marked below.' } : {}),
    ...checkout.refusal.fields,
  };
  const update = <K extends keyof CheckoutForm>(field: K, value: CheckoutForm[K]) => {
    setForm((f) => ({ ...f, [field]: value }));
    checkout.forget(field);
  };

  if (checkout.placed) {
    return (
      <>
        <h1>Order placed</h1>
        <p role="status">Opening your order…</p>
      </>
    );
  }
  if (cart.length === 0) {
    return (
      <>
        <h1>Checkout</h1>
        <p>
          Your cart is empty. <Link href="/">Browse the catalog</Link>
        </p>
      </>
    );
  }
  const checkingNote = codes.checking ? 'Checking with the shop…' : undefined;
  return (
    <>
      <h1>Checkout</h1>
      <form onSubmit={checkout.placeOrder} noValidate>
        {submitted && (
          <ErrorSummary
            errors={errors}
            formAdvice={checkout.refusal.form}
            attempt={checkout.attempt}
          />
        )}
        <div className="columns">
          <div>
            <AddressFields form={form} errors={errors} update={update} />
            <CodesFields
              form={form}
              errors={errors}
              notes={{
                passCode: errors.passCode ? undefined : checkingNote,
                referralCode: errors.referralCode
                  ? undefined
                  : (checkingNote ??
                    (codes.discountBps !== null
                      ? `Code accepted: ${codes.discountBps / 100} % off.`
                      : shop
                        ? `A friend's referral code takes ${shop.referralDiscountBps / 100} % off.`
                        : undefined)),
              }}
              needsPass={needsPassCode(cartProducts)}
              hasVape={cartProducts.some((p) => p.category === 'VAPE')}
              update={update}
              onCodeBlur={codes.ask}
            />
          </div>
          <OrderSummary
            entries={entries}
            pending={pending}
            price={price}
            discountBps={codes.discountBps}
            itemsError={errors.items}
            placing={checkout.placing}
          />
        </div>
      </form>
    </>
  );
}
