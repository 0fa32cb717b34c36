import { z } from 'zod';
import { SolanaAddress, SolanaSignature } from '../solana';

export const PAYMENT_STATUSES = [
  'pending',
  'seen',
  'underpaid',
  'overpaid',
  'finalized',
  'dropped',
  'late',
] as const;
export const PaymentStatus = z.enum(PAYMENT_STATUSES);
export type PaymentStatus = z.infer<typeof PaymentStatus>;

/** The Solana Pay transfer request returned with an order. */
export const PaymentView = z.object({
  url: z.string().startsWith('solana:'),
  recipient: SolanaAddress,
  splToken: SolanaAddress,
  // A decimal string, never a float: Solana Pay reads it as text and money must stay exact.
  amount: z.string().regex(/^\d+(\.\d+)?$/),
  reference: SolanaAddress,
  status: PaymentStatus,
  txSignature: SolanaSignature.nullable(),
});
export type PaymentView = z.infer<typeof PaymentView>;

/** How an admin closes a payment listed for review. */
export const PAYMENT_RESOLUTIONS = [
  'refunded',
  'accepted',
  'change_returned',
  'dismissed',
] as const;
export const PaymentResolution = z.enum(PAYMENT_RESOLUTIONS);
export type PaymentResolution = z.infer<typeof PaymentResolution>;
