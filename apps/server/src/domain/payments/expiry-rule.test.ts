import { describe, expect, it } from 'vitest';
import {
  decideExpiry,
  type ExpiryFacts,
  expiryDueBefore,
  HELD_REVIEW_AFTER_MS,
  LANDING_MARGIN_MS,
} from './expiry-rule';

const end = new Date('2026-12-05T12:00:00Z');
const after = (ms: number) => new Date(end.getTime() + ms);
const facts = (over: Partial<ExpiryFacts>): ExpiryFacts => ({
  now: after(60_000),
  expiresAt: end,
  coveredAt: after(60_000),
  unreadCandidates: 0,
  moved: false,
  ...over,
});

describe('decideExpiry: from what the merchant watch covered, never a guess', () => {
  it.each<[string, Partial<ExpiryFacts>, string]>([
    ['covered past the window, nothing unread', {}, 'expire'],
    ['a payment was recorded meanwhile', { moved: true }, 'moved'],
    ['never listed', { coveredAt: null }, 'wait'],
    ['listed only up to the window end', { coveredAt: end }, 'wait'],
    [
      'listed just short of the landing margin',
      { coveredAt: after(LANDING_MARGIN_MS - 1) },
      'wait',
    ],
    ['listed exactly past the landing margin', { coveredAt: after(LANDING_MARGIN_MS) }, 'expire'],
    ['unread transactions might pay it', { unreadCandidates: 3 }, 'hold'],
    ['unread ones could not be counted', { unreadCandidates: null }, 'hold'],
    [
      'held for the review delay',
      {
        unreadCandidates: 3,
        now: after(HELD_REVIEW_AFTER_MS),
        coveredAt: after(HELD_REVIEW_AFTER_MS),
      },
      'review',
    ],
    [
      'covered long after, nothing unread: expires however long its reference history',
      { now: after(HELD_REVIEW_AFTER_MS * 3), coveredAt: after(HELD_REVIEW_AFTER_MS * 3) },
      'expire',
    ],
  ])('%s → %s', (_, over, decision) => {
    expect(decideExpiry(facts(over))).toBe(decision);
  });

  it('an order is due once its window ended a landing margin ago', () => {
    expect(expiryDueBefore(after(LANDING_MARGIN_MS))).toEqual(end);
  });
});
