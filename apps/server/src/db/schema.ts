import {
  ACTORS,
  PRODUCT_CATEGORIES as CATEGORIES,
  ORDER_STATUSES,
  PAYMENT_STATUSES,
  USER_ROLES,
} from '@puffy/core';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * The whole data model. Enumerations are text columns with CHECK constraints rather than
 * Postgres enums: adding a value to a CHECK is one ordinary migration, and the allowed values are
 * still enforced by the database. Timestamps have millisecond precision so that a keyset cursor
 * built from a JavaScript Date compares exactly with the stored value.
 */

const ms = { withTimezone: true, precision: 3 } as const;
const createdAt = () => timestamp('created_at', ms).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', ms).notNull().defaultNow();

const oneOf = (column: string, values: readonly string[]) =>
  sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    address: text('address').notNull(),
    twitterId: text('twitter_id'),
    twitterUsername: text('twitter_username'),
    referralCode: text('referral_code').notNull(),
    referralUses: integer('referral_uses').notNull().default(0),
    role: text('role', { enum: USER_ROLES }).notNull().default('buyer'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('users_address_key').on(t.address),
    uniqueIndex('users_twitter_id_key').on(t.twitterId),
    uniqueIndex('users_referral_code_key').on(t.referralCode),
    check('users_role_check', oneOf('role', USER_ROLES)),
    check('users_referral_uses_check', sql`${t.referralUses} >= 0`),
  ],
);

export const balances = pgTable(
  'balances',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    points: bigint('points', { mode: 'number' }).notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [check('balances_points_check', sql`${t.points} >= 0`)],
);

export const products = pgTable(
  'products',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    category: text('category', { enum: CATEGORIES }).notNull(),
    priceCents: integer('price_cents').notNull(),
    stock: integer('stock').notNull().default(0),
    passRequired: boolean('pass_required').notNull().default(false),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('products_slug_key').on(t.slug),
    index('products_created_at_id_idx').on(t.createdAt, t.id),
    index('products_category_created_at_id_idx').on(t.category, t.createdAt, t.id),
    check('products_category_check', oneOf('category', CATEGORIES)),
    check('products_price_cents_check', sql`${t.priceCents} > 0`),
    check('products_stock_check', sql`${t.stock} >= 0`),
  ],
);

export const passCodes = pgTable(
  'pass_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    code: text('code').notNull(),
    maxUses: integer('max_uses').notNull(),
    currentUses: integer('current_uses').notNull().default(0),
    expiresAt: timestamp('expires_at', ms),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('pass_codes_code_key').on(t.code),
    index('pass_codes_owner_id_idx').on(t.ownerId),
    check('pass_codes_max_uses_check', sql`${t.maxUses} > 0`),
    check('pass_codes_current_uses_check', sql`${t.currentUses} >= 0`),
    check('pass_codes_uses_within_max_check', sql`${t.currentUses} <= ${t.maxUses}`),
  ],
);

export const orders = pgTable(
  'orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    status: text('status', { enum: ORDER_STATUSES }).notNull().default('NEW'),
    subtotalCents: integer('subtotal_cents').notNull(),
    discountCents: integer('discount_cents').notNull().default(0),
    totalCents: integer('total_cents').notNull(),
    currency: text('currency', { enum: ['USD'] })
      .notNull()
      .default('USD'),
    passCode: text('pass_code'),
    referralCode: text('referral_code'),
    idempotencyKey: uuid('idempotency_key'),
    /** sha-256 of the canonical CreateOrderInput, to tell a replay from a reused key. */
    requestHash: text('request_hash'),
    shippingName: text('shipping_name').notNull(),
    shippingEmail: text('shipping_email').notNull(),
    shippingPhone: text('shipping_phone'),
    shippingLine1: text('shipping_line1').notNull(),
    shippingLine2: text('shipping_line2'),
    shippingCity: text('shipping_city').notNull(),
    shippingState: text('shipping_state'),
    shippingPostalCode: text('shipping_postal_code').notNull(),
    shippingCountry: text('shipping_country').notNull(),
    /** Set by the admin move to SHIPPED. */
    trackingNumber: text('tracking_number'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    expiresAt: timestamp('expires_at', ms).notNull(),
  },
  (t) => [
    uniqueIndex('orders_user_id_idempotency_key_key').on(t.userId, t.idempotencyKey),
    index('orders_user_id_created_at_id_idx').on(t.userId, t.createdAt, t.id),
    index('orders_created_at_id_idx').on(t.createdAt, t.id),
    index('orders_status_expires_at_idx').on(t.status, t.expiresAt),
    check('orders_status_check', oneOf('status', ORDER_STATUSES)),
    check('orders_currency_check', sql`${t.currency} = 'USD'`),
    check('orders_subtotal_cents_check', sql`${t.subtotalCents} > 0`),
    check('orders_discount_cents_check', sql`${t.discountCents} >= 0`),
    check('orders_total_cents_check', sql`${t.totalCents} >= 1`),
    check(
      'orders_total_adds_up_check',
      sql`${t.subtotalCents} = ${t.discountCents} + ${t.totalCents}`,
    ),
  ],
);

export const orderItems = pgTable(
  'order_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    name: text('name').notNull(),
    unitPriceCents: integer('unit_price_cents').notNull(),
    quantity: integer('quantity').notNull(),
  },
  (t) => [
    uniqueIndex('order_items_order_id_product_id_key').on(t.orderId, t.productId),
    check('order_items_unit_price_cents_check', sql`${t.unitPriceCents} > 0`),
    check('order_items_quantity_check', sql`${t.quantity} between 1 and 10`),
  ],
);

const codeUsageColumns = () => ({
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull(),
  codeOwnerId: uuid('code_owner_id')
    .notNull()
    .references(() => users.id),
  codeUserId: uuid('code_user_id')
    .notNull()
    .references(() => users.id),
  orderId: uuid('order_id')
    .notNull()
    .references(() => orders.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
  /**
   * Set when the order is cancelled or expires and the use is given back. The row stays as the
   * audit trail; unreleased rows always equal the code's counted uses.
   */
  releasedAt: timestamp('released_at', ms),
});

/** One row per consumed use, written in the order's transaction (the audit trail of every code use). */
export const passCodeUsages = pgTable('pass_code_usages', codeUsageColumns(), (t) => [
  uniqueIndex('pass_code_usages_order_id_key').on(t.orderId),
  index('pass_code_usages_code_idx').on(t.code),
]);

export const referralCodeUsages = pgTable('referral_code_usages', codeUsageColumns(), (t) => [
  uniqueIndex('referral_code_usages_order_id_key').on(t.orderId),
  index('referral_code_usages_code_idx').on(t.code),
]);

export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    method: text('method', { enum: ['solana-pay'] })
      .notNull()
      .default('solana-pay'),
    recipient: text('recipient').notNull(),
    splToken: text('spl_token').notNull(),
    amount: text('amount').notNull(),
    amountBaseUnits: bigint('amount_base_units', { mode: 'bigint' }).notNull(),
    reference: text('reference').notNull(),
    status: text('status', { enum: PAYMENT_STATUSES }).notNull().default('pending'),
    txSignature: text('tx_signature'),
    receivedBaseUnits: bigint('received_base_units', { mode: 'bigint' }),
    seenAt: timestamp('seen_at', ms),
    finalizedAt: timestamp('finalized_at', ms),
    /** A worker's lease on this payment: others skip it until then (claimed FOR UPDATE SKIP LOCKED). */
    claimedUntil: timestamp('claimed_until', ms),
    lastCheckedAt: timestamp('last_checked_at', ms),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('payments_order_id_key').on(t.orderId),
    uniqueIndex('payments_reference_key').on(t.reference),
    uniqueIndex('payments_tx_signature_key').on(t.txSignature),
    index('payments_status_idx').on(t.status),
    check('payments_status_check', oneOf('status', PAYMENT_STATUSES)),
    check('payments_method_check', sql`${t.method} = 'solana-pay'`),
    check('payments_amount_base_units_check', sql`${t.amountBaseUnits} > 0`),
  ],
);

export const orderStatusEvents = pgTable(
  'order_status_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    fromStatus: text('from_status', { enum: ORDER_STATUSES }),
    toStatus: text('to_status', { enum: ORDER_STATUSES }).notNull(),
    actor: text('actor', { enum: ACTORS }).notNull(),
    actorId: uuid('actor_id'),
    note: text('note'),
    createdAt: createdAt(),
    /** Total order of events: two moves can share a millisecond, the sequence never ties. */
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
  },
  (t) => [
    index('order_status_events_order_id_seq_idx').on(t.orderId, t.seq),
    check('order_status_events_actor_check', oneOf('actor', ACTORS)),
    check('order_status_events_to_status_check', oneOf('to_status', ORDER_STATUSES)),
  ],
);

export const balanceEvents = pgTable(
  'balance_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    delta: bigint('delta', { mode: 'number' }).notNull(),
    reason: text('reason').notNull(),
    orderId: uuid('order_id').references(() => orders.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('balance_events_user_id_idx').on(t.userId),
    // A reward is paid once per order and reason, even if a transition were ever replayed.
    uniqueIndex('balance_events_order_id_reason_key').on(t.orderId, t.reason),
  ],
);
