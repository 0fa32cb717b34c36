import { z } from 'zod';

/** Every entity id is a uuid; anything else is refused before it reaches SQL. */
export const Id = z.uuid();
export type Id = z.infer<typeof Id>;

export const ByIdInput = z.strictObject({ id: Id });
export type ByIdInput = z.input<typeof ByIdInput>;

/** Opaque tokens we mint ourselves (session ids, OAuth state): URL-safe, no surprises. */
export const URL_SAFE_TOKEN = /^[A-Za-z0-9_-]+$/;
