'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { cartStore } from '../cart/cart-store';
import type { CartEntry } from '../cart/use-cart-products';
import { useTRPC } from '../trpc/react';
import { type CartProduct, type CheckoutForm, shippingAddressOf, validateCheckout } from './form';
import { type CheckoutRefusal, checkoutErrorsFrom, codeCheckErrors, NO_REFUSAL } from './refusal';
import type { useCodeCheck } from './use-code-check';

interface Checkout {
  form: CheckoutForm;
  signedIn: boolean;
  entries: readonly CartEntry[];
  cartProducts: readonly CartProduct[];
  /** Every cart line is known and orderable as it stands. */
  ready: boolean;
  codes: ReturnType<typeof useCodeCheck>;
}

/**
 * "Place order": checks the form, asks the shop about every code at once, then sends the order
 * with this checkout's idempotency key. `attempt` counts failed attempts (the error summary
 * takes focus on each); `refusal` is what the shop said.
 */
export function usePlaceOrder({ form, signedIn, entries, cartProducts, ready, codes }: Checkout) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [attempt, setAttempt] = useState(0);
  const [refusal, setRefusal] = useState<CheckoutRefusal>(NO_REFUSAL);
  // One key for this checkout: a double click or a retry after a timeout makes one order.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const placing = useRef(false);
  const createOrder = useMutation(trpc.order.create.mutationOptions());

  const fail = (next: CheckoutRefusal = NO_REFUSAL) => {
    placing.current = false;
    setRefusal(next);
    setAttempt((n) => n + 1);
  };
  const productName = (id: string) => entries.find((e) => e.productId === id)?.product?.name;

  const placeOrder = async (event: React.FormEvent) => {
    event.preventDefault();
    if (placing.current) return;
    if (!signedIn) {
      return fail({ fields: {}, form: { text: 'Sign in with your wallet to place your order.' } });
    }
    const problems = validateCheckout(form, cartProducts);
    if (Object.keys(problems).length > 0 || !ready) return fail();
    placing.current = true;
    // Every code at once: order.create would stop at the first wrong one.
    const check = await codes.checkNow();
    const wrongCodes = check ? codeCheckErrors(check) : {};
    if (Object.keys(wrongCodes).length > 0) return fail({ fields: wrongCodes, form: null });
    createOrder.mutate(
      {
        items: entries.map((l) => ({ productId: l.productId, quantity: l.quantity })),
        shippingAddress: shippingAddressOf(form),
        ageConfirmed: form.ageConfirmed,
        ...(form.passCode.trim() ? { passCode: form.passCode.trim() } : {}),
        ...(form.referralCode.trim() ? { referralCode: form.referralCode.trim() } : {}),
        idempotencyKey,
      },
      {
        // Runs once the mutation reads as a success, so emptying the cart below never shows
        // "Your cart is empty" on the way to the order.
        onSuccess(order) {
          void queryClient.invalidateQueries(trpc.order.pathFilter());
          void queryClient.invalidateQueries(trpc.product.pathFilter());
          router.push(`/orders/${order.id}`);
          cartStore.write([]);
        },
        onError(err) {
          fail(checkoutErrorsFrom(err, { productName, country: form.country }));
        },
      },
    );
  };

  return {
    placeOrder,
    attempt,
    refusal,
    placing: createOrder.isPending,
    placed: createOrder.isSuccess,
    /** The buyer changed a field: what the shop said about it no longer holds. */
    forget(field: keyof CheckoutForm) {
      setRefusal((r) => {
        const { [field]: _dropped, ...fields } = r.fields;
        return { fields, form: null };
      });
    },
  };
}
