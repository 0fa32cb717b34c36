import { randomUUID } from 'node:crypto';
import {
  type CursorState,
  claimCursor,
  countPending,
  forgetCursorsExcept,
  releaseCursor,
  rememberMerchantSignatures,
  saveCursor,
  selectPendingSignatures,
} from '../../db/queries/chain';
import { selectOldestWatchedPayment } from '../../db/queries/payments';
import { markProbed, selectPaymentsToProbe } from '../../db/queries/probes';
import type { Deps } from '../../deps';
import type { Logger } from '../../log';
import { associatedTokenAddress } from '../../solana/ata';
import { SIGNATURE_PAGE_LIMIT } from '../../solana/rpc';
import type { RpcBudget } from './budget';
import { classifySignature } from './classify';
import { BLOCK_TIME_MARGIN_MS } from './expiry-rule';
import { probeReference } from './reference-probe';
import { budgetSplit, lateWatchSince } from './worker-policy';

type WatchDeps = Pick<Deps, 'config' | 'clock' | 'database' | 'solana' | 'metrics'> & {
  log: Logger;
};

/** The merchant's associated USDC token account: where a Solana Pay transfer normally lands. */
export function merchantTokenAccount(config: Deps['config']): string {
  return associatedTokenAddress(config.solana.merchantWallet, config.solana.usdcMint);
}

/** What one call of `watchMerchantAccounts` did, for logs and benchmarks. */
export interface WatchReport {
  accounts: number;
  listed: number;
  probed: number;
  classified: number;
  walksFinished: number;
  /** False when another worker holds the watch this tick. */
  ran: boolean;
}

/**
 * Follows the history of every USDC token account the merchant owns (its associated one, and any
 * other getTokenAccountsByOwner lists: a wallet may pay into either), instead of every open
 * order's reference, so RPC cost grows with what the merchant receives, not with orders open; junk
 * that only names a reference never appears here. Per account, a walk pages newest → oldest down
 * to the last signature already listed, across ticks if the budget runs out, saving every page;
 * only a finished walk moves the covered range (and `coveredAt`, the walk's start), so "covered"
 * always means "listed without holes" — what expiry is decided from.
 *
 * Listed signatures are then read, each once, oldest first, within the budget. When more are
 * waiting than the budget can read (a flood of junk naming the merchant's account), open orders'
 * references are listed first, least recently probed first: a payment names both, so the few
 * signatures on both are read at once and junk on the merchant's account alone waits its turn.
 */
export async function watchMerchantAccounts(
  deps: WatchDeps,
  budget: RpcBudget,
  leaseMs: number,
): Promise<WatchReport> {
  const db = deps.database.db;
  const report: WatchReport = {
    accounts: 0,
    listed: 0,
    probed: 0,
    classified: 0,
    walksFinished: 0,
    ran: false,
  };
  const main = merchantTokenAccount(deps.config);
  const token = randomUUID();
  const claim = { token, now: deps.clock.now(), leaseMs };
  // The associated account's cursor is the watch's lease: one walker at a time.
  const mainCursor = await claimCursor(db, main, claim);
  if (!mainCursor) return report;
  report.ran = true;
  const held = [main];
  try {
    // One call names every account to follow and the slot the walks starting now cover up to.
    if (!budget.take()) return report;
    const started = deps.clock.now();
    const owned = await deps.solana.getTokenAccountsByOwner(
      deps.config.solana.merchantWallet,
      deps.config.solana.usdcMint,
    );
    const accounts = [...new Set([main, ...owned.accounts.map((a) => a.address)])];
    await forgetCursorsExcept(db, accounts);
    report.accounts = accounts.length;
    const now = { slot: owned.slot, at: started };
    for (const address of accounts) {
      const cursor = address === main ? mainCursor : await claimCursor(db, address, claim);
      if (!cursor) continue; // another worker's lease has not run out yet
      if (address !== main) held.push(address);
      await walkAccount(deps, { address, token, cursor }, budget, now, report);
    }

    if ((await countPending(db)) > budget.remaining) {
      const probes = budget.child(budgetSplit(deps.config.payments.rpcCallsPerTick).probes);
      const payments = await selectPaymentsToProbe(db, probes.remaining);
      const probed: string[] = [];
      for (const payment of payments) {
        const result = await probeReference(deps, payment, probes);
        if (!result.listed) break;
        probed.push(payment.id);
        report.classified += result.outcomes.filter((o) => o !== 'no-budget').length;
      }
      await markProbed(db, probed, deps.clock.now());
      report.probed = probed.length;
    }

    const pending = await selectPendingSignatures(db, budget.remaining);
    for (const row of pending) {
      const result = await classifySignature(deps, { ...row, err: null, blockTime: null }, budget);
      if (result === 'no-budget') break;
      report.classified += 1;
    }
    return report;
  } finally {
    for (const address of held) await releaseCursor(db, address, token);
  }
}

/** One account's walk, continued from its cursor within `budget`. */
async function walkAccount(
  deps: WatchDeps,
  walk: { address: string; token: string; cursor: CursorState },
  budget: RpcBudget,
  now: { slot: number; at: Date },
  report: WatchReport,
) {
  const db = deps.database.db;
  const { address, token, cursor } = walk;
  const state: CursorState = { ...cursor };
  if (state.walkSlot === null) {
    // Everything the cluster confirmed up to this slot will be listed by the walk starting now.
    state.walkSlot = now.slot;
    state.walkStartedAt = now.at;
    state.walkTopSignature = null;
    state.walkTopSlot = null;
    state.walkBefore = null;
  }
  const floor = await walkFloor(deps, state);
  while (state.walkSlot !== null && budget.take()) {
    const page = await deps.solana.getSignaturesForAddress(address, {
      before: state.walkBefore ?? undefined,
      until: state.headSignature ?? undefined,
      limit: SIGNATURE_PAGE_LIMIT,
    });
    // A first walk has no use for what came before the oldest watched payment.
    const wanted =
      floor === null
        ? page
        : page.filter((s) => typeof s.blockTime !== 'number' || s.blockTime * 1000 >= +floor);
    await rememberMerchantSignatures(db, wanted);
    report.listed += wanted.length;
    const first = page[0];
    const last = page.at(-1);
    if (first && state.walkTopSignature === null) {
      state.walkTopSignature = first.signature;
      state.walkTopSlot = first.slot;
    }
    if (last) state.walkBefore = last.signature;
    const reachedEnd = page.length < SIGNATURE_PAGE_LIMIT;
    // A head the cluster forgot is never met as `until`: stop once older slots show up (and a
    // walk after an empty history stops where the earlier coverage ends).
    const known = state.headSlot ?? state.coveredSlot;
    const passedHead = known !== null && last !== undefined && last.slot < known;
    const pastFloor =
      known === null &&
      floor !== null &&
      typeof last?.blockTime === 'number' &&
      last.blockTime * 1000 < floor.getTime();
    if (reachedEnd || passedHead || pastFloor) {
      finishWalk(state, reachedEnd ? 0 : (wanted.at(-1)?.slot ?? state.walkSlot ?? 0));
      report.walksFinished += 1;
    }
    if (!(await saveCursor(db, address, token, state))) return; // lease lost
  }
}

/** A first walk reads back to the oldest watched payment (or a few minutes when there is none). */
async function walkFloor(deps: WatchDeps, state: CursorState): Promise<Date | null> {
  if (state.headSignature !== null || state.coveredSlot !== null) return null;
  const now = deps.clock.now();
  const since = lateWatchSince(now, deps.config.payments.lateWatchHours);
  const oldest = await selectOldestWatchedPayment(deps.database.db, since);
  return new Date((oldest ?? now).getTime() - BLOCK_TIME_MARGIN_MS);
}

function finishWalk(state: CursorState, oldestListedSlot: number) {
  if (state.walkTopSignature !== null) {
    state.headSignature = state.walkTopSignature;
    state.headSlot = state.walkTopSlot;
  }
  // The first walk decides where coverage starts: the start of history, or where it stopped.
  state.coveredFromSlot ??= oldestListedSlot;
  state.coveredSlot = Math.max(state.coveredSlot ?? 0, state.walkSlot ?? 0);
  state.coveredAt = state.walkStartedAt;
  state.walkSlot = null;
  state.walkStartedAt = null;
  state.walkTopSignature = null;
  state.walkTopSlot = null;
  state.walkBefore = null;
}
