import { z } from 'zod';
import { Actor, OrderStatus } from '../order-status';
import { paginated } from '../pagination';
import { ShippingAddress } from './address';
import { PassCode, ReferralCode } from './code';
import { Id } from './common';
import { PaymentView } from './payment';

export const ORDER_MAX_LINES = 20;
export const ORDER_LINE_MAX_QUANTITY = 10;

export const OrderItemInput = z.strictObject({
  productId: Id,
  quantity: z.number().int().min(1).max(ORDER_LINE_MAX_QUANTITY),
});
export type OrderItemInput = z.input<typeof OrderItemInput>;

export const CreateOrderInput = z.strictObject({
  items: z
    .array(OrderItemInput)
    .min(1)
    .max(ORDER_MAX_LINES)
    // One line per product: two lines for the same product would dodge the per-line quantity cap
    // and make the stock decrement ambiguous.
    .superRefine((items, ctx) => {
      const seen = new Set<string>();
      items.forEach((item, i) => {
        if (seen.has(item.productId)) {
          ctx.addIssue({ code: 'custom', message: 'duplicate product', path: [i, 'productId'] });
        }
        seen.add(item.productId);
      });
    }),
  shippingAddress: ShippingAddress,
  ageConfirmed: z.boolean().optional(),
  passCode: PassCode.optional(),
  referralCode: ReferralCode.optional(),
  idempotencyKey: z.uuid().optional(),
});
export type CreateOrderInput = z.input<typeof CreateOrderInput>;

export const OrderListInput = paginated({ status: OrderStatus.optional() });
export type OrderListInput = z.input<typeof OrderListInput>;

/** A line as bought: name and price are copied at purchase, so later edits don't rewrite it. */
export const OrderItem = z.object({
  productId: Id,
  name: z.string(),
  unitPriceCents: z.number().int().positive(),
  quantity: z.number().int().min(1).max(ORDER_LINE_MAX_QUANTITY),
});
export type OrderItem = z.infer<typeof OrderItem>;

export const OrderHistoryEntry = z.object({
  // null for the event that created the order
  from: OrderStatus.nullable(),
  to: OrderStatus,
  actor: Actor,
  /** Admin-only note on the move: always null in a buyer's own view. */
  note: z.string().nullable(),
  /** What the move means to the buyer (e.g. "Refunded 12.34 USDC; the order is cancelled"). */
  message: z.string(),
  at: z.date(),
});
export type OrderHistoryEntry = z.infer<typeof OrderHistoryEntry>;

export const Order = z.object({
  id: Id,
  status: OrderStatus,
  items: z.array(OrderItem),
  subtotalCents: z.number().int().positive(),
  discountCents: z.number().int().nonnegative(),
  totalCents: z.number().int().positive(),
  currency: z.literal('USD'),
  shippingAddress: ShippingAddress,
  passCode: z.string().nullable(),
  referralCode: z.string().nullable(),
  payment: PaymentView,
  // Set when an admin ships the order.
  trackingNumber: z.string().nullable(),
  history: z.array(OrderHistoryEntry),
  // Moves the state machine allows from `status`, so a UI can show the right buttons.
  nextStatuses: z.array(OrderStatus),
  createdAt: z.date(),
  expiresAt: z.date(),
});
export type Order = z.infer<typeof Order>;
