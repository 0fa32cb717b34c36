import { callWithRetry } from './client';
import type { Requests } from './requests';
import type { Session } from './shop';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface AdminStats {
  moves: Map<string, number>;
  resolutions: Map<string, number>;
  refusals: Map<string, number>;
  /** Resolutions sent again (as after a lost answer) that did not converge on the first one. */
  diverged: string[];
  resent: number;
}

export function newAdminStats(): AdminStats {
  return { moves: new Map(), resolutions: new Map(), refusals: new Map(), diverged: [], resent: 0 };
}

const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

interface ReviewItem {
  id: string;
  status: string;
}

function resolutionFor(status: string): 'refunded' | 'accepted' | 'dismissed' {
  const roll = Math.random();
  switch (status) {
    case 'underpaid':
      return roll < 0.4 ? 'accepted' : roll < 0.8 ? 'refunded' : 'dismissed';
    case 'overpaid':
      return roll < 0.6 ? 'accepted' : 'refunded';
    case 'late':
      return 'refunded';
    default:
      return 'dismissed';
  }
}

/**
 * The admin's loop: moves confirmed orders on (processing, shipped with a tracking number,
 * delivered), refunds a few, and works through the payments listed for review.
 */
export async function runAdmin(options: {
  admin: Session;
  requests: Requests;
  stats: AdminStats;
  running: () => boolean;
}) {
  const { admin, requests, stats } = options;
  const move = async (id: string, to: string, extra: Record<string, string> = {}) => {
    const answer = await callWithRetry(
      requests,
      'admin.order.transition',
      'mutation',
      { id, to, ...extra },
      admin.token,
    );
    if (answer.outcome === 'ok') bump(stats.moves, to);
    else if (answer.outcome === 'refused') bump(stats.refusals, answer.reason ?? 'unknown');
  };
  const list = async (status: string) => {
    const answer = await callWithRetry(
      requests,
      'admin.order.list',
      'query',
      { status, limit: 20 },
      admin.token,
    );
    return answer.outcome === 'ok' ? (answer.data as { items: { id: string }[] }).items : [];
  };
  while (options.running()) {
    for (const order of await list('CONFIRMED')) {
      await move(order.id, Math.random() < 0.1 ? 'REFUNDED' : 'PROCESSING', { note: 'soak' });
    }
    for (const order of await list('PROCESSING')) {
      await move(order.id, 'SHIPPED', { trackingNumber: `SOAK${order.id.slice(0, 8)}` });
    }
    for (const order of await list('SHIPPED')) await move(order.id, 'DELIVERED');
    const review = await callWithRetry(
      requests,
      'admin.payment.needsReview',
      'query',
      { limit: 20 },
      admin.token,
    );
    const items = review.outcome === 'ok' ? (review.data as { items: ReviewItem[] }).items : [];
    for (const item of items) {
      const resolution = resolutionFor(item.status);
      const decision = { id: item.id, resolution, note: `soak: ${item.status}` };
      const resolve = () =>
        callWithRetry(requests, 'admin.payment.resolve', 'mutation', decision, admin.token);
      const answer = await resolve();
      if (answer.outcome === 'ok') {
        bump(stats.resolutions, resolution);
        if (Math.random() < 0.3) {
          // The admin's browser lost the answer (as far as it knows) and sends the decision again.
          stats.resent++;
          const again = await resolve();
          const count = (a: typeof again) =>
            (a.data as { resolutions?: unknown[] } | undefined)?.resolutions?.length;
          if (again.outcome !== 'ok' || count(again) !== count(answer)) {
            stats.diverged.push(`resolve ${item.id}: ${again.outcome} ${again.reason ?? ''}`);
          }
        }
      } else if (answer.outcome === 'refused') {
        bump(stats.refusals, answer.reason ?? 'unknown');
      }
    }
    await sleep(1000);
  }
}
