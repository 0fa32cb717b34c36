import { transformer } from '@puffy/core';
import superjson from 'superjson';
import { fastSerialize } from './fast-serialize';

/**
 * tRPC's transformer on the server: requests are read with core's superjson transformer, answers
 * are written by `fastSerialize` — superjson's exact output for plain API shapes, superjson itself
 * for anything else. A server-side optimisation only: browsers never load it.
 */
export const serverTransformer = {
  input: transformer,
  output: {
    serialize: (value: unknown) => fastSerialize(value) ?? superjson.serialize(value),
    deserialize: transformer.deserialize,
  },
};
