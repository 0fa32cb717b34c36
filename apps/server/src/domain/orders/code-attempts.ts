import { type ErrorReason, isDomainError } from '@puffy/core';
import { clientKey } from '../../auth/client-key';
import type { RateLimiter } from '../../deps';

/** Answers that tell a guesser something about a code it does not own. */
const CODE_FAILURES: ReadonlySet<ErrorReason> = new Set<ErrorReason>([
  'PASS_CODE_INVALID',
  'PASS_CODE_EXPIRED',
  'PASS_CODE_EXHAUSTED',
  'REFERRAL_CODE_INVALID',
  'REFERRAL_CODE_EXHAUSTED',
]);

export interface CodeAttempt {
  userId: string;
  ip: string;
  passCode?: string | undefined;
  referralCode?: string | undefined;
}

/**
 * Limits failed code attempts per user and per client IP (an IPv6 client by its /64): a wrong
 * pass code answers PASS_CODE_INVALID while a right one gets further (even to OUT_OF_STOCK), so
 * unlimited orders would be a free oracle, and new wallets are free. A point is counted *before*
 * the attempt, so concurrent guesses cannot overrun the budget, and given back when the code was
 * not what failed. Over the budget the order is refused with RATE_LIMITED before any code is read.
 * `code.check` goes through the same budget: it answers instead of throwing, so `refusedCode`
 * says from its answer whether a code was wrong.
 */
export async function limitCodeAttempts<T>(
  limiter: RateLimiter,
  attempt: CodeAttempt,
  placeOrder: () => Promise<T>,
  refusedCode: (result: T) => boolean = () => false,
): Promise<T> {
  if (attempt.passCode === undefined && attempt.referralCode === undefined) return placeOrder();
  const keys = [`user:${attempt.userId}`, `ip:${clientKey(attempt.ip)}`];
  const counted: string[] = [];
  // Best effort: a refund lost to a store outage costs the buyer one point, and must not turn a
  // placed order into an error.
  const refund = async () => {
    await Promise.allSettled(counted.map((key) => limiter.refund('codeFailure', key)));
  };
  try {
    for (const key of keys) {
      await limiter.consume('codeFailure', key);
      counted.push(key);
    }
  } catch (err) {
    await refund();
    throw err;
  }
  let result: T;
  try {
    result = await placeOrder();
  } catch (err) {
    if (!(isDomainError(err) && CODE_FAILURES.has(err.reason))) await refund();
    throw err;
  }
  if (!refusedCode(result)) await refund();
  return result;
}
