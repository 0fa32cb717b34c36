'use client';

import type { RouterOutputs } from '@puffy/client';
import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { usdc } from '../lib/money';
import { useTRPC } from '../trpc/react';
import {
  confirmationOf,
  EMPTY_RESOLVE_FORM,
  RESOLUTION_LABELS,
  type ResolveErrors,
  type ResolveField,
  type ResolveForm,
  resolutionsFor,
  resolveErrorsFrom,
  resolveInputOf,
  showsRefundSignature,
  validateResolve,
} from './resolve-form';

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

type ReviewPayment = RouterOutputs['admin']['payment']['needsReview']['items'][number];

const when = (d: Date) =>
  d.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** `5VERv8…kEpAu`: enough of a signature to tell transfers apart; the whole one is its title. */
const shortSignature = (s: string) => (s.length > 14 ? `${s.slice(0, 6)}…${s.slice(-5)}` : s);

function transferState(t: ReviewPayment['transfers'][number]): string {
  if (t.missingSince) return `Missing since ${when(t.missingSince)} UTC`;
  return t.finalized ? 'Finalized' : 'Not finalized yet';
}

function ResolvePaymentForm({
  item,
  onResolved,
}: {
  item: ReviewPayment;
  onResolved: (message: string) => void;
}) {
  const trpc = useTRPC();
  const [form, setForm] = useState<ResolveForm>(EMPTY_RESOLVE_FORM);
  const [errors, setErrors] = useState<ResolveErrors>({});
  const [confirming, setConfirming] = useState(false);
  const resolve = useMutation(
    trpc.admin.payment.resolve.mutationOptions({
      onSuccess: (_item, input) => {
        setErrors({});
        setConfirming(false);
        onResolved(
          `Payment for order ${item.order.id.slice(0, 8)} resolved as ${RESOLUTION_LABELS[input.resolution].toLowerCase()}.`,
        );
      },
      onError: (err) => {
        setConfirming(false);
        setErrors(resolveErrorsFrom(err));
      },
    }),
  );
  const set = <K extends keyof ResolveForm>(key: K, value: ResolveForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined, form: undefined }));
    setConfirming(false);
  };
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const problems = validateResolve(item.id, form);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    // Money decisions are asked twice; a dismissal changes nothing and goes at once.
    if (confirmationOf(form.resolution) && !confirming) return setConfirming(true);
    resolve.mutate(resolveInputOf(item.id, form));
  };
  const question = confirmationOf(form.resolution);
  const id = (field: ResolveField) => `resolve-${item.id}-${field}`;
  const described = (field: ResolveField) =>
    errors[field]
      ? { 'aria-invalid': true as const, 'aria-describedby': `${id(field)}-error` }
      : {};
  const error = (field: ResolveField) =>
    errors[field] ? (
      <p className="error" id={`${id(field)}-error`}>
        {errors[field]}
      </p>
    ) : null;
  return (
    <form className="resolve-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={id('resolution')}>Resolution</label>
        <select
          id={id('resolution')}
          value={form.resolution}
          {...described('resolution')}
          onChange={(e) => set('resolution', e.target.value as ResolveForm['resolution'])}
        >
          {resolutionsFor(item).map((r) => (
            <option key={r} value={r}>
              {RESOLUTION_LABELS[r]}
            </option>
          ))}
        </select>
        {error('resolution')}
      </div>
      <div className="field">
        <label htmlFor={id('note')}>Note</label>
        <input
          id={id('note')}
          value={form.note}
          required
          maxLength={1000}
          {...described('note')}
          onChange={(e) => set('note', e.target.value)}
        />
        {error('note')}
      </div>
      {showsRefundSignature(form) && (
        <div className="field">
          <label htmlFor={id('refundSignature')}>Refund transaction signature</label>
          <input
            id={id('refundSignature')}
            className="mono"
            value={form.refundSignature}
            spellCheck={false}
            autoComplete="off"
            {...described('refundSignature')}
            onChange={(e) => set('refundSignature', e.target.value)}
          />
          {error('refundSignature')}
        </div>
      )}
      {confirming && question ? (
        <fieldset className="confirm">
          <legend>{question}</legend>
          <div className="actions">
            <button type="submit" disabled={resolve.isPending}>
              Yes, resolve as {RESOLUTION_LABELS[form.resolution].toLowerCase()}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              Go back
            </button>
          </div>
        </fieldset>
      ) : (
        <div className="resolve-submit">
          <button type="submit" disabled={resolve.isPending}>
            Resolve payment
          </button>
        </div>
      )}
      {errors.form && (
        <p className="notice bad" role="alert">
          {errors.form}
        </p>
      )}
    </form>
  );
}

/** One payment needing review: why, its order, the amounts, every transfer, and how to close it. */
export function ReviewItem({
  item,
  onResolved,
}: {
  item: ReviewPayment;
  onResolved: (message: string) => void;
}) {
  const short = item.order.id.slice(0, 8);
  const headingId = `review-${item.id}-heading`;
  return (
    <article className="card review-item" aria-labelledby={headingId}>
      <h3 id={headingId}>
        Payment for order <Link href={`/orders/${item.order.id}`}>{short}</Link>
      </h3>
      <p>
        <span className="status" data-status={item.order.status}>
          {item.order.status}
        </span>{' '}
        <span className="muted">payment {item.status}</span>
      </p>
      <p className="review-reason">{capitalise(item.reason)}</p>
      <dl className="amounts">
        <div>
          <dt>Expected</dt>
          <dd>{usdc(item.expectedBaseUnits)}</dd>
        </div>
        <div>
          <dt>Received</dt>
          <dd>{item.receivedBaseUnits === null ? '—' : usdc(item.receivedBaseUnits)}</dd>
        </div>
        <div>
          <dt>Overpaid</dt>
          <dd>{usdc(item.overpaidBaseUnits)}</dd>
        </div>
      </dl>
      {item.transfers.length > 0 ? (
        <table aria-label={`Transfers for order ${short}`}>
          <thead>
            <tr>
              <th scope="col">Transfer</th>
              <th scope="col" className="num">
                Amount
              </th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {item.transfers.map((t) => (
              <tr key={t.signature}>
                <td className="mono" title={t.signature}>
                  {shortSignature(t.signature)}
                </td>
                <td className="num">{usdc(t.amountBaseUnits)}</td>
                <td>{transferState(t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">No transfers recorded.</p>
      )}
      {item.resolutions.length > 0 && (
        <p className="muted">
          Reopened; earlier:{' '}
          {item.resolutions
            .map(
              (r) =>
                `${RESOLUTION_LABELS[r.resolution]} on ${when(r.at)} (${r.note})${r.refundBaseUnits !== null ? `, ${usdc(r.refundBaseUnits)} sent back` : ''}`,
            )
            .join('; ')}
        </p>
      )}
      <ResolvePaymentForm item={item} onResolved={onResolved} />
    </article>
  );
}
