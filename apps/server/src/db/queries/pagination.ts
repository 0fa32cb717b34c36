import { DomainError, decodeCursor, encodeCursor, type Page } from '@puffy/core';
import { type AnyColumn, asc, desc, type SQL, sql } from 'drizzle-orm';

/** A page request after zod: limit already clamped, at most one of cursor/offset. */
export interface PageRequest {
  limit: number;
  cursor?: string | undefined;
  offset?: number | undefined;
}

export type Direction = 'asc' | 'desc';

interface KeysetColumns {
  createdAt: AnyColumn;
  id: AnyColumn;
}

/**
 * The WHERE clause, ORDER BY and LIMIT/OFFSET for a keyset page on (created_at, id).
 * Keyset is the default: its cost does not grow with depth, and rows inserted while a client pages
 * never make it repeat or skip a row. Offset is kept for clients that need to jump to a page.
 */
/** The (created_at, id) a cursor points after; INVALID_CURSOR for one this server did not issue. */
export function afterCursor(cursor: string) {
  const key = decodeCursor(cursor);
  if (!key) throw new DomainError('INVALID_CURSOR', 'cursor is not one this server issued');
  return key;
}

export function keyset(columns: KeysetColumns, page: PageRequest, direction: Direction) {
  let after: SQL | undefined;
  if (page.cursor !== undefined) {
    const key = afterCursor(page.cursor);
    const op = direction === 'asc' ? sql.raw('>') : sql.raw('<');
    after = sql`(${columns.createdAt}, ${columns.id}) ${op} (${key.createdAt.toISOString()}::timestamptz, ${key.id}::uuid)`;
  }
  const order = direction === 'asc' ? asc : desc;
  return {
    after,
    orderBy: [order(columns.createdAt), order(columns.id)] as const,
    // One extra row tells whether another page exists without a COUNT(*).
    limit: page.limit + 1,
    offset: page.cursor === undefined ? (page.offset ?? 0) : 0,
  };
}

/** Trims the look-ahead row and builds the cursor of the last item returned. */
export function toPage<Row extends { createdAt: Date; id: string }, Item>(
  rows: Row[],
  limit: number,
  map: (row: Row) => Item,
): Page<Item> {
  const hasMore = rows.length > limit;
  const kept = hasMore ? rows.slice(0, limit) : rows;
  const last = kept.at(-1);
  return {
    items: kept.map(map),
    nextCursor: hasMore && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
  };
}
