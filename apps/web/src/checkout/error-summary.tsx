'use client';

import Link from 'next/link';
import { useEffect, useRef } from 'react';
import type { Advice } from '../lib/refusals';
import { ADDRESS_LABELS, type FieldErrors, type FieldName } from './form';

const LABELS: Record<Exclude<FieldName, 'form'>, string> = {
  ...ADDRESS_LABELS,
  passCode: 'Pass code',
  referralCode: 'Referral code',
  ageConfirmed: 'Age',
  items: 'Your cart',
};

/** The field order on the page, so the summary reads top to bottom like the form. */
const ORDER = Object.keys(LABELS) as Array<Exclude<FieldName, 'form'>>;

/** The message, led by the field's name unless it already says it ("Full name is required"). */
export function summaryLine(field: Exclude<FieldName, 'form'>, message: string): string {
  const name = LABELS[field].replace(/ \(optional\)$/, '');
  const said = name
    .toLowerCase()
    .split(' ')
    .filter((w) => w !== 'your')
    .every((w) => message.toLowerCase().includes(w));
  return said ? message : `${name}: ${message}`;
}

/** Where a summary link takes the buyer: the field itself, or the cart's heading. */
const targetOf = (field: Exclude<FieldName, 'form'>) =>
  field === 'items' ? 'cart-heading' : field;

/**
 * After a failed "Place order": every problem in one box at the top of the form, which takes
 * focus (so a phone screen and a screen reader both start there), each linking to its field.
 * `attempt` counts failed attempts: each one moves focus here again.
 */
export function ErrorSummary({
  errors,
  formAdvice,
  attempt,
}: {
  errors: FieldErrors;
  formAdvice: Advice | null;
  attempt: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  const items = ORDER.flatMap((field) => {
    const message = errors[field];
    return message ? [{ field, message }] : [];
  });
  const count = items.length + (formAdvice ? 1 : 0);
  useEffect(() => {
    if (attempt > 0) box.current?.focus();
  }, [attempt]);
  if (count === 0) return null;

  const jump = (event: React.MouseEvent, id: string) => {
    const target = document.getElementById(id);
    if (!target) return;
    event.preventDefault();
    target.scrollIntoView({ block: 'center' });
    target.focus({ preventScroll: true });
  };
  return (
    <div
      ref={box}
      className="error-summary"
      tabIndex={-1}
      role="alert"
      aria-labelledby="error-summary-title"
    >
      <h2 id="error-summary-title">
        {count === 1 ? 'Your order could not be placed' : `${count} things to fix before ordering`}
      </h2>
      {formAdvice && (
        <p>
          {formAdvice.text}
          {formAdvice.link && (
            <>
              {' '}
              <Link href={formAdvice.link.href}>{formAdvice.link.label}</Link>
            </>
          )}
        </p>
      )}
      {items.length > 0 && (
        <ul>
          {items.map(({ field, message }) => (
            <li key={field}>
              <a
                className="summary-link"
                href={`#${targetOf(field)}`}
                onClick={(e) => jump(e, targetOf(field))}
              >
                {summaryLine(field, message)}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
