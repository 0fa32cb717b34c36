import { z } from 'zod';
import { Id } from './common';

/** Pass codes are chosen by admins, so they may be words; they still stay URL-safe. */
export const PassCode = z
  .string()
  .trim()
  .min(4)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only');
export type PassCode = z.input<typeof PassCode>;

export const ADMIN_PASS_CODE_MIN_LENGTH = 10;
export const ADMIN_PASS_CODE_MIN_DISTINCT = 6;

/**
 * A pass code an admin chooses must not be guessable: a 9-character word was found in 87 tries.
 * At least 10 characters with at least 6 different ones (or leave it out and the server
 * generates 12 random base58 characters). Orders still accept older, shorter codes.
 */
export const AdminPassCode = PassCode.min(ADMIN_PASS_CODE_MIN_LENGTH).refine(
  (code) => new Set(code).size >= ADMIN_PASS_CODE_MIN_DISTINCT,
  { error: `needs at least ${ADMIN_PASS_CODE_MIN_DISTINCT} different characters` },
);

/**
 * Referral codes are read aloud and typed from screenshots, so the alphabet drops the lookalikes
 * 0/O and 1/I (codes are upper-case, so L is safe). Its 32 symbols let 5 random bits pick one
 * without bias.
 */
export const REFERRAL_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const REFERRAL_CODE_LENGTH = 8;

const REFERRAL_CODE_PATTERN = new RegExp(`^[${REFERRAL_CODE_ALPHABET}]{${REFERRAL_CODE_LENGTH}}$`);

/** The letters and digits the alphabet leaves out, named in the message so it states the rule. */
const LEFT_OUT = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'].filter(
  (c) => !REFERRAL_CODE_ALPHABET.includes(c),
);

export const REFERRAL_CODE_MESSAGE = `expected ${REFERRAL_CODE_LENGTH} characters of A-Z and 0-9 except ${LEFT_OUT.slice(0, -1).join(', ')} and ${LEFT_OUT.at(-1)}`;

export const ReferralCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(REFERRAL_CODE_PATTERN, REFERRAL_CODE_MESSAGE);
export type ReferralCode = z.input<typeof ReferralCode>;

/**
 * A referral code from random bytes (the caller supplies them, e.g. crypto.getRandomValues, so
 * this stays pure). Uses the low 5 bits of each byte: unbiased because the alphabet has 32 symbols.
 */
export function referralCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < REFERRAL_CODE_LENGTH) {
    throw new RangeError(`need at least ${REFERRAL_CODE_LENGTH} random bytes`);
  }
  let code = '';
  for (let i = 0; i < REFERRAL_CODE_LENGTH; i++) {
    code += REFERRAL_CODE_ALPHABET.charAt((bytes[i] ?? 0) & 31);
  }
  return code;
}

/** A pass code as its owner sees it (`code.mine`, `admin.passCode.create`). */
export const PassCodeView = z.object({
  id: Id,
  code: z.string(),
  ownerId: Id,
  maxUses: z.number().int().positive(),
  currentUses: z.number().int().nonnegative(),
  expiresAt: z.date().nullable(),
  createdAt: z.date(),
});
export type PassCodeView = z.infer<typeof PassCodeView>;

/** `code.mine`: the caller's referral code with its uses, and the pass codes they own. */
export const MyCodes = z.object({
  referralCode: z.string(),
  referralUses: z.number().int().nonnegative(),
  // null = unlimited (MAX_REFERRAL_USES unset)
  maxReferralUses: z.number().int().positive().nullable(),
  passCodes: z.array(PassCodeView),
});
export type MyCodes = z.infer<typeof MyCodes>;

/**
 * `code.check`: the pass and referral codes a buyer typed at checkout, asked about before the
 * order is placed, so every wrong code is reported at once rather than the first one only.
 */
export const CodeCheckInput = z
  .strictObject({ passCode: PassCode.optional(), referralCode: ReferralCode.optional() })
  .refine((v) => v.passCode !== undefined || v.referralCode !== undefined, {
    message: 'give a passCode, a referralCode or both',
  });
export type CodeCheckInput = z.input<typeof CodeCheckInput>;

/** Why a code would be refused by `order.create` right now; null when it would be taken. */
export const PASS_CODE_REFUSALS = [
  'PASS_CODE_INVALID',
  'PASS_CODE_EXPIRED',
  'PASS_CODE_EXHAUSTED',
] as const;
export const REFERRAL_CODE_REFUSALS = [
  'REFERRAL_CODE_INVALID',
  'REFERRAL_CODE_EXHAUSTED',
  'SELF_REFERRAL',
] as const;

/**
 * `code.check` output: one verdict per code given (null for a code not given). A referral code
 * that would be taken carries the discount the shop gives for it, in basis points.
 */
export const CodeCheck = z.object({
  passCode: z
    .object({ accepted: z.boolean(), refusal: z.enum(PASS_CODE_REFUSALS).nullable() })
    .nullable(),
  referralCode: z
    .object({
      accepted: z.boolean(),
      refusal: z.enum(REFERRAL_CODE_REFUSALS).nullable(),
      discountBps: z.number().int().min(0).max(10_000).nullable(),
    })
    .nullable(),
});
export type CodeCheck = z.infer<typeof CodeCheck>;
