import { z } from 'zod';
import { OrderStatus } from '../order-status';
import { paginated } from '../pagination';
import { SolanaAddress, SolanaSignature } from '../solana';
import { AdminPassCode } from './code';
import { Id, StorableDate, storableText } from './common';
import { Order } from './order';
import { PaymentResolution, PaymentStatus } from './payment';
import { ProductCategory } from './product';

const productFields = {
  slug: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case words joined by single hyphens'),
  name: storableText(200).trim().min(1),
  description: storableText(5000),
  category: ProductCategory,
  priceCents: z.number().int().min(1).max(100_000_000),
  stock: z.number().int().min(0).max(1_000_000),
  passRequired: z.boolean(),
  active: z.boolean(),
};

/** A new product: description, passRequired and active may be left out ('', false, true). */
export const AdminProductCreateInput = z.strictObject({
  ...productFields,
  description: productFields.description.optional(),
  passRequired: productFields.passRequired.optional(),
  active: productFields.active.optional(),
});
export type AdminProductCreateInput = z.input<typeof AdminProductCreateInput>;

/**
 * A change to an existing product: only the fields sent are written. No defaults here — a left-out
 * `passRequired` must not silently open a pass-gated product to everyone.
 */
export const AdminProductUpdateInput = z.strictObject({
  id: Id,
  ...z.object(productFields).partial().shape,
  /**
   * The stock the admin's form was loaded with. When given, the update applies only if stock is
   * still that number (else CONFLICT / STOCK_CHANGED), so a stale form cannot overwrite the
   * decrements of orders placed since.
   */
  expectedStock: z.number().int().min(0).optional(),
});
export type AdminProductUpdateInput = z.input<typeof AdminProductUpdateInput>;

/** `admin.product.upsert`: with `id` an update, without it a create. */
export const AdminProductUpsertInput = z.union([AdminProductUpdateInput, AdminProductCreateInput]);
export type AdminProductUpsertInput = z.input<typeof AdminProductUpsertInput>;

export const AdminPassCodeCreateInput = z.strictObject({
  ownerId: Id,
  // absent: the server generates one
  code: AdminPassCode.optional(),
  maxUses: z.number().int().min(1).max(1_000_000),
  expiresAt: StorableDate.optional(),
});
export type AdminPassCodeCreateInput = z.input<typeof AdminPassCodeCreateInput>;

export const AdminOrderTransitionInput = z.strictObject({
  id: Id,
  to: OrderStatus,
  note: storableText(500).optional(),
  // Required by the server for moves to SHIPPED (reason TRACKING_NUMBER_REQUIRED); it is a
  // business rule about the move, not about the input's shape, so it is not checked here.
  trackingNumber: storableText(100).trim().min(1).optional(),
});
export type AdminOrderTransitionInput = z.input<typeof AdminOrderTransitionInput>;

export const AdminOrderListInput = paginated({
  status: OrderStatus.optional(),
  userId: Id.optional(),
});
export type AdminOrderListInput = z.input<typeof AdminOrderListInput>;

/**
 * `admin.payment.resolve`: closes a review item. `id` is the payment's id (as listed by
 * `admin.payment.needsReview`); the note says why, for the history (admins only, never the
 * buyer); a refund may, and returned change must, name the transaction that moved the money back
 * (checked on chain; one transaction closes one item only).
 */
export const AdminPaymentResolveInput = z
  .strictObject({
    id: Id,
    resolution: PaymentResolution,
    note: storableText(1000).trim().min(1),
    refundSignature: SolanaSignature.optional(),
  })
  .refine(
    (v) =>
      v.refundSignature === undefined ||
      v.resolution === 'refunded' ||
      v.resolution === 'change_returned',
    {
      path: ['refundSignature'],
      message: 'only a refund or returned change names a refund transaction',
    },
  )
  .refine((v) => v.resolution !== 'change_returned' || v.refundSignature !== undefined, {
    path: ['refundSignature'],
    message: 'returned change names the transaction that sent it back',
  });
export type AdminPaymentResolveInput = z.input<typeof AdminPaymentResolveInput>;

/** One on-chain transfer counted toward a payment under review. */
export const ReviewTransfer = z.object({
  signature: z.string(),
  /** In the token's base units (USDC: 6 decimals). */
  amountBaseUnits: z.bigint(),
  slot: z.number().int(),
  blockTime: z.date().nullable(),
  finalized: z.boolean(),
  /** Since when the cluster has not reported it (null while it does). */
  missingSince: z.date().nullable(),
  recordedAt: z.date(),
});
export type ReviewTransfer = z.infer<typeof ReviewTransfer>;

/** How and by whom a review item was closed. */
export const ReviewResolution = z.object({
  resolution: PaymentResolution,
  note: z.string(),
  refundSignature: z.string().nullable(),
  /** What that transaction moved out of the merchant's account, as read on chain. */
  refundBaseUnits: z.bigint().nullable(),
  adminId: Id,
  at: z.date(),
});
export type ReviewResolution = z.infer<typeof ReviewResolution>;

/**
 * `admin.payment.needsReview` item (and `admin.payment.resolve`'s answer): a late, underpaid,
 * overpaid, dropped or ambiguous payment with its order, every transfer and every resolution.
 */
export const PaymentForReview = z.object({
  /** The payment's id: what `admin.payment.resolve` takes. */
  id: Id,
  status: PaymentStatus,
  /** Why it is listed, in words (with the order's state where it matters). */
  reason: z.string(),
  txSignature: z.string().nullable(),
  /** What arrived on chain in total, in the token's base units (USDC: 6 decimals). */
  receivedBaseUnits: z.bigint().nullable(),
  expectedBaseUnits: z.bigint(),
  /** The change to return when more than the amount arrived; 0 otherwise. */
  overpaidBaseUnits: z.bigint(),
  seenAt: z.date().nullable(),
  /** null while the item is open. */
  reviewedAt: z.date().nullable(),
  transfers: z.array(ReviewTransfer),
  resolutions: z.array(ReviewResolution),
  order: Order,
});
export type PaymentForReview = z.infer<typeof PaymentForReview>;

/** `admin.user.byAddress`: who signed in with this wallet (an admin picks a code's owner by it). */
export const AdminUserByAddressInput = z.strictObject({ address: SolanaAddress });
export type AdminUserByAddressInput = z.input<typeof AdminUserByAddressInput>;
