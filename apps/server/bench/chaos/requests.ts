import { transformer } from '@puffy/core';
import type { Cluster } from './cluster';

/**
 * Every HTTP call the soak's clients make, sent to one API instance and sorted by what came back:
 * - `ok`: 2xx; `refused`: a 4xx with a tRPC reason (the shop said no, as it should);
 * - `unavailable`: 503 with Retry-After (a dependency or a restart, said properly);
 * - `lost`: a connection reset, no answer, or any other 5xx; `lost (killed -9)` when the instance
 *   that had the request was killed with -9 meanwhile: only those losses are excused.
 */
export type Outcome = 'ok' | 'refused' | 'unavailable' | 'lost' | 'lost (killed -9)';

export interface Answer {
  outcome: Outcome;
  status: number;
  data?: unknown;
  reason?: string;
  code?: string;
}

export class Requests {
  readonly counts = new Map<Outcome, number>();
  readonly lostDetails: string[] = [];
  inFlight = 0;
  private next = 0;

  constructor(
    private readonly cluster: Cluster,
    private readonly timeoutMs = 30_000,
  ) {}

  /** One call to the next API instance in rotation (a balancer's round robin). */
  async call(
    path: string,
    type: 'query' | 'mutation',
    input: unknown,
    token?: string,
  ): Promise<Answer> {
    const instance = this.cluster.pickApi(this.next++);
    if (!instance) return this.count({ outcome: 'unavailable', status: 0 });
    const generation = instance.generation;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const encoded = input === undefined ? undefined : JSON.stringify(transformer.serialize(input));
    const url =
      type === 'query'
        ? `${instance.url}/trpc/${path}${encoded ? `?input=${encodeURIComponent(encoded)}` : ''}`
        : `${instance.url}/trpc/${path}`;
    this.inFlight++;
    try {
      const res = await fetch(url, {
        method: type === 'query' ? 'GET' : 'POST',
        headers,
        ...(type === 'mutation' ? { body: encoded ?? '' } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await res.text();
      let body: { result?: { data?: unknown }; error?: { json?: ErrorJson } } = {};
      try {
        body = JSON.parse(text);
      } catch {}
      if (res.ok) {
        const raw = body.result?.data as { json: unknown; meta?: unknown } | undefined;
        const data = raw === undefined ? undefined : transformer.deserialize(raw as never);
        return this.count({ outcome: 'ok', status: res.status, data });
      }
      const error = body.error?.json;
      const answer = {
        status: res.status,
        reason: error?.data?.reason,
        code: error?.data?.code,
      };
      if (res.status === 503 && res.headers.get('retry-after')) {
        return this.count({ outcome: 'unavailable', ...answer });
      }
      if (res.status >= 500) {
        return this.lose(
          instance,
          generation,
          `${path}: ${res.status} ${error?.message ?? text.slice(0, 200)}`,
          answer,
        );
      }
      return this.count({ outcome: 'refused', ...answer });
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
      return this.lose(instance, generation, `${path}: ${cause}`, { status: 0 });
    } finally {
      this.inFlight--;
    }
  }

  private lose(
    instance: { killedGenerations: Set<number>; name: string },
    generation: number,
    detail: string,
    answer: Omit<Answer, 'outcome'>,
  ): Answer {
    if (instance.killedGenerations.has(generation)) {
      return this.count({ outcome: 'lost (killed -9)', ...answer });
    }
    this.lostDetails.push(`${instance.name}#${generation} ${detail}`);
    return this.count({ outcome: 'lost', ...answer });
  }

  private count(answer: Answer): Answer {
    this.counts.set(answer.outcome, (this.counts.get(answer.outcome) ?? 0) + 1);
    return answer;
  }

  lost(): number {
    return this.counts.get('lost') ?? 0;
  }
}

interface ErrorJson {
  message?: string;
  data?: { code?: string; reason?: string; httpStatus?: number };
}
