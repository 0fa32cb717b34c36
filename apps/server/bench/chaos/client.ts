import type { Answer, Requests } from './requests';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * What a well-behaved client does with an answer that is not one: try again (another instance,
 * after a pause) while it is a 503 or a lost request, up to a deadline. Only safe for calls that
 * are idempotent (queries, and mutations carrying an idempotency key or whose retry is harmless).
 */
export async function callWithRetry(
  requests: Requests,
  path: string,
  type: 'query' | 'mutation',
  input: unknown,
  token?: string,
  deadlineMs = 90_000,
): Promise<Answer & { attempts: number }> {
  const deadline = Date.now() + deadlineMs;
  for (let attempts = 1; ; attempts++) {
    const answer = await requests.call(path, type, input, token);
    const retry = answer.outcome !== 'ok' && answer.outcome !== 'refused';
    if (!retry || Date.now() > deadline) return { ...answer, attempts };
    await sleep(Math.min(2000, 100 * 2 ** Math.min(attempts, 5)));
  }
}
