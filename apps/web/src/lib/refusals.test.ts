import { readFileSync } from 'node:fs';
import { ERROR_REASONS, type ErrorReason } from '@puffy/client';
import { describe, expect, it } from 'vitest';
import { adviceFor, BUYER_REFUSALS, UNKNOWN_REFUSAL } from './refusals';

// docs/api.md is generated from the router (CI fails when it is stale), so it is the list of
// what each procedure can refuse with.
const API_DOC = readFileSync(new URL('../../../../docs/api.md', import.meta.url), 'utf8');

/** Every procedure a buyer's pages call (everything but the admin's) and its error reasons. */
function buyerProcedures(): Map<string, ErrorReason[]> {
  const found = new Map<string, ErrorReason[]>();
  for (const section of API_DOC.split('\n### ').slice(1)) {
    const path = /^`([^`]+)`/.exec(section)?.[1];
    const errors = /^- errors: (.*)$/m.exec(section)?.[1];
    if (!path || !errors || path.startsWith('admin.')) continue;
    const reasons = [...errors.matchAll(/`([A-Z_]+)`/g)].map((m) => m[1] as ErrorReason);
    found.set(path, reasons);
  }
  return found;
}

describe('every refusal on a buyer’s path has a message that says what to do', () => {
  const procedures = buyerProcedures();

  it('reads the buyer’s procedures from docs/api.md', () => {
    expect([...procedures.keys()]).toEqual(
      expect.arrayContaining(['order.create', 'order.cancel', 'product.byId', 'code.check']),
    );
    expect(procedures.get('order.create')).toContain('TOO_MANY_OPEN_ORDERS');
  });

  for (const [path, reasons] of buyerProcedures()) {
    it.each(reasons)(`${path}: %s`, (reason) => {
      expect(ERROR_REASONS).toContain(reason);
      expect(BUYER_REFUSALS[reason], `${reason} needs a message in lib/refusals.ts`).toBeDefined();
      const advice = adviceFor(reason, {});
      expect(advice).not.toEqual(UNKNOWN_REFUSAL);
      expect(advice.text.length).toBeGreaterThan(20);
    });
  }
});

describe('messages use what the refusal says', () => {
  it('names the open-order cap and links to the orders', () => {
    expect(adviceFor('TOO_MANY_OPEN_ORDERS', { details: { maxOpenOrders: 3 } })).toEqual({
      text: 'You have 3 unpaid orders — pay or cancel one before placing another.',
      link: { href: '/orders', label: 'Your orders' },
    });
  });

  it('names countries, not codes', () => {
    const { text } = adviceFor('COUNTRY_NOT_ELIGIBLE', { country: 'CN' });
    expect(text).toContain('Vapes cannot ship to China');
    expect(text).toContain('United States');
    expect(text).not.toMatch(/\b(CN|US|GB)\b/);
  });

  it('names the sold-out product and says when to retry', () => {
    const names = new Map([['p1', 'Puffy One']]);
    expect(
      adviceFor('OUT_OF_STOCK', {
        details: { productIds: ['p1'] },
        productName: (id) => names.get(id),
      }).text,
    ).toMatch(/^Puffy One sold out/);
    expect(adviceFor('RATE_LIMITED', { details: { retryAfterSeconds: 30 } }).text).toContain(
      'in 30 seconds',
    );
    expect(adviceFor('RATE_LIMITED', { details: { retryAfterSeconds: 1800 } }).text).toContain(
      'in 30 minutes',
    );
  });

  it('falls back to an honest message for a reason it does not know', () => {
    expect(adviceFor(null)).toEqual(UNKNOWN_REFUSAL);
  });
});
