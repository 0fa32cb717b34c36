import { z } from 'zod';
import { OrderStatus } from '../order-status';
import { paginated } from '../pagination';
import { PassCode } from './code';
import { Id } from './common';
import { ProductCategory } from './product';

export const AdminProductUpsertInput = z.strictObject({
  // absent: create; present: update that product
  id: Id.optional(),
  slug: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case words joined by single hyphens'),
  name: z.string().trim().min(1).max(200),
  description: z.string().max(5000).default(''),
  category: ProductCategory,
  priceCents: z.number().int().min(1).max(100_000_000),
  stock: z.number().int().min(0).max(1_000_000),
  passRequired: z.boolean().default(false),
  active: z.boolean().default(true),
});
export type AdminProductUpsertInput = z.input<typeof AdminProductUpsertInput>;

export const AdminPassCodeCreateInput = z.strictObject({
  ownerId: Id,
  // absent: the server generates one
  code: PassCode.optional(),
  maxUses: z.number().int().min(1).max(1_000_000),
  expiresAt: z.date().optional(),
});
export type AdminPassCodeCreateInput = z.input<typeof AdminPassCodeCreateInput>;

export const AdminOrderTransitionInput = z.strictObject({
  id: Id,
  to: OrderStatus,
  note: z.string().max(500).optional(),
  // Required by the server for moves to SHIPPED (reason TRACKING_NUMBER_REQUIRED); it is a
  // business rule about the move, not about the input's shape, so it is not checked here.
  trackingNumber: z.string().trim().min(1).max(100).optional(),
});
export type AdminOrderTransitionInput = z.input<typeof AdminOrderTransitionInput>;

export const AdminOrderListInput = paginated({
  status: OrderStatus.optional(),
  userId: Id.optional(),
});
export type AdminOrderListInput = z.input<typeof AdminOrderListInput>;
