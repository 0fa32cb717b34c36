import { fileURLToPath } from 'node:url';

/**
 * drizzle-kit's output folder. This file sits one level below the package root in src/, and the
 * production bundle (dist/main.js) does too, so the same relative URL works for both.
 */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../drizzle', import.meta.url));

/** The settings file `pnpm dev`, `pnpm start`, the CLI scripts and `pnpm bench` read: the repo root's. */
export const REPO_ENV_FILE = fileURLToPath(new URL('../../../.env', import.meta.url));

/** Every setting with its default and meaning, committed beside the ignored `.env`. */
export const REPO_ENV_EXAMPLE = fileURLToPath(new URL('../../../.env.example', import.meta.url));

/** The API reference `pnpm docs:api` writes. */
export const REPO_API_DOC = fileURLToPath(new URL('../../../docs/api.md', import.meta.url));
