import type { CodeCheck, ErrorReason } from '@puffy/client';
import { type Advice, adviceFor, type RefusalContext } from '../lib/refusals';
import {
  EMPTY_FORM,
  type FieldErrors,
  type FieldName,
  refusalOf,
  type ServerRefusal,
} from './form';

/** What a refused `order.create` shows: messages on fields, and one for the whole form. */
export interface CheckoutRefusal {
  fields: FieldErrors;
  form: Advice | null;
}

export const NO_REFUSAL: CheckoutRefusal = { fields: {}, form: null };

// The same idempotency key is sent again, so a retry cannot make a second order.
const NO_ANSWER: Advice = {
  text: 'The shop did not answer in time. Try again: you will not be charged twice.',
};

/** The refusals a buyer fixes in one field (or in the cart lines). */
const REASON_FIELDS: Partial<Record<ErrorReason, FieldName>> = {
  COUNTRY_NOT_ELIGIBLE: 'country',
  AGE_NOT_CONFIRMED: 'ageConfirmed',
  PASS_CODE_REQUIRED: 'passCode',
  PASS_CODE_INVALID: 'passCode',
  PASS_CODE_EXPIRED: 'passCode',
  PASS_CODE_EXHAUSTED: 'passCode',
  REFERRAL_CODE_INVALID: 'referralCode',
  REFERRAL_CODE_EXHAUSTED: 'referralCode',
  SELF_REFERRAL: 'referralCode',
  OUT_OF_STOCK: 'items',
  PRODUCT_UNAVAILABLE: 'items',
  PRODUCT_NOT_FOUND: 'items',
};

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Which field a refusal of `order.create` belongs on, and what to tell the buyer there. */
export function checkoutRefusalOf(
  refusal: ServerRefusal,
  ctx: Omit<RefusalContext, 'details'> = {},
): CheckoutRefusal {
  if (refusal.reason === 'VALIDATION_FAILED' && refusal.issues.length > 0) {
    const fields: FieldErrors = {};
    for (const issue of refusal.issues) {
      const [head, field] = issue.path;
      const name = (head === 'shippingAddress' ? field : head) as FieldName;
      const known = name in EMPTY_FORM || name === 'items';
      fields[known ? name : 'form'] ??= capitalise(issue.message);
    }
    const { form, ...rest } = fields;
    return { fields: rest, form: form ? { text: form } : null };
  }
  if (refusal.reason === null) {
    // No reason: the request never got an answer (network) or the answer was not the shop's.
    return { fields: {}, form: NO_ANSWER };
  }
  const advice = adviceFor(refusal.reason, { ...ctx, details: refusal.details ?? null });
  const field = refusal.reason ? REASON_FIELDS[refusal.reason] : undefined;
  if (field) return { fields: { [field]: advice.text }, form: null };
  return { fields: {}, form: advice };
}

/** Messages for a failed `order.create`. */
export function checkoutErrorsFrom(
  err: unknown,
  ctx: Omit<RefusalContext, 'details'> = {},
): CheckoutRefusal {
  const refusal = refusalOf(err);
  if (refusal === 'timeout') return { fields: {}, form: NO_ANSWER };
  return checkoutRefusalOf(refusal, ctx);
}

/** The code fields' messages from `code.check`'s verdicts. */
export function codeCheckErrors(check: CodeCheck): FieldErrors {
  const errors: FieldErrors = {};
  if (check.passCode?.refusal) errors.passCode = adviceFor(check.passCode.refusal).text;
  if (check.referralCode?.refusal) {
    errors.referralCode = adviceFor(check.referralCode.refusal).text;
  }
  return errors;
}
