'use client';

import type { CodeCheck, CodeCheckInput } from '@puffy/client';
import { skipToken, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { problemOf } from '../lib/problem';
import { adviceFor } from '../lib/refusals';
import { useTRPC } from '../trpc/react';
import { type CheckoutForm, codesToCheck, type FieldErrors } from './form';
import { codeCheckErrors } from './refusal';

type CodeField = 'passCode' | 'referralCode';

const sameCodes = (a: CodeCheckInput | null, b: CodeCheckInput | null) =>
  a?.passCode === b?.passCode && a?.referralCode === b?.referralCode;

/**
 * Asks the shop about the typed codes (`code.check`) when the buyer leaves a code field, and
 * again before placing the order, so a wrong pass code and a wrong referral code are reported
 * together. The referral discount is known (and shown) only once the shop accepted the code.
 */
export function useCodeCheck(form: CheckoutForm, signedIn: boolean) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [asked, setAsked] = useState<CodeCheckInput | null>(null);
  const query = useQuery(
    trpc.code.check.queryOptions(signedIn && asked ? asked : skipToken, { retry: false }),
  );
  const current = codesToCheck(form);
  // A verdict is about the codes it was asked for: once the buyer edits one, it no longer holds.
  const check: CodeCheck | undefined =
    query.data && sameCodes(asked, current) ? query.data : undefined;
  const failure = query.error && sameCodes(asked, current) ? problemOf(query.error) : null;

  const errors: FieldErrors = check ? codeCheckErrors(check) : {};
  // A refusal of the check itself (too many wrong codes) belongs to the codes, said once.
  if (failure?.kind === 'refused' && current) {
    const field: CodeField = current.passCode ? 'passCode' : 'referralCode';
    errors[field] = adviceFor(failure.reason, { details: failure.details }).text;
  }

  return {
    errors,
    /** The discount, in basis points, of a referral code the shop accepted; else null. */
    discountBps:
      check?.referralCode?.accepted && current?.referralCode
        ? check.referralCode.discountBps
        : null,
    checking: query.isFetching && sameCodes(asked, current),
    /** The buyer left a code field: ask about the codes as they now stand. */
    ask: () => setAsked(current),
    /** Before placing the order: the verdicts for the codes as they stand (null: none, or unknown). */
    async checkNow(): Promise<CodeCheck | null> {
      setAsked(current);
      if (!signedIn || !current) return null;
      try {
        return await queryClient.fetchQuery(
          trpc.code.check.queryOptions(current, { retry: false }),
        );
      } catch {
        // Could not ask (an outage): order.create checks the codes itself.
        return null;
      }
    },
  };
}
