import type { z } from 'zod';

/**
 * Shared rules of the admin's forms: typed text is read into the value the API takes (a whole
 * number, cents), then checked with core's schema for that input — the very one the server
 * parses — and each field that fails gets a sentence an admin can act on, never zod's wording.
 */

export type FormErrors<F extends string> = Partial<Record<F | 'form', string>>;

/** A whole number as typed ("40", "1,000"); NaN for anything else ("lots", "4.5", ""), which
 * every integer rule of core's schemas refuses. */
export function wholeNumber(text: string): number {
  const trimmed = text.trim().replaceAll(',', '');
  return /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/**
 * Parses `input` with `schema`; every field named by an issue's path gets its message from
 * `messages` (one sentence per field, whatever the issue), anything else goes on the form.
 */
export function checkWith<F extends string>(
  schema: z.ZodType,
  input: unknown,
  messages: Record<F, string>,
): FormErrors<F> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return {};
  const errors: FormErrors<F> = {};
  for (const issue of parsed.error.issues) {
    const head = issue.path[0];
    if (typeof head === 'string' && head in messages) {
      errors[head as F] ??= messages[head as F];
    } else {
      errors.form ??= 'Something in this form is not accepted. Check each field.';
    }
  }
  return errors;
}

export const hasErrors = (errors: object) => Object.keys(errors).length > 0;
