import superjson from 'superjson';
import { fastSerialize } from './fast-serialize';

/**
 * The one tRPC transformer. Server and client both import it from here, so the two sides can
 * never run different superjson versions or settings (Dates and bigints must survive the wire).
 * Serialising takes a fast path for plain API shapes that produces superjson's exact output;
 * deserialising is superjson's own.
 */
export const transformer = {
  serialize: (value: unknown) => fastSerialize(value) ?? superjson.serialize(value),
  deserialize: <T = unknown>(payload: unknown): T =>
    superjson.deserialize<T>(payload as Parameters<typeof superjson.deserialize>[0]),
};
