import type { ErrorReason, ProductCategory } from '@puffy/core';
import type { DatabaseHandle } from '../client';
import type { OrderRow, PaymentRow } from './orders';

/**
 * The SQL of `order.create`, written once as fixed texts so that every connection parses and
 * plans each statement once (prepared) and the whole write goes to Postgres in one round trip
 * (`DatabaseHandle.transact`). See docs/decisions.md, "order.create in two round trips".
 */

/** What the rules and the price of an order are decided on: read before anything is locked. */
export interface OrderableProduct {
  id: string;
  name: string;
  category: ProductCategory;
  priceCents: number;
  passRequired: boolean;
  active: boolean;
}

const SELECT_PRODUCTS = `select id, name, category, price_cents as "priceCents",
  pass_required as "passRequired", active
from products where id = any($1::uuid[])`;

export function selectOrderableProducts(
  database: DatabaseHandle,
  ids: string[],
): Promise<OrderableProduct[]> {
  return database.query<OrderableProduct & Record<string, unknown>>({
    text: SELECT_PRODUCTS,
    params: [ids],
  });
}

/** One line as priced: the product's name, price, category and gate as they were decided on. */
export interface PlacedLine {
  productId: string;
  quantity: number;
  name: string;
  unitPriceCents: number;
  category: ProductCategory;
  passRequired: boolean;
}

/** The rows of a new order: the order itself, its lines (in product-id order), its payment request. */
export interface PlacementRecord {
  order: OrderRow;
  lines: PlacedLine[];
  payment: Pick<PaymentRow, 'recipient' | 'splToken' | 'amount' | 'amountBaseUnits' | 'reference'>;
}

export interface PlacementRequest {
  buyerId: string;
  now: Date;
  maxOpenOrders: number;
  passCode: string | undefined;
  referralCode: string | undefined;
  maxReferralUses: number | null;
  record: PlacementRecord;
}

/** Why nothing was written (REPLAY: this buyer already placed an order under this key). */
export type PlacementRefusal =
  | Extract<
      ErrorReason,
      | 'TOO_MANY_OPEN_ORDERS'
      | 'PASS_CODE_INVALID'
      | 'PASS_CODE_EXPIRED'
      | 'PASS_CODE_EXHAUSTED'
      | 'REFERRAL_CODE_INVALID'
      | 'SELF_REFERRAL'
      | 'REFERRAL_CODE_EXHAUSTED'
      | 'OUT_OF_STOCK'
    >
  | 'REPLAY'
  /** A product's name, price, category, gate or availability differs from what was priced. */
  | 'PRODUCT_CHANGED';

export type PlacementOutcome =
  | { placed: true }
  | { placed: false; refusal: PlacementRefusal; productId: string | null };

/** The transaction's input (see `DatabaseHandle.transact`), read once per statement. */
const INPUT = `current_setting('puffy.input')::json`;

/**
 * One buyer's orders are placed one at a time (the open-order cap counts them, and an idempotency
 * key is per buyer). A statement of its own: the statements after it see every order committed
 * while it waited.
 */
const LOCK_BUYER = `select pg_advisory_xact_lock(
  hashtextextended('open-orders:' || (${INPUT} ->> 'buyer'), 0))`;
const LOCK_PASS_CODE = `select 1 from pass_codes where code = ${INPUT} ->> 'passCode'
for no key update`;
const LOCK_REFERRER = `select 1 from users where referral_code = ${INPUT} ->> 'referralCode'
for no key update`;
const LOCK_PRODUCTS = `select 1 from products
where id in (select (l ->> 'product_id')::uuid from json_array_elements(${INPUT} -> 'lines') l)
order by id for no key update`;

/**
 * The decision and the record in one statement. Every counter row it decides on was locked by an
 * earlier statement of the same transaction (codes, and products when there are several lines),
 * so its snapshot holds their current values. A one-line order's product is locked by its own
 * conditional UPDATE, the classic exact decrement, so an order refused on a sold-out product
 * takes no lock at all. Every write depends on the decision: a refused order writes nothing.
 */
const PLACE_ORDER = `with
params as materialized (
  select (i ->> 'buyer')::uuid as buyer, (i ->> 'now')::timestamptz as now,
    (i ->> 'maxOpenOrders')::int as max_open_orders,
    (i -> 'order' ->> 'idempotency_key')::uuid as idempotency_key,
    i ->> 'passCode' as pass_code, i ->> 'referralCode' as referral_code,
    (i ->> 'maxReferralUses')::int as max_referral_uses,
    i -> 'order' as new_order, i -> 'payment' as payment, i -> 'lines' as lines
  from (select ${INPUT} as i) input
),
lines as materialized (
  select l.* from params, json_to_recordset(params.lines) as l(
    product_id uuid, quantity int, name text, unit_price_cents int, category text,
    pass_required boolean)
),
pass as (select c.* from pass_codes c, params p where c.code = p.pass_code),
referrer as (
  select u.id, u.referral_uses from users u, params p where u.referral_code = p.referral_code
),
short as (
  select min(l.product_id::text) as product_id from lines l
  join products pr on pr.id = l.product_id
  where not pr.active or pr.stock < l.quantity
),
decision as (
  select case
    when exists (
      select from orders o, params p
      where o.user_id = p.buyer and o.idempotency_key = p.idempotency_key)
      then 'REPLAY'
    when (select count(*) from orders o, params p
          where o.user_id = p.buyer and o.status = 'NEW')
         >= (select max_open_orders from params)
      then 'TOO_MANY_OPEN_ORDERS'
    when exists (
      select from lines l left join products pr on pr.id = l.product_id
      where pr.id is null or not pr.active or pr.name <> l.name
        or pr.price_cents <> l.unit_price_cents or pr.category <> l.category
        or pr.pass_required <> l.pass_required)
      then 'PRODUCT_CHANGED'
    when (select pass_code from params) is not null and not exists (select from pass)
      then 'PASS_CODE_INVALID'
    when exists (select from pass, params p where pass.expires_at <= p.now)
      then 'PASS_CODE_EXPIRED'
    when exists (select from pass where current_uses >= max_uses) then 'PASS_CODE_EXHAUSTED'
    when (select referral_code from params) is not null and not exists (select from referrer)
      then 'REFERRAL_CODE_INVALID'
    when exists (select from referrer r, params p where r.id = p.buyer) then 'SELF_REFERRAL'
    when exists (select from referrer r, params p where r.referral_uses >= p.max_referral_uses)
      then 'REFERRAL_CODE_EXHAUSTED'
    when (select product_id from short) is not null then 'OUT_OF_STOCK'
  end as refusal
),
stock as (
  update products pr set stock = pr.stock - l.quantity, updated_at = now()
  from lines l
  where pr.id = l.product_id and pr.active and pr.stock >= l.quantity
    and (select refusal from decision) is null
  returning pr.id
),
outcome as (
  select coalesce((select refusal from decision),
    case when (select count(*) from stock) < (select count(*) from lines) then 'OUT_OF_STOCK' end)
    as refusal
),
pass_use as (
  update pass_codes c set current_uses = c.current_uses + 1
  from params p
  where c.code = p.pass_code and c.current_uses < c.max_uses
    and (select refusal from outcome) is null
  returning c.owner_id
),
referral_use as (
  update users u set referral_uses = u.referral_uses + 1
  from params p
  where u.referral_code = p.referral_code and u.id <> p.buyer
    and (select refusal from outcome) is null
  returning u.id as owner_id
),
new_order as (
  insert into orders (id, user_id, status, subtotal_cents, discount_cents, total_cents, currency,
    pass_code, referral_code, idempotency_key, request_hash, shipping_name, shipping_email,
    shipping_phone, shipping_line1, shipping_line2, shipping_city, shipping_state,
    shipping_postal_code, shipping_country, created_at, updated_at, expires_at)
  select x.id, x.user_id, x.status, x.subtotal_cents, x.discount_cents, x.total_cents,
    x.currency, x.pass_code, x.referral_code, x.idempotency_key, x.request_hash,
    x.shipping_name, x.shipping_email, x.shipping_phone, x.shipping_line1, x.shipping_line2,
    x.shipping_city, x.shipping_state, x.shipping_postal_code, x.shipping_country,
    x.created_at, x.updated_at, x.expires_at
  from params p, json_populate_record(null::orders, p.new_order) x
  where (select refusal from outcome) is null
  returning id
),
items as (
  insert into order_items (order_id, product_id, name, unit_price_cents, quantity)
  select o.id, l.product_id, l.name, l.unit_price_cents, l.quantity from new_order o, lines l
),
payment as (
  insert into payments (order_id, recipient, spl_token, amount, amount_base_units, reference)
  select o.id, x.recipient, x.spl_token, x.amount, x.amount_base_units, x.reference
  from new_order o, params p, json_populate_record(null::payments, p.payment) x
),
history as (
  insert into order_status_events (order_id, from_status, to_status, actor, actor_id, note,
    created_at)
  select o.id, null, 'NEW', 'buyer', p.buyer, null, p.now from new_order o, params p
),
pass_usage as (
  insert into pass_code_usages (code, code_owner_id, code_user_id, order_id)
  select p.pass_code, u.owner_id, p.buyer, o.id from new_order o, pass_use u, params p
),
referral_usage as (
  insert into referral_code_usages (code, code_owner_id, code_user_id, order_id)
  select p.referral_code, u.owner_id, p.buyer, o.id from new_order o, referral_use u, params p
)
select (select refusal from outcome) as refusal, (select product_id from short) as product_id,
  (select count(*) from new_order)::int as placed`;

/** The transaction's input: the request's values and its rows, named by column. */
function inputOf(request: PlacementRequest) {
  const { order, lines, payment } = request.record;
  return {
    buyer: request.buyerId,
    now: request.now.toISOString(),
    maxOpenOrders: request.maxOpenOrders,
    passCode: request.passCode ?? null,
    referralCode: request.referralCode ?? null,
    maxReferralUses: request.maxReferralUses,
    order: {
      id: order.id,
      user_id: order.userId,
      status: order.status,
      subtotal_cents: order.subtotalCents,
      discount_cents: order.discountCents,
      total_cents: order.totalCents,
      currency: order.currency,
      pass_code: order.passCode,
      referral_code: order.referralCode,
      idempotency_key: order.idempotencyKey,
      request_hash: order.requestHash,
      shipping_name: order.shippingName,
      shipping_email: order.shippingEmail,
      shipping_phone: order.shippingPhone,
      shipping_line1: order.shippingLine1,
      shipping_line2: order.shippingLine2,
      shipping_city: order.shippingCity,
      shipping_state: order.shippingState,
      shipping_postal_code: order.shippingPostalCode,
      shipping_country: order.shippingCountry,
      created_at: order.createdAt,
      updated_at: order.updatedAt,
      expires_at: order.expiresAt,
    },
    lines: lines.map((l) => ({
      product_id: l.productId,
      quantity: l.quantity,
      name: l.name,
      unit_price_cents: l.unitPriceCents,
      category: l.category,
      pass_required: l.passRequired,
    })),
    payment: {
      recipient: payment.recipient,
      spl_token: payment.splToken,
      amount: payment.amount,
      // A decimal string: JSON has no 64-bit integers.
      amount_base_units: payment.amountBaseUnits.toString(),
      reference: payment.reference,
    },
  };
}

/**
 * Places the order in one transaction and one round trip: the buyer's lock, the code rows' locks
 * (pass code, then referrer: the order cancel and expiry release them in that order), the products'
 * locks in id order when there are several (two orders naming the same products the other way
 * round must not deadlock), then the decision and the record.
 */
export async function placeOrderAtomically(
  database: DatabaseHandle,
  request: PlacementRequest,
): Promise<PlacementOutcome> {
  const statements = [LOCK_BUYER];
  if (request.passCode !== undefined) statements.push(LOCK_PASS_CODE);
  if (request.referralCode !== undefined) statements.push(LOCK_REFERRER);
  if (request.record.lines.length > 1) statements.push(LOCK_PRODUCTS);
  statements.push(PLACE_ORDER);
  const results = await database.transact(inputOf(request), statements);
  const [row] = results[results.length - 1] ?? [];
  const outcome = row as {
    refusal: PlacementRefusal | null;
    product_id: string | null;
    placed: number;
  };
  if (outcome.refusal === null) {
    if (outcome.placed !== 1) throw new Error('order.create wrote no order and gave no reason');
    return { placed: true };
  }
  return { placed: false, refusal: outcome.refusal, productId: outcome.product_id };
}
