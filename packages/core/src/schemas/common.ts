import { z } from 'zod';

/** Every entity id is a uuid; anything else is refused before it reaches SQL. */
export const Id = z.uuid();
export type Id = z.infer<typeof Id>;

export const ByIdInput = z.strictObject({ id: Id });
export type ByIdInput = z.input<typeof ByIdInput>;

/** Opaque tokens we mint ourselves (session ids, OAuth state): URL-safe, no surprises. */
export const URL_SAFE_TOKEN = /^[A-Za-z0-9_-]+$/;

/** True when `s` has no C0 control character other than tab, LF and CR, and no DEL. */
function isPrintable(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return false;
  }
  return true;
}

/**
 * Free text that is stored: Postgres `text` cannot hold NUL, and other control characters
 * (besides tab and newlines) have no business in names, addresses or notes.
 */
export const storableText = (max: number) =>
  z.string().max(max).refine(isPrintable, 'control characters are not allowed');

/** Dates Postgres stores and JavaScript round-trips: years 2000 to 9999. */
export const StorableDate = z
  .date()
  .min(new Date('2000-01-01T00:00:00.000Z'), 'must be in the year 2000 or later')
  .max(new Date('9999-12-31T23:59:59.999Z'), 'must be before the year 10000');

/** What a mutation with nothing else to say returns (`auth.logout`, `twitter.unlink`). */
export const Ok = z.object({ ok: z.literal(true) });
export type Ok = z.infer<typeof Ok>;
