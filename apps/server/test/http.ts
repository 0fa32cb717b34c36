import { transformer } from '@puffy/core';
import { createTRPCClient, httpLink } from '@trpc/client';
import type { AppRouter } from '../src/trpc/router';

/** A typed tRPC client over real HTTP (no batching, so each call is its own request). */
export function trpcClient(baseUrl: string, getToken?: () => string | undefined) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${baseUrl}/trpc`,
        transformer,
        headers: () => {
          const token = getToken?.();
          return token ? { authorization: `Bearer ${token}` } : {};
        },
      }),
    ],
  });
}

/** superjson refuses some hostile shapes (a `constructor` key) on the client side; send them anyway. */
function serializeLeniently(input: unknown): unknown {
  try {
    return transformer.serialize(input);
  } catch {
    return { json: input };
  }
}

export interface RawTrpcResponse {
  status: number;
  body: unknown;
}

/**
 * Sends an arbitrary JSON value as a procedure's input, bypassing the typed client, the way a
 * hostile or buggy client would. `input` is superjson-encoded unless `raw` is set.
 */
export async function rawCall(
  baseUrl: string,
  path: string,
  type: 'query' | 'mutation',
  input: unknown,
  options: { raw?: boolean; headers?: Record<string, string> } = {},
): Promise<RawTrpcResponse> {
  const encoded = options.raw ? input : serializeLeniently(input);
  const headers = { 'content-type': 'application/json', ...options.headers };
  const res =
    type === 'query'
      ? await fetch(
          `${baseUrl}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(encoded) ?? '')}`,
          { headers },
        )
      : await fetch(`${baseUrl}/trpc/${path}`, {
          method: 'POST',
          headers,
          body: JSON.stringify(encoded) ?? '',
        });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: res.status, body };
}
