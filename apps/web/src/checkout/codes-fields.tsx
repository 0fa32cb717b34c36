'use client';

import { describedBy, ErrorText, TextField } from '../components/field';
import type { CheckoutForm, FieldErrors } from './form';

/** Pass and referral codes (each checked by the shop when the buyer leaves it) and the age box. */
export function CodesFields({
  form,
  errors,
  notes,
  needsPass,
  hasVape,
  update,
  onCodeBlur,
}: {
  form: CheckoutForm;
  errors: FieldErrors;
  /** What the shop said about a code it accepted, or that it is checking it. */
  notes: { passCode?: string; referralCode?: string };
  needsPass: boolean;
  hasVape: boolean;
  update: <K extends 'passCode' | 'referralCode' | 'ageConfirmed'>(
    field: K,
    value: CheckoutForm[K],
  ) => void;
  onCodeBlur: () => void;
}) {
  return (
    <section className="panel" aria-labelledby="codes-heading">
      <h2 id="codes-heading">Codes and confirmation</h2>
      <TextField
        id="passCode"
        label={needsPass ? 'Pass code' : 'Pass code (optional)'}
        value={form.passCode}
        error={errors.passCode}
        autoComplete="off"
        hint={
          notes.passCode ??
          (needsPass ? 'Your cart has pass-holder products: a pass code is needed.' : undefined)
        }
        onChange={(value) => update('passCode', value)}
        onBlur={onCodeBlur}
      />
      <TextField
        id="referralCode"
        label="Referral code (optional)"
        value={form.referralCode}
        error={errors.referralCode}
        autoComplete="off"
        hint={notes.referralCode}
        onChange={(value) => update('referralCode', value)}
        onBlur={onCodeBlur}
      />
      <div className="field check">
        <input
          id="ageConfirmed"
          type="checkbox"
          checked={form.ageConfirmed}
          {...describedBy('ageConfirmed', errors.ageConfirmed)}
          onChange={(e) => update('ageConfirmed', e.target.checked)}
        />
        <label htmlFor="ageConfirmed">
          I am of legal age to buy vape products{hasVape ? '' : ' (needed for vapes only)'}
        </label>
      </div>
      <ErrorText id="ageConfirmed-error" message={errors.ageConfirmed} />
    </section>
  );
}
