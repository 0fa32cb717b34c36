import type { SuperJSONResult } from 'superjson';

/** Thrown inside the walk when a value needs superjson's general machinery. */
class NeedsSuperjson {}
const NEEDS_SUPERJSON = new NeedsSuperjson();

type Annotation = ['Date'] | ['bigint'];

/** Keys superjson refuses (prototype pollution guard) or escapes: let superjson handle them. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const INTEGER_LIKE = /^(0|[1-9][0-9]*)$/;

/**
 * superjson's `serialize`, for the shapes API responses actually have — plain objects, arrays,
 * strings, finite numbers, booleans, null, Dates and bigints — in one tight walk. superjson's
 * general walker costs ~120 µs for a page of 20 products on our hardware, most of a request's
 * serialisation (docs/benchmarks.md). Anything else (undefined, NaN, -0, Map, Set, class
 * instances, a repeated object or bigint, keys superjson escapes) returns `undefined` and the
 * caller uses superjson itself, so the wire format is always exactly superjson's: a property test
 * compares the JSON text, key order included.
 *
 * Order of `meta.values`: superjson builds it level by level as plain objects, so an annotated
 * value whose own key is integer-like ("3") is hoisted before its siblings' nested paths. The
 * walk's visiting order equals superjson's exactly when no annotated value sits at an integer-like
 * key, so that case (an array of bare Dates, say) is left to superjson.
 */
export function fastSerialize(value: unknown): SuperJSONResult | undefined {
  const values: Record<string, Annotation> = {};
  let annotated = false;
  const seen = new Set<unknown>();
  // Keys from the root to the current value; joined into a path only when a value is annotated.
  const path: string[] = [];
  const annotate = (type: Annotation) => {
    const last = path[path.length - 1];
    // A bare Date/bigint at the root has a different meta shape; superjson handles it.
    if (last === undefined || INTEGER_LIKE.test(last)) throw NEEDS_SUPERJSON;
    values[path.join('.')] = type;
    annotated = true;
  };

  const walk = (v: unknown): unknown => {
    switch (typeof v) {
      case 'string':
      case 'boolean':
        return v;
      case 'number':
        if (!Number.isFinite(v) || Object.is(v, -0)) throw NEEDS_SUPERJSON;
        return v;
      case 'bigint':
        // superjson tracks bigints by value for referential equality: a repeat needs it.
        if (seen.has(v)) throw NEEDS_SUPERJSON;
        seen.add(v);
        annotate(['bigint']);
        return v.toString();
      case 'object': {
        if (v === null) return null;
        if (seen.has(v)) throw NEEDS_SUPERJSON; // superjson records referential equality
        seen.add(v);
        if (v instanceof Date) {
          if (Number.isNaN(v.getTime())) throw NEEDS_SUPERJSON;
          annotate(['Date']);
          return v.toISOString();
        }
        if (Array.isArray(v)) {
          const out = new Array<unknown>(v.length);
          for (let i = 0; i < v.length; i++) {
            const item: unknown = v[i];
            if (item === undefined) throw NEEDS_SUPERJSON;
            path.push(String(i));
            out[i] = walk(item);
            path.pop();
          }
          return out;
        }
        const proto: unknown = Object.getPrototypeOf(v);
        if (proto !== Object.prototype && proto !== null) throw NEEDS_SUPERJSON;
        const out: Record<string, unknown> = {};
        for (const key of Object.keys(v)) {
          if (key === '' || UNSAFE_KEYS.has(key) || key.includes('.') || key.includes('\\')) {
            throw NEEDS_SUPERJSON;
          }
          const item: unknown = (v as Record<string, unknown>)[key];
          if (item === undefined) throw NEEDS_SUPERJSON;
          path.push(key);
          out[key] = walk(item);
          path.pop();
        }
        return out;
      }
      default:
        throw NEEDS_SUPERJSON;
    }
  };

  try {
    const json = walk(value);
    return (annotated ? { json, meta: { values, v: 1 } } : { json }) as SuperJSONResult;
  } catch (err) {
    if (err === NEEDS_SUPERJSON) return undefined;
    throw err;
  }
}
