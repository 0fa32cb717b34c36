import { fileURLToPath } from 'node:url';

/**
 * drizzle-kit's output folder. This file sits one level below the package root in src/, and the
 * production bundle (dist/main.js) does too, so the same relative URL works for both.
 */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../drizzle', import.meta.url));
