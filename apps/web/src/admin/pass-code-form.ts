import { AdminPassCodeCreateInput, SolanaAddress } from '@puffy/client';
import { checkWith, type FormErrors, wholeNumber } from './form-rules';

export interface PassCodeForm {
  /** The owner's wallet address; the owner's user id is looked up from it. */
  owner: string;
  code: string;
  maxUses: string;
  /** yyyy-mm-dd from a date input, or ''. */
  expires: string;
}

const MESSAGES = {
  ownerId: 'Enter the wallet address of someone who has signed in here',
  code: 'Leave it blank to generate one, or use at least 10 letters, digits, _ or -, 6 of them different',
  maxUses: 'Maximum uses is a whole number from 1 to 1,000,000, such as 10',
  expiresAt: 'Choose a day after today, or leave it empty for a code that never expires',
} as const;

export type PassCodeField = keyof typeof MESSAGES | 'owner';

/** The owner field's own problem: is it a wallet address at all (checked before any lookup)? */
export function ownerAddressError(owner: string): string | null {
  if (!owner.trim()) return 'Enter the owner’s wallet address';
  return SolanaAddress.safeParse(owner.trim()).success
    ? null
    : 'That is not a Solana wallet address (base58, 32 to 44 characters)';
}

/** The last moment of the chosen day (UTC), as the API stores it; undefined for no day. */
export function expiryOf(day: string): Date | undefined {
  if (!day) return undefined;
  const date = new Date(`${day}T23:59:59Z`);
  return Number.isNaN(date.getTime()) ? new Date(Number.NaN) : date;
}

export function passCodeInput(form: PassCodeForm, ownerId: string): AdminPassCodeCreateInput {
  const expiresAt = expiryOf(form.expires);
  return {
    ownerId,
    maxUses: wholeNumber(form.maxUses),
    ...(form.code.trim() ? { code: form.code.trim() } : {}),
    ...(expiresAt ? { expiresAt } : {}),
  };
}

/**
 * The pass-code form's problems, by core's AdminPassCodeCreateInput; `ownerId` is the looked-up
 * owner (null while unknown). A day that has already ended is refused here, as the server does.
 */
export function validatePassCode(
  form: PassCodeForm,
  ownerId: string | null,
  now: Date,
): FormErrors<PassCodeField> {
  const errors: FormErrors<PassCodeField> = checkWith(
    AdminPassCodeCreateInput,
    // A placeholder id while the owner is unknown, so the other fields are still checked.
    passCodeInput(form, ownerId ?? '00000000-0000-4000-8000-000000000000'),
    MESSAGES,
  );
  const expiresAt = expiryOf(form.expires);
  if (expiresAt && !errors.expiresAt && expiresAt <= now) errors.expiresAt = MESSAGES.expiresAt;
  const owner = ownerAddressError(form.owner);
  if (owner) errors.owner = owner;
  delete errors.ownerId;
  return errors;
}
