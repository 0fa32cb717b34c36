import superjson from 'superjson';

/**
 * The one tRPC transformer: superjson, so Dates and bigints survive the wire. The client and the
 * storefront use it as it is; the server reads requests with it and writes answers with an
 * equivalent, faster serializer of its own (same bytes), so the two sides cannot drift apart.
 */
export const transformer = {
  serialize: (value: unknown) => superjson.serialize(value),
  deserialize: <T = unknown>(payload: unknown): T =>
    superjson.deserialize<T>(payload as Parameters<typeof superjson.deserialize>[0]),
};
