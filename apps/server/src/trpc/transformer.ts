import { transformer } from '@puffy/core';
import type { CombinedDataTransformer } from '@trpc/server';
import { z } from 'zod';
import { ReasonedTRPCError } from './errors';
import { fastOutput } from './output-serializer';

/**
 * The annotations our inputs can carry: `Date` (pass-code expiry), `bigint` and `undefined` (an
 * explicitly absent field). Anything else superjson can express — maps, sets, classes, custom
 * types, referential equalities (which can build cycles) — no input of ours needs.
 */
const INPUT_ANNOTATIONS = ['Date', 'bigint', 'undefined'] as const;
const MAX_PATH_LENGTH = 256;
const MAX_PATH_DEPTH = 16;
const MAX_ANNOTATIONS = 1000;
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype']);

const Leaf = z.tuple([z.enum(INPUT_ANNOTATIONS)]);

/** superjson paths are dot-separated, with literal dots escaped as `\.`. */
function isAllowedPath(path: string): boolean {
  if (path.length > MAX_PATH_LENGTH) return false;
  const segments = path.split(/(?<!\\)\./);
  return segments.length <= MAX_PATH_DEPTH && !segments.some((s) => FORBIDDEN_SEGMENTS.has(s));
}

// Checked by hand rather than with z.record: zod passes a `__proto__` key through unchecked.
const AnnotationsByPath = z.custom<Record<string, unknown>>((values) => {
  if (values === null || typeof values !== 'object' || Array.isArray(values)) return false;
  const entries = Object.entries(values);
  return (
    entries.length <= MAX_ANNOTATIONS &&
    entries.every(([path, leaf]) => isAllowedPath(path) && Leaf.safeParse(leaf).success)
  );
});

const InputMeta = z.strictObject({
  values: z.union([Leaf, AnnotationsByPath]).optional(),
  v: z.number().int().optional(),
});

/**
 * Checks superjson's `meta` before superjson walks it: a malformed one (`{"values":{"id":"bogus"}}`
 * or a very deep path) made the deserializer recurse until the stack overflowed, and that internal
 * message went back to the client. Refused here, it is a plain VALIDATION_FAILED.
 */
export function deserializeInput(payload: unknown): unknown {
  if (payload !== null && typeof payload === 'object' && 'meta' in payload) {
    const { meta } = payload as { meta: unknown };
    if (meta !== undefined && !InputMeta.safeParse(meta).success) {
      throw new ReasonedTRPCError(
        'VALIDATION_FAILED',
        'The input\'s type annotations ("meta") are not valid',
      );
    }
  }
  return transformer.deserialize(payload);
}

/**
 * The server's transformer: core's superjson, with inputs checked first and answers written by
 * the fast serializer (byte-identical to superjson's), so the client, which uses core's transformer
 * directly, reads them as before.
 */
export const serverTransformer: CombinedDataTransformer = {
  input: { serialize: transformer.serialize, deserialize: deserializeInput },
  output: fastOutput,
};
