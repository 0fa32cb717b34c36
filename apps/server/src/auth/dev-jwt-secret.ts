import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/** Shorter than this, a file is not a secret this module wrote (someone edited or truncated it). */
const MIN_SECRET_BYTES = 32;

/** Where the development JWT secret lives: beside the embedded database's folder (`.data/jwt-secret`). */
export function devJwtSecretPath(pgliteDir: string): string {
  return join(dirname(resolve(pgliteDir)), 'jwt-secret');
}

/**
 * The development JWT secret: read from `path`, or made once and written there (mode 0600), so a
 * restart of `pnpm dev` keeps every session. Only for a process with no JWT_SECRET, which
 * production never is (its settings require one). Two processes starting at once agree: the file
 * is created exclusively and the loser reads the winner's.
 */
export async function loadOrCreateDevJwtSecret(path: string): Promise<string> {
  const existing = await readSecret(path);
  if (existing !== null) return existing;
  await mkdir(dirname(path), { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  try {
    await writeFile(path, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const raced = await readSecret(path);
    if (raced === null) throw new Error(`${path} exists but holds no usable secret`);
    return raced;
  }
}

async function readSecret(path: string): Promise<string | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const secret = text.trim();
  if (Buffer.byteLength(secret, 'utf8') < MIN_SECRET_BYTES) {
    throw new Error(`${path} holds no usable secret (under 32 bytes): delete it to make a new one`);
  }
  return secret;
}
