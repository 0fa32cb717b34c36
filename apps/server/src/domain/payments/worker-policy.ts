/**
 * How the payment worker spends its time and RPC calls, as pure rules: the lease a claim holds,
 * how a tick's call budget is split, and how long ended orders stay watched for late money.
 */

/**
 * A lease covers the most RPC work one payment may take (its per-order budget, each call up to the
 * RPC deadline) plus slack for the database; it is renewed before each payment of a batch, so a
 * long batch never lets a second worker take a row this one is about to work on.
 */
export function leaseMs(s: { rpcCallsPerOrder: number; rpcTimeoutMs: number }): number {
  return s.rpcCallsPerOrder * s.rpcTimeoutMs * 2 + 5_000;
}

/**
 * The watch of the merchant's accounts gets half a tick (rounded up) so expiry and finality always
 * get their share; within the watch, listing open orders' references during a flood may take a
 * quarter of the watch's share (at least one call). Expiry looks at the chain again before it
 * decides (no order is expired on an old look), with a short walk: the account list, a page, a
 * couple of reads.
 */
export function budgetSplit(perTick: number): {
  watch: number;
  probes: number;
  expiryLook: number;
} {
  const watch = Math.ceil(perTick / 2);
  return { watch, probes: Math.max(1, Math.floor(watch / 4)), expiryLook: Math.min(4, watch) };
}

/** Orders that ended after this time are still watched for money arriving late. */
export function lateWatchSince(now: Date, lateWatchHours: number): Date {
  return new Date(now.getTime() - lateWatchHours * 3_600_000);
}
