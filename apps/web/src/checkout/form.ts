import {
  type CodeCheckInput,
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
import { adviceFor } from '../lib/refusals';

/**
 * The checkout form's rules, kept apart from React so they are unit-tested: field names come from
 * core's ShippingAddress (a renamed field fails to compile here), the address is validated by the
 * very schema the server parses, and eligibility uses the server's own rule.
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

export const CODE_LABELS = {
  passCode: 'Pass code (optional)',
  referralCode: 'Referral code (optional)',
  ageConfirmed: 'Age confirmation',
} as const;

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

/** The vape-country rule, said as soon as a country is chosen (before any submit). */
export function countryError(form: CheckoutForm, cart: readonly CartProduct[]): FieldErrors {
  if (!form.country) return {};
  const violations = checkEligibility(cart, { country: form.country }, true);
  return violations.some((v) => v.reason === 'COUNTRY_NOT_ELIGIBLE')
    ? { country: adviceFor('COUNTRY_NOT_ELIGIBLE', { country: form.country }).text }
    : {};
}

/** Age and pass-code requirements, checked when the buyer places the order. */
function requirementErrors(form: CheckoutForm, cart: readonly CartProduct[]): FieldErrors {
  const errors: FieldErrors = {};
  const age = checkEligibility(cart, { country: form.country }, form.ageConfirmed);
  if (age.some((v) => v.reason === 'AGE_NOT_CONFIRMED')) {
    errors.ageConfirmed = adviceFor('AGE_NOT_CONFIRMED').text;
  }
  if (needsPassCode(cart) && !form.passCode.trim()) {
    errors.passCode = 'Your cart has pass-holder products: enter your pass code.';
  }
  return errors;
}

export const needsPassCode = (cart: readonly CartProduct[]) => cart.some((p) => p.passRequired);

/** A typed code's format problem (checked before the shop is asked about the code). */
export function codeFormatError(field: 'passCode' | 'referralCode', value: string): string | null {
  if (!value.trim()) return null;
  if (field === 'passCode') {
    return PassCode.safeParse(value).success
      ? null
      : 'A pass code has 4 to 64 letters, digits, _ or -';
  }
  const referral = ReferralCode.safeParse(value);
  // Core's own wording, so the form states the real alphabet the server checks.
  return referral.success
    ? null
    : capitalise(referral.error.issues[0]?.message ?? 'Not a referral code');
}

/** The well-formed codes of the form, as the API reads them; null when there are none. */
export function codesToCheck(
  codes: Pick<CheckoutForm, 'passCode' | 'referralCode'>,
): CodeCheckInput | null {
  const input: CodeCheckInput = {};
  const pass = codes.passCode.trim();
  if (pass && !codeFormatError('passCode', pass)) input.passCode = pass;
  if (codes.referralCode.trim() && !codeFormatError('referralCode', codes.referralCode)) {
    input.referralCode = ReferralCode.parse(codes.referralCode);
  }
  return input.passCode || input.referralCode ? input : null;
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
  for (const field of ['passCode', 'referralCode'] as const) {
    const problem = codeFormatError(field, form[field]);
    if (problem) errors[field] = problem;
  }
  return { ...requirementErrors(form, cart), ...errors, ...countryError(form, cart) };
}

export interface ServerRefusal {
  reason: ErrorReason | null;
  message: string;
  /** Zod issue paths for VALIDATION_FAILED, such as ['shippingAddress', 'postalCode']. */
  issues: ReadonlyArray<{ path: ReadonlyArray<string | number>; message: string }>;
  details?: Readonly<Record<string, unknown>> | null;
}

/** Reads what the API said from a failed call, for the forms' refusal mappings. */
export function refusalOf(err: unknown): ServerRefusal | 'timeout' {
  if (isTimeoutError(err)) return 'timeout';
  const data = isPuffyError(err) ? err.data : undefined;
  return {
    reason: errorReason(err),
    message: err instanceof Error ? err.message : String(err),
    issues: (data?.issues ?? []).map((i) => ({ path: i.path, message: i.message })),
    details: (data?.details as Readonly<Record<string, unknown>> | null | undefined) ?? null,
  };
}
