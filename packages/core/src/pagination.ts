import { base64urlnopad, utf8 } from '@scure/base';
import { z } from 'zod';
import { DomainError } from './errors';

export const PAGE_LIMIT_DEFAULT = 20;
export const PAGE_LIMIT_MAX = 100;
export const CURSOR_MAX_LENGTH = 512;

/** What every list returns. `nextCursor` is null on the last page. */
export type Page<T> = { items: T[]; nextCursor: string | null };

/** Schema for a page of `item`, for documentation and tests of list outputs. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

const paginationShape = {
  // An over-large page is a client asking for too much, not a mistake worth failing the call
  // for, so it is clamped; a zero, negative or fractional page size is a bug and is refused.
  limit: z
    .number()
    .int()
    .min(1)
    .transform((n) => Math.min(n, PAGE_LIMIT_MAX))
    .default(PAGE_LIMIT_DEFAULT)
    .describe(
      `page size; default ${PAGE_LIMIT_DEFAULT}, more than ${PAGE_LIMIT_MAX} reads as ${PAGE_LIMIT_MAX}`,
    ),
  cursor: z
    .string()
    .min(1)
    .max(CURSOR_MAX_LENGTH)
    .optional()
    .describe("the previous page's nextCursor (not with offset)"),
  offset: z.number().int().min(0).optional().describe('rows to skip (not with cursor)'),
  // tRPC's TanStack Query integration adds the infinite query's direction to every page request.
  // Lists page one way only, so only 'forward' is accepted; it changes nothing.
  direction: z
    .literal('forward')
    .optional()
    .describe("'forward' only: sent by tRPC's infinite queries; pages always go forward"),
};

const CURSOR_AND_OFFSET = 'use either cursor or offset, not both';

// Typed loosely because TypeScript cannot see the pagination keys through the generic shape.
function notBothCursorAndOffset(v: { cursor?: unknown; offset?: unknown }): boolean {
  return v.cursor === undefined || v.offset === undefined;
}

/**
 * A strict input object holding the pagination fields plus `shape`. Zod refuses to `.extend()`
 * a refined object, so each list input is built here, once, with the same cursor/offset rule.
 * No input at all means the first page with every default (`product.list.query()`): `prefault`
 * parses `{}` in its place, so the defaults above still apply.
 */
export function paginated<T extends z.ZodRawShape>(shape: T) {
  const page = z
    .strictObject({ ...paginationShape, ...shape })
    .refine(notBothCursorAndOffset, { message: CURSOR_AND_OFFSET, path: ['offset'] });
  // List filters are optional, so `{}` is a valid input; TypeScript cannot see that through `T`.
  return page.prefault({} as z.input<typeof page>);
}

export const Pagination = paginated({});
export type Pagination = z.input<typeof Pagination>;

/** The keyset a list is ordered by: newest first, id breaking ties between equal timestamps. */
export type CursorKey = { createdAt: Date; id: string };

const CursorId = z.uuid();

/**
 * Opaque to clients (they must not build or edit cursors), compact, and URL-safe because list
 * queries travel in `?input=`. The payload is `[epochMs, id]` as JSON.
 */
export function encodeCursor(key: CursorKey): string {
  const ms = key.createdAt.getTime();
  if (!Number.isSafeInteger(ms)) {
    throw new DomainError('INTERNAL', 'cannot build a cursor from an invalid date');
  }
  return base64urlnopad.encode(utf8.decode(JSON.stringify([ms, key.id])));
}

/** The key inside a cursor, or null for anything that is not one we made. Never throws. */
export function decodeCursor(cursor: string): CursorKey | null {
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > CURSOR_MAX_LENGTH) {
    return null;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8.encode(base64urlnopad.decode(cursor)));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) return null;
  const [ms, id] = parsed as unknown[];
  if (typeof ms !== 'number' || !Number.isSafeInteger(ms)) return null;
  const createdAt = new Date(ms);
  // Outside years 1–9999 the ISO form (+010000-…) is not a date Postgres accepts.
  const year = createdAt.getUTCFullYear();
  if (Number.isNaN(createdAt.getTime()) || year < 1 || year > 9999) return null;
  if (!CursorId.safeParse(id).success || typeof id !== 'string') return null;
  return { createdAt, id };
}
