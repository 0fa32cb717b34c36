import {
  checkEligibility,
  type ErrorReason,
  errorReason,
  isPuffyError,
  isTimeoutError,
  PassCode,
  type ProductCategory,
  ReferralCode,
  ShippingAddress,
  type ShippingAddressInput,
} from '@puffy/client';

/**
 * The checkout form's rules, kept apart from React so they are unit-tested: field names come from
 * core's ShippingAddress (a renamed field fails to compile here), the address is validated by the
 * very schema the server parses, and eligibility uses the server's own rule and wording.
 */

export type AddressField = keyof ShippingAddressInput;

/** Labels of the shipping fields; `satisfies` makes the list exactly core's field names. */
export const ADDRESS_LABELS = {
  name: 'Full name',
  email: 'Email',
  phone: 'Phone (optional)',
  line1: 'Address line 1',
  line2: 'Address line 2 (optional)',
  city: 'City',
  state: 'State or region (optional)',
  postalCode: 'Postal code',
  country: 'Country',
} as const satisfies Record<AddressField, string>;

const OPTIONAL_FIELDS: ReadonlySet<AddressField> = new Set(['phone', 'line2', 'state']);

export type CheckoutForm = Record<AddressField, string> & {
  ageConfirmed: boolean;
  passCode: string;
  referralCode: string;
};

/** Where a message is shown: a field, the cart lines, or the form as a whole. */
export type FieldName = keyof CheckoutForm | 'items' | 'form';
export type FieldErrors = Partial<Record<FieldName, string>>;

export const EMPTY_FORM: CheckoutForm = {
  name: '',
  email: '',
  phone: '',
  line1: '',
  line2: '',
  city: '',
  state: '',
  postalCode: '',
  country: '',
  ageConfirmed: false,
  passCode: '',
  referralCode: '',
};

export interface CartProduct {
  productId: string;
  category: ProductCategory;
  passRequired: boolean;
}

/** The address as the API takes it: optional fields left blank are left out. */
export function shippingAddressOf(form: CheckoutForm): ShippingAddressInput {
  const address: ShippingAddressInput = {
    name: form.name,
    email: form.email,
    line1: form.line1,
    city: form.city,
    postalCode: form.postalCode,
    country: form.country.toUpperCase(),
  };
  if (form.phone.trim()) address.phone = form.phone;
  if (form.line2.trim()) address.line2 = form.line2;
  if (form.state.trim()) address.state = form.state;
  return address;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Problems that depend on the cart and the country, shown as soon as they are known (before
 * submit), in the server's words: vape country allowlist, age, pass code requirement.
 */
export function eligibilityErrors(form: CheckoutForm, cart: readonly CartProduct[]): FieldErrors {
  const errors: FieldErrors = {};
  if (form.country) {
    for (const v of checkEligibility(cart, { country: form.country }, form.ageConfirmed)) {
      errors[v.reason === 'COUNTRY_NOT_ELIGIBLE' ? 'country' : 'ageConfirmed'] = capitalise(
        v.message,
      );
    }
  }
  if (cart.some((p) => p.passRequired) && !form.passCode.trim()) {
    errors.passCode = 'A pass code is required for this order';
  }
  return errors;
}

/** Every problem with the form; an empty object means it may be submitted. */
export function validateCheckout(form: CheckoutForm, cart: readonly CartProduct[]): FieldErrors {
  const errors: FieldErrors = {};
  if (cart.length === 0) errors.items = 'Your cart is empty';
  const parsed = ShippingAddress.safeParse(shippingAddressOf(form));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as AddressField;
      if (errors[field]) continue;
      const blank = !form[field].trim() && !OPTIONAL_FIELDS.has(field);
      errors[field] = blank ? `${ADDRESS_LABELS[field]} is required` : capitalise(issue.message);
    }
  }
  if (form.passCode.trim() && !PassCode.safeParse(form.passCode).success) {
    errors.passCode = 'A pass code has 4 to 64 letters, digits, _ or -';
  }
  const referral = form.referralCode.trim() ? ReferralCode.safeParse(form.referralCode) : null;
  if (referral && !referral.success) {
    // Core's own wording, so the form states the real alphabet the server checks.
    errors.referralCode = capitalise(referral.error.issues[0]?.message ?? 'Not a referral code');
  }
  return { ...errors, ...eligibilityErrors(form, cart) };
}

const REASON_FIELDS: Partial<Record<ErrorReason, { field: FieldName; message?: string }>> = {
  COUNTRY_NOT_ELIGIBLE: { field: 'country' },
  AGE_NOT_CONFIRMED: { field: 'ageConfirmed' },
  PASS_CODE_REQUIRED: { field: 'passCode', message: 'A pass code is required for this order' },
  PASS_CODE_INVALID: { field: 'passCode', message: 'This pass code does not exist' },
  PASS_CODE_EXPIRED: { field: 'passCode', message: 'This pass code has expired' },
  PASS_CODE_EXHAUSTED: { field: 'passCode', message: 'This pass code has no uses left' },
  REFERRAL_CODE_INVALID: { field: 'referralCode', message: 'This referral code does not exist' },
  REFERRAL_CODE_EXHAUSTED: {
    field: 'referralCode',
    message: 'This referral code has no uses left',
  },
  SELF_REFERRAL: { field: 'referralCode', message: 'You cannot use your own referral code' },
  OUT_OF_STOCK: { field: 'items' },
  PRODUCT_UNAVAILABLE: { field: 'items', message: 'Some products are no longer available' },
  RATE_LIMITED: { field: 'form', message: 'Too many orders at once: wait a minute and retry' },
  UNAUTHENTICATED: { field: 'form', message: 'Sign in to place your order' },
  TOKEN_EXPIRED: { field: 'form', message: 'Your session has ended: sign in again' },
  TOKEN_REVOKED: { field: 'form', message: 'Your session has ended: sign in again' },
  TOKEN_INVALID: { field: 'form', message: 'Your session has ended: sign in again' },
};

export interface ServerRefusal {
  reason: ErrorReason | null;
  message: string;
  /** Zod issue paths for VALIDATION_FAILED, such as ['shippingAddress', 'postalCode']. */
  issues: ReadonlyArray<{ path: ReadonlyArray<string | number>; message: string }>;
}

/** Which field a refusal of `order.create` belongs on, and what to tell the buyer there. */
export function fieldErrorsFromRefusal(refusal: ServerRefusal): FieldErrors {
  const errors: FieldErrors = {};
  if (refusal.reason === 'VALIDATION_FAILED' && refusal.issues.length > 0) {
    for (const issue of refusal.issues) {
      const [head, field] = issue.path;
      const name = (head === 'shippingAddress' ? field : head) as FieldName;
      const known = name in EMPTY_FORM || name === 'items';
      errors[known ? name : 'form'] ??= capitalise(issue.message);
    }
    return errors;
  }
  const mapped = refusal.reason ? REASON_FIELDS[refusal.reason] : undefined;
  if (mapped) {
    errors[mapped.field] = mapped.message ?? capitalise(refusal.message);
    return errors;
  }
  errors.form = 'The order could not be placed. Please try again.';
  return errors;
}

/** Reads what the API said from a failed `order.create` call, for `fieldErrorsFromRefusal`. */
export function refusalOf(err: unknown): ServerRefusal | 'timeout' {
  if (isTimeoutError(err)) return 'timeout';
  const issues = isPuffyError(err) ? (err.data?.issues ?? []) : [];
  return {
    reason: errorReason(err),
    message: err instanceof Error ? err.message : String(err),
    issues: issues.map((i) => ({ path: i.path, message: i.message })),
  };
}

/** Field messages for a failed `order.create`. */
export function checkoutErrorsFrom(err: unknown): FieldErrors {
  const refusal = refusalOf(err);
  if (refusal === 'timeout') {
    // The same idempotency key is sent again, so a retry cannot make a second order.
    return { form: 'The shop did not answer in time. Try again: you will not be charged twice.' };
  }
  return fieldErrorsFromRefusal(refusal);
}
