import {
  AdminPaymentResolveInput,
  type ErrorReason,
  PAYMENT_RESOLUTIONS,
  type PaymentResolution,
} from '@puffy/client';
import { refusalOf, type ServerRefusal } from '../checkout/form';

/**
 * The "resolve payment" form's rules, kept apart from React so they are unit-tested: the input is
 * checked by core's `AdminPaymentResolveInput` (the schema the server parses), and the server's
 * refusals land on the field they are about.
 */

export const RESOLUTION_LABELS = {
  refunded: 'Refunded',
  accepted: 'Accepted',
  change_returned: 'Change returned',
  dismissed: 'Dismissed',
} as const satisfies Record<PaymentResolution, string>;

export const RESOLUTIONS: readonly PaymentResolution[] = PAYMENT_RESOLUTIONS;

/** The resolutions an item offers: returning the change only where more than the price arrived. */
export function resolutionsFor(item: { overpaidBaseUnits: bigint }): PaymentResolution[] {
  return RESOLUTIONS.filter((r) => r !== 'change_returned' || item.overpaidBaseUnits > 0n);
}

export interface ResolveForm {
  resolution: PaymentResolution;
  note: string;
  refundSignature: string;
}

export type ResolveField = keyof ResolveForm | 'form';
export type ResolveErrors = Partial<Record<ResolveField, string>>;

export const EMPTY_RESOLVE_FORM: ResolveForm = {
  resolution: 'dismissed',
  note: '',
  refundSignature: '',
};

/**
 * What a resolution that concerns money asks before it is sent; null for a dismissal, which
 * records a false alarm and moves nothing.
 */
export function confirmationOf(resolution: PaymentResolution): string | null {
  if (resolution === 'refunded') {
    return 'Record this payment as refunded? An unpaid order is cancelled (stock released); a PAID or CONFIRMED order moves to REFUNDED and its referral reward is taken back. Send the USDC back first: the signature is checked on chain.';
  }
  if (resolution === 'accepted') {
    return 'Accept this payment as it arrived? An unpaid order is settled as PAID for the amount received and will ship.';
  }
  if (resolution === 'change_returned') {
    return 'Record the change as returned? The order and its rewards stay as they are. Send the surplus back first: the signature is checked on chain.';
  }
  return null;
}

/** A refund or returned change names its transaction; the field is shown (and sent) for nothing else. */
export const showsRefundSignature = (form: Pick<ResolveForm, 'resolution'>) =>
  form.resolution === 'refunded' || form.resolution === 'change_returned';

/** The input `admin.payment.resolve` takes: a hidden or blank signature is left out. */
export function resolveInputOf(id: string, form: ResolveForm): AdminPaymentResolveInput {
  const input: AdminPaymentResolveInput = { id, resolution: form.resolution, note: form.note };
  const signature = form.refundSignature.trim();
  if (showsRefundSignature(form) && signature) input.refundSignature = signature;
  return input;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const FIELD_MESSAGES: Partial<Record<ResolveField, (form: ResolveForm) => string | null>> = {
  note: (form) =>
    form.note.trim() ? 'A note has at most 1000 characters' : 'Say why in a note, for the history',
  refundSignature: (form) =>
    form.refundSignature.trim()
      ? 'Expected a Solana transaction signature (base58, 64 bytes)'
      : 'Name the transaction that sent the change back',
};

function fieldOf(head: unknown): ResolveField {
  return head === 'resolution' || head === 'note' || head === 'refundSignature' ? head : 'form';
}

/** Every problem with the form, checked by core's schema; an empty object means it may be sent. */
export function validateResolve(id: string, form: ResolveForm): ResolveErrors {
  const parsed = AdminPaymentResolveInput.safeParse(resolveInputOf(id, form));
  if (parsed.success) return {};
  const errors: ResolveErrors = {};
  for (const issue of parsed.error.issues) {
    const field = fieldOf(issue.path[0]);
    errors[field] ??= FIELD_MESSAGES[field]?.(form) ?? capitalise(issue.message);
  }
  return errors;
}

const REASON_FIELDS: Partial<Record<ErrorReason, { field: ResolveField; message: string }>> = {
  PAYMENT_NOT_IN_REVIEW: {
    field: 'form',
    message: 'This payment no longer needs review (someone resolved it meanwhile).',
  },
  PAYMENT_NOT_FOUND: { field: 'form', message: 'This payment no longer exists.' },
  REFUND_NOT_FOUND: {
    field: 'refundSignature',
    message:
      'The chain shows no successful USDC transfer out of the merchant account with this signature (yet): check it, or wait for it to confirm.',
  },
  REFUND_SIGNATURE_USED: {
    field: 'refundSignature',
    message: 'This transaction already closed another review item.',
  },
  REFUND_TOO_LARGE: {
    field: 'refundSignature',
    message:
      'This transaction moved more than is being returned here (the surplus, or what arrived).',
  },
  NO_CHANGE_TO_RETURN: {
    field: 'resolution',
    message: 'Nothing above the price arrived: there is no change to return.',
  },
  NOTHING_TO_ACCEPT: { field: 'resolution', message: 'No money has arrived: nothing to accept.' },
  DEPENDENCY_UNAVAILABLE: {
    field: 'form',
    message: 'The Solana node could not be reached to check the refund: try again shortly.',
  },
  INVALID_TRANSITION: {
    field: 'resolution',
    message: 'The order’s state changed and no longer allows this resolution: reload and retry.',
  },
  FORBIDDEN: { field: 'form', message: 'Only admins can resolve payments.' },
  UNAUTHENTICATED: { field: 'form', message: 'Your session has ended: sign in again.' },
  TOKEN_EXPIRED: { field: 'form', message: 'Your session has ended: sign in again.' },
  TOKEN_REVOKED: { field: 'form', message: 'Your session has ended: sign in again.' },
  TOKEN_INVALID: { field: 'form', message: 'Your session has ended: sign in again.' },
};

/** Which field a refusal of `admin.payment.resolve` belongs on, and what to tell the admin. */
export function resolveErrorsFromRefusal(refusal: ServerRefusal): ResolveErrors {
  const errors: ResolveErrors = {};
  if (refusal.reason === 'VALIDATION_FAILED' && refusal.issues.length > 0) {
    for (const issue of refusal.issues) {
      errors[fieldOf(issue.path[0])] ??= capitalise(issue.message);
    }
    return errors;
  }
  const mapped = refusal.reason ? REASON_FIELDS[refusal.reason] : undefined;
  if (mapped) return { [mapped.field]: mapped.message };
  return { form: 'The payment could not be resolved. Please try again.' };
}

/** Field messages for a failed `admin.payment.resolve`. */
export function resolveErrorsFrom(err: unknown): ResolveErrors {
  const refusal = refusalOf(err);
  if (refusal === 'timeout') {
    return { form: 'The shop did not answer in time: reload to see whether it was resolved.' };
  }
  return resolveErrorsFromRefusal(refusal);
}
