import { transformer } from '@puffy/core';
import superjson from 'superjson';
import { fastSerialize } from './fast-serialize';

/**
 * How the server writes answers: `fastSerialize` produces superjson's exact output for plain API
 * shapes, and superjson itself writes anything else. A server-side optimisation only: browsers
 * never load it, and the client reads the answers with core's plain superjson transformer.
 */
export const fastOutput = {
  serialize: (value: unknown) => fastSerialize(value) ?? superjson.serialize(value),
  deserialize: transformer.deserialize,
};
