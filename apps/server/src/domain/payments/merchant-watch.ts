import { randomUUID } from 'node:crypto';
import {
  type CursorState,
  claimCursor,
  releaseCursor,
  rememberMerchantSignatures,
  saveCursor,
  selectCursor,
  selectPendingSignatures,
} from '../../db/queries/chain';
import { selectOldestWatchedPayment } from '../../db/queries/payments';
import type { Deps } from '../../deps';
import type { Logger } from '../../log';
import { associatedTokenAddress } from '../../solana/ata';
import { SIGNATURE_PAGE_LIMIT } from '../../solana/rpc';
import type { RpcBudget } from './budget';
import { classifySignature } from './classify';
import { HISTORY_MARGIN_MS } from './rules';

type WatchDeps = Pick<Deps, 'config' | 'clock' | 'database' | 'solana' | 'metrics'> & {
  log: Logger;
};

/** The account every Solana Pay transfer to the shop lands in: the merchant's USDC token account. */
export function merchantTokenAccount(config: Deps['config']): string {
  return associatedTokenAddress(config.solana.merchantWallet, config.solana.usdcMint);
}

/** What one call of `watchMerchantAccount` did, for logs and benchmarks. */
export interface WatchReport {
  listed: number;
  classified: number;
  walkFinished: boolean;
  /** False when another worker holds the watch this tick. */
  ran: boolean;
}

/**
 * Follows the merchant token account's history instead of every open order's reference, so RPC
 * cost grows with payments received, not with orders open; junk that only names a reference never
 * appears here. A walk pages newest → oldest down to the last signature already listed (`until`),
 * across ticks if the budget runs out, saving every page; only a finished walk moves the covered
 * range, so "covered" always means "listed without holes". Then listed signatures are read, each
 * once, within the budget; every payment among them is recorded by its reference.
 */
export async function watchMerchantAccount(
  deps: WatchDeps,
  budget: RpcBudget,
  leaseMs: number,
): Promise<WatchReport> {
  const db = deps.database.db;
  const address = merchantTokenAccount(deps.config);
  const token = randomUUID();
  const cursor = await claimCursor(db, address, { token, now: deps.clock.now(), leaseMs });
  const report: WatchReport = { listed: 0, classified: 0, walkFinished: false, ran: false };
  if (!cursor) return report;
  report.ran = true;
  try {
    const state: CursorState = { ...cursor };
    if (state.walkSlot === null) {
      if (!budget.take()) return report;
      // Everything the cluster confirmed up to this slot will be listed by the walk starting now.
      state.walkSlot = await deps.solana.getSlot();
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
        report.walkFinished = true;
      }
      if (!(await saveCursor(db, address, token, state))) return report; // lease lost
    }
    const pending = await selectPendingSignatures(db, budget.remaining);
    for (const row of pending) {
      const result = await classifySignature(deps, { ...row, err: null, blockTime: null }, budget);
      if (result === 'no-budget') break;
      report.classified += 1;
    }
    return report;
  } finally {
    await releaseCursor(db, address, token);
  }
}

/** A first walk reads back to the oldest watched payment (or a few minutes when there is none). */
async function walkFloor(deps: WatchDeps, state: CursorState): Promise<Date | null> {
  if (state.headSignature !== null || state.coveredSlot !== null) return null;
  const now = deps.clock.now();
  const lateSince = new Date(now.getTime() - deps.config.payments.lateWatchHours * 3_600_000);
  const oldest = await selectOldestWatchedPayment(deps.database.db, lateSince);
  return new Date((oldest ?? now).getTime() - HISTORY_MARGIN_MS);
}

function finishWalk(state: CursorState, oldestListedSlot: number) {
  if (state.walkTopSignature !== null) {
    state.headSignature = state.walkTopSignature;
    state.headSlot = state.walkTopSlot;
  }
  // The first walk decides where coverage starts: the start of history, or where it stopped.
  state.coveredFromSlot ??= oldestListedSlot;
  state.coveredSlot = Math.max(state.coveredSlot ?? 0, state.walkSlot ?? 0);
  state.walkSlot = null;
  state.walkTopSignature = null;
  state.walkTopSlot = null;
  state.walkBefore = null;
}

/** Whether the merchant account's listed history covers `slot` (so absence there means absence). */
export async function merchantCoverage(deps: Pick<Deps, 'config' | 'database'>) {
  const cursor = await selectCursor(deps.database.db, merchantTokenAccount(deps.config));
  const from = cursor?.coveredFromSlot ?? null;
  const to = cursor?.coveredSlot ?? null;
  return (slot: number) => from !== null && to !== null && slot >= from && slot <= to;
}
