import {
  ACTORS,
  PRODUCT_CATEGORIES as CATEGORIES,
  ORDER_STATUSES,
  PAYMENT_RESOLUTIONS,
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
    /** Set when an admin accepted a short payment: what the order was settled for. */
    acceptedBaseUnits: bigint('accepted_base_units', { mode: 'bigint' }),
    seenAt: timestamp('seen_at', ms),
    finalizedAt: timestamp('finalized_at', ms),
    /**
     * Why a payment needs an admin beyond its status says (a history that could not be read in full,
     * a dropped transaction that reappeared), in words; null when its status says it all.
     */
    reviewReason: text('review_reason'),
    /** Set when an admin resolved the review item; cleared when something new needs a look. */
    reviewedAt: timestamp('reviewed_at', ms),
    /** A worker's lease on this payment: others skip it until then (claimed FOR UPDATE SKIP LOCKED). */
    claimedUntil: timestamp('claimed_until', ms),
    /** Which claim holds the lease, so a worker renews or releases only its own. */
    claimedBy: text('claimed_by'),
    lastCheckedAt: timestamp('last_checked_at', ms),
    /**
     * When the watch last listed this NEW order's reference to find its payment among an unread
     * backlog on the merchant's accounts (a flood); the oldest-probed order is probed first.
     */
    probedAt: timestamp('probed_at', ms),
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

/**
 * Every transfer that paid into a payment (a payment may arrive in several parts). A signature pays
 * at most one payment. `missing_since` is when the cluster stopped reporting the transaction: a PAID
 * order expires by drop only after it has been missing continuously for the grace period.
 */
export const paymentTransfers = pgTable(
  'payment_transfers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id, { onDelete: 'cascade' }),
    signature: text('signature').notNull(),
    amountBaseUnits: bigint('amount_base_units', { mode: 'bigint' }).notNull(),
    slot: bigint('slot', { mode: 'number' }).notNull(),
    blockTime: timestamp('block_time', ms),
    finalizedAt: timestamp('finalized_at', ms),
    missingSince: timestamp('missing_since', ms),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('payment_transfers_signature_key').on(t.signature),
    index('payment_transfers_payment_id_idx').on(t.paymentId),
    check('payment_transfers_amount_check', sql`${t.amountBaseUnits} > 0`),
  ],
);

export const SIGNATURE_KINDS = ['pending', 'payment', 'junk', 'failed'] as const;

/**
 * What the worker learned about each transaction signature it met, so no signature is fetched
 * twice: `pending` (listed on the merchant's token account, not read yet), `payment` (paid
 * `payment_id`), `junk` (succeeded but paid nothing we know of), `failed`. `fetched_at` is null when
 * the kind was inferred without reading the transaction (failed in its listing, or absent from the
 * merchant account's complete history).
 */
export const chainSignatures = pgTable(
  'chain_signatures',
  {
    signature: text('signature').primaryKey(),
    kind: text('kind', { enum: SIGNATURE_KINDS }).notNull(),
    slot: bigint('slot', { mode: 'number' }).notNull(),
    blockTime: timestamp('block_time', ms),
    onMerchantAccount: boolean('on_merchant_account').notNull().default(false),
    paymentId: uuid('payment_id').references(() => payments.id, { onDelete: 'set null' }),
    /** getTransaction answers of null (a lagging node) so far. */
    unreadable: integer('unreadable').notNull().default(0),
    fetchedAt: timestamp('fetched_at', ms),
    createdAt: createdAt(),
  },
  (t) => [
    index('chain_signatures_pending_idx').on(t.slot).where(sql`${t.kind} = 'pending'`),
    check('chain_signatures_kind_check', oneOf('kind', SIGNATURE_KINDS)),
  ],
);

/**
 * The worker's place in a watched account's history (the merchant's token account). Everything
 * with a slot in [covered_from_slot, covered_slot] has been listed into chain_signatures. A walk
 * pages backwards from the newest signature to `head_signature` across ticks (`walk_*`), and only a
 * finished walk moves the coverage, so coverage never has holes.
 */
export const chainCursors = pgTable('chain_cursors', {
  address: text('address').primaryKey(),
  headSignature: text('head_signature'),
  headSlot: bigint('head_slot', { mode: 'number' }),
  coveredFromSlot: bigint('covered_from_slot', { mode: 'number' }),
  coveredSlot: bigint('covered_slot', { mode: 'number' }),
  walkSlot: bigint('walk_slot', { mode: 'number' }),
  walkTopSignature: text('walk_top_signature'),
  walkTopSlot: bigint('walk_top_slot', { mode: 'number' }),
  walkBefore: text('walk_before'),
  /** The worker's clock when the walk in progress began (everything confirmed before is listed). */
  walkStartedAt: timestamp('walk_started_at', ms),
  /** The start of the last finished walk: every transaction confirmed before it has been listed. */
  coveredAt: timestamp('covered_at', ms),
  claimedUntil: timestamp('claimed_until', ms),
  claimedBy: text('claimed_by'),
  updatedAt: updatedAt(),
});

/** The history of admin decisions on payments listed for review: who, when, why. */
export const paymentResolutions = pgTable(
  'payment_resolutions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id, { onDelete: 'cascade' }),
    resolution: text('resolution', { enum: PAYMENT_RESOLUTIONS }).notNull(),
    note: text('note').notNull(),
    refundSignature: text('refund_signature'),
    /** What the refund (or returned change) transaction moved, as checked on chain. */
    refundBaseUnits: bigint('refund_base_units', { mode: 'bigint' }),
    adminId: uuid('admin_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('payment_resolutions_payment_id_idx').on(t.paymentId),
    // One refund transaction closes one item, never two.
    uniqueIndex('payment_resolutions_refund_signature_idx').on(t.refundSignature),
    check('payment_resolutions_resolution_check', oneOf('resolution', PAYMENT_RESOLUTIONS)),
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
    /** Admin-only: why the move was made. Never shown to the buyer. */
    note: text('note'),
    /** What the move means to the buyer, shown in their history (e.g. "Refunded 12.34 USDC"). */
    message: text('message'),
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
