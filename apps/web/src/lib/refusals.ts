import { type ErrorReason, VAPE_ELIGIBLE_COUNTRIES } from '@puffy/client';
import { countryList, countryName } from './countries';

/**
 * What to tell a buyer when the API says no: for every reason the buyer's pages can meet, a
 * sentence that says what happened and what to do next, with a link where one helps. The table
 * test (refusals.test.ts) reads docs/api.md, so a reason added to a buyer's procedure without a
 * message here fails the web's tests.
 */

export interface Advice {
  text: string;
  link?: { href: string; label: string };
}

export interface RefusalContext {
  /** `error.data.details` of the refusal (retryAfterSeconds, maxOpenOrders, productIds…). */
  details?: Readonly<Record<string, unknown>> | null;
  /** The product names the page knows, to say which product a refusal is about. */
  productName?: (id: string) => string | undefined;
  /** The country the buyer chose, for the vape-country refusal. */
  country?: string;
}

const SESSION_ENDED: Advice = { text: 'Your session ended — sign in again to carry on.' };
const TO_CART = { href: '/cart', label: 'Edit your cart' } as const;
const TO_ORDERS = { href: '/orders', label: 'Your orders' } as const;
const TO_CATALOG = { href: '/', label: 'Back to the catalog' } as const;

const numberIn = (ctx: RefusalContext, key: string): number | null => {
  const value = ctx.details?.[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
};

/** "Puffy One" or "Puffy One and Puffy Pod — Mint", from details.productIds. */
function productsNamed(ctx: RefusalContext, fallback: string): string {
  const ids = ctx.details?.productIds;
  const names = Array.isArray(ids)
    ? ids.flatMap((id) => (typeof id === 'string' ? (ctx.productName?.(id) ?? []) : []))
    : [];
  return names.length > 0 ? new Intl.ListFormat('en').format(names) : fallback;
}

type Rule = (ctx: RefusalContext) => Advice;

export const BUYER_REFUSALS: Partial<Record<ErrorReason, Rule>> = {
  // Sign-in and sessions.
  SIGNATURE_INVALID: () => ({
    text: 'Your wallet’s signature did not match this sign-in. Try again, and approve the message in your wallet.',
  }),
  SESSION_EXPIRED: () => ({
    text: 'The sign-in request expired before your wallet answered. Press “Sign in” and approve it again.',
  }),
  SESSION_NOT_FOUND: () => ({
    text: 'This sign-in request was already used or has expired. Press “Sign in” to start again.',
  }),
  TOKEN_INVALID: () => SESSION_ENDED,
  TOKEN_EXPIRED: () => SESSION_ENDED,
  TOKEN_REVOKED: () => SESSION_ENDED,
  UNAUTHENTICATED: () => ({ text: 'Sign in with your wallet to carry on.' }),
  FORBIDDEN: () => ({
    text: 'This wallet is not allowed to do that. If the order changed meanwhile, reload the page.',
  }),
  RATE_LIMITED: (ctx) => {
    const wait = numberIn(ctx, 'retryAfterSeconds');
    const when =
      wait === null
        ? 'in a minute'
        : wait < 90
          ? `in ${wait} seconds`
          : `in ${Math.ceil(wait / 60)} minutes`;
    return { text: `Too many attempts in a short time. Try again ${when}.` };
  },

  // Codes.
  PASS_CODE_REQUIRED: () => ({
    text: 'Your cart has pass-holder products: enter your pass code, or remove those products.',
    link: TO_CART,
  }),
  PASS_CODE_INVALID: () => ({
    text: 'There is no such pass code. Check it for typos (letters are case-sensitive).',
  }),
  PASS_CODE_EXPIRED: () => ({
    text: 'This pass code has expired. Ask whoever gave it to you for a new one.',
  }),
  PASS_CODE_EXHAUSTED: () => ({
    text: 'This pass code has been used as many times as it allows. Ask for a new one.',
  }),
  REFERRAL_CODE_INVALID: () => ({
    text: 'There is no such referral code. Check it, or leave the field empty to order without it.',
  }),
  REFERRAL_CODE_EXHAUSTED: () => ({
    text: 'This referral code has no uses left. Leave the field empty to order without a discount.',
  }),
  SELF_REFERRAL: () => ({
    text: 'That is your own referral code: it is for friends. Leave the field empty or use a friend’s.',
  }),

  // Ordering.
  COUNTRY_NOT_ELIGIBLE: (ctx) => ({
    text: `Vapes cannot ship to ${ctx.country ? countryName(ctx.country) : 'this country'}. They ship to ${countryList(VAPE_ELIGIBLE_COUNTRIES)}: choose one of those, or remove the vapes from your cart.`,
    link: TO_CART,
  }),
  AGE_NOT_CONFIRMED: () => ({
    text: 'Confirm that you are of legal age to buy vape products, or remove the vapes from your cart.',
  }),
  OUT_OF_STOCK: (ctx) => ({
    text: `${productsNamed(ctx, 'A product in your cart')} sold out while you were checking out. Lower the quantity or remove it.`,
    link: TO_CART,
  }),
  PRODUCT_UNAVAILABLE: (ctx) => ({
    text: `${productsNamed(ctx, 'Some products in your cart')} can no longer be ordered. Remove them from your cart to carry on.`,
    link: TO_CART,
  }),
  PRODUCT_NOT_FOUND: () => ({
    text: 'This product does not exist (any more).',
    link: TO_CATALOG,
  }),
  IDEMPOTENCY_KEY_REUSED: () => ({
    text: 'An earlier attempt from this checkout already placed an order. Check your orders before trying again.',
    link: TO_ORDERS,
  }),
  TOO_MANY_OPEN_ORDERS: (ctx) => {
    const max = numberIn(ctx, 'maxOpenOrders');
    return {
      text: `You have ${max ?? 'too many'} unpaid orders — pay or cancel one before placing another.`,
      link: TO_ORDERS,
    };
  },
  ORDER_NOT_FOUND: () => ({
    text: 'There is no such order on this account. Are you signed in with the wallet that placed it?',
    link: TO_ORDERS,
  }),
  ORDER_HAS_PAYMENT: () => ({
    text: 'Money has already arrived for this order, so it can no longer be cancelled here. Contact us for a refund: we send it back to the wallet that paid.',
  }),
  INVALID_TRANSITION: () => ({
    text: 'This order has moved on meanwhile (paid, expired or cancelled), so that is no longer possible. Reload to see where it stands.',
  }),

  // X (Twitter) linking, from the account page.
  TWITTER_ALREADY_LINKED: () => ({
    text: 'This X account is already linked to another wallet. Unlink it there first.',
    link: { href: '/account', label: 'Your account' },
  }),
  TWITTER_NOT_CONFIGURED: () => ({ text: 'Linking X accounts is not set up on this shop.' }),
  TWITTER_STATE_INVALID: () => ({
    text: 'This X link has expired or was already used. Start again from your account.',
    link: { href: '/account', label: 'Your account' },
  }),
  TWITTER_EXCHANGE_FAILED: () => ({
    text: 'X did not accept the authorization. Start again from your account.',
    link: { href: '/account', label: 'Your account' },
  }),
  TWITTER_NOT_LINKED: () => ({ text: 'No X account is linked to this wallet.' }),

  // Anywhere.
  INVALID_CURSOR: () => ({ text: 'This list changed while you were reading it. Reload it.' }),
  VALIDATION_FAILED: () => ({
    text: 'Some details were not accepted. Check the highlighted fields and try again.',
  }),
  DEPENDENCY_UNAVAILABLE: () => ({
    text: 'The shop is having trouble reaching its services. Nothing was changed: try again in a minute.',
  }),
  INTERNAL: () => ({
    text: 'Something went wrong on our side. Nothing was changed: try again in a minute.',
  }),
};

/** For a refusal the table does not know (a newer server): honest, and never a dead end. */
export const UNKNOWN_REFUSAL: Advice = {
  text: 'The shop refused this. Try again, or reload the page.',
};

export function adviceFor(reason: ErrorReason | null, ctx: RefusalContext = {}): Advice {
  const rule = reason ? BUYER_REFUSALS[reason] : undefined;
  return rule ? rule(ctx) : UNKNOWN_REFUSAL;
}
