'use client';

import { type ReactNode, useState } from 'react';
import { type LineLimit, limitNote, readQuantity } from '../cart/quantity';

/**
 * − / + buttons around a box the buyer may type into freely; what they typed is read when they
 * leave the box or press Enter (never per keystroke), bounded by `limit`, with a note when the
 * typed number could not be taken as it stands.
 */
export function QuantityStepper({
  id,
  label,
  itemName,
  value,
  limit,
  onChange,
  action,
}: {
  id: string;
  /** The box's label ("Quantity", or "Quantity of Puffy One" in the cart). */
  label: string;
  /** Names the buttons: "One more Puffy One". */
  itemName?: string;
  value: number;
  limit: LineLimit;
  onChange: (quantity: number) => void;
  /** A button beside the stepper ("Add to cart"): a note appearing below cannot move it. */
  action?: ReactNode;
}) {
  const [text, setText] = useState(String(value));
  const [shown, setShown] = useState(value);
  const [note, setNote] = useState<string | null>(null);
  // The quantity changed from outside (a button, another tab): show it.
  if (shown !== value) {
    setShown(value);
    setText(String(value));
  }
  const noteId = `${id}-note`;
  const set = (quantity: number) => {
    setText(String(quantity));
    if (quantity !== value) onChange(quantity);
  };
  const commit = () => {
    const reading = readQuantity(text, value, limit);
    setNote(reading.note);
    set(reading.quantity);
  };
  const step = (by: number) => {
    // Down is always allowed (a line may hold more than is left in stock); up stops at the limit.
    const next = by < 0 ? Math.min(value - 1, limit.max) : value + 1;
    if (next < 1 || (by > 0 && next > limit.max)) return;
    setNote(next === limit.max && limit.why === 'stock' ? limitNote(limit) : null);
    set(next);
  };
  const suffix = itemName ? ` ${itemName}` : '';
  return (
    <div className="stepper-field">
      <label htmlFor={id}>{label}</label>
      <div className="stepper-row">
        <div className="stepper">
          <button
            type="button"
            className="secondary step"
            aria-label={`One fewer${suffix}`}
            disabled={value <= 1}
            onClick={() => step(-1)}
          >
            −
          </button>
          <input
            id={id}
            inputMode="numeric"
            autoComplete="off"
            value={text}
            aria-invalid={note ? true : undefined}
            aria-describedby={note ? noteId : undefined}
            onChange={(e) => setText(e.target.value)}
            onBlur={commit}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                commit();
              }
            }}
          />
          <button
            type="button"
            className="secondary step"
            aria-label={`One more${suffix}`}
            disabled={value >= limit.max}
            onClick={() => step(1)}
          >
            +
          </button>
        </div>
        {action}
      </div>
      {note && (
        <p className="error" id={noteId}>
          {note}
        </p>
      )}
    </div>
  );
}
