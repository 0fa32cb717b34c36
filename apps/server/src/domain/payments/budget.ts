/**
 * A count of RPC calls a tick (or one order within it) may still make. Anyone can make an order's
 * public reference busy, so every call the worker makes is paid for from a budget: a child budget
 * (one order's share) can never spend more than its parent (the tick) has left.
 */
export class RpcBudget {
  private spent = 0;

  constructor(
    readonly limit: number,
    private readonly parent?: RpcBudget,
  ) {}

  get remaining(): number {
    const own = this.limit - this.spent;
    return this.parent ? Math.min(own, this.parent.remaining) : own;
  }

  get used(): number {
    return this.spent;
  }

  /** Takes one call from this budget (and its parents); false when none is left. */
  take(): boolean {
    if (this.remaining <= 0) return false;
    this.spent += 1;
    this.parent?.charge();
    return true;
  }

  /** A share of this budget capped at `limit` calls. */
  child(limit: number): RpcBudget {
    return new RpcBudget(limit, this);
  }

  private charge() {
    this.spent += 1;
    this.parent?.charge();
  }
}
