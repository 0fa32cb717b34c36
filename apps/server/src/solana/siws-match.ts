import type { SignInRequest } from '@puffy/core';
import type { SignInMessageFields } from './siws-parse';

/** Fields the server never issues: a message that carries any of them was not built from ours. */
const NEVER_ISSUED = ['notBefore', 'requestId', 'resources'] as const;

/**
 * The first field in which the wallet's message differs from the request, or null when it matches
 * it all: each issued field present with exactly the issued value, nothing the server did not
 * issue, and the address (when the request named none) is whatever the wallet wrote, to be bound
 * by the signature check that follows.
 */
export function signInMismatch(
  request: SignInRequest,
  message: SignInMessageFields,
): keyof SignInMessageFields | null {
  const issued = [
    'domain',
    'statement',
    'uri',
    'version',
    'chainId',
    'nonce',
    'issuedAt',
    'expirationTime',
  ] as const;
  for (const key of issued) if (message[key] !== request[key]) return key;
  if (request.address !== undefined && message.address !== request.address) return 'address';
  for (const key of NEVER_ISSUED) if (message[key] !== undefined) return key;
  return null;
}
