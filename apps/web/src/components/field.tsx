'use client';

import type { ReactNode } from 'react';

/** A field's message under it, tied to the field by `aria-describedby`. */
export function ErrorText({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="error" id={id}>
      {message}
    </p>
  );
}

/** Props that tie a field to its message (and mark it invalid) when there is one. */
export function describedBy(id: string, error: string | undefined, hintId?: string) {
  const ids = [error ? `${id}-error` : null, hintId ?? null].filter(Boolean).join(' ');
  return {
    'aria-invalid': error ? (true as const) : undefined,
    'aria-describedby': ids || undefined,
  };
}

/** A labelled text input with its message. */
export function TextField(props: {
  id: string;
  label: string;
  value: string;
  error: string | undefined;
  type?: string;
  autoComplete?: string;
  inputMode?: 'numeric' | 'decimal' | 'text' | 'email' | 'tel';
  hint?: ReactNode;
  className?: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
}) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  return (
    <div className={props.className ? `field ${props.className}` : 'field'}>
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type={props.type ?? 'text'}
        value={props.value}
        autoComplete={props.autoComplete}
        inputMode={props.inputMode}
        {...describedBy(props.id, props.error, hintId)}
        onChange={(e) => props.onChange(e.target.value)}
        onBlur={props.onBlur}
      />
      {props.hint && (
        <p className="hint" id={hintId}>
          {props.hint}
        </p>
      )}
      <ErrorText id={`${props.id}-error`} message={props.error} />
    </div>
  );
}

/** What the page says after a write went through ("Saved Puffy One."). */
export function Success({ message }: { message: string | null }) {
  return message ? (
    <p className="notice" role="status">
      {message}
    </p>
  ) : null;
}
