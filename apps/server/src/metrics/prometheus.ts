import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Metrics } from '../deps';

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Prometheus metrics on a registry of their own (never prom-client's global one), so one process
 * — or one test — can hold several servers, each with its own numbers.
 */
export function createPrometheusMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'puffy_' });
  const registers = [registry];

  const requests = new Histogram({
    name: 'puffy_trpc_request_duration_seconds',
    help: 'tRPC procedure calls by procedure and tRPC code (OK on success), with their latency',
    labelNames: ['procedure', 'code'],
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const rateLimited = new Counter({
    name: 'puffy_rate_limited_total',
    help: 'Calls refused with RATE_LIMITED, by procedure',
    labelNames: ['procedure'],
    registers,
  });
  const ticks = new Histogram({
    name: 'puffy_worker_tick_duration_seconds',
    help: 'Worker ticks (every job once) and how long they took',
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60],
    registers,
  });
  const jobFailures = new Counter({
    name: 'puffy_worker_job_failures_total',
    help: 'Worker jobs that threw (tried again next tick), by job',
    labelNames: ['job'],
    registers,
  });
  const rpcCalls = new Histogram({
    name: 'puffy_solana_rpc_duration_seconds',
    help: 'Solana RPC calls by method and outcome (ok or error), with their latency',
    labelNames: ['method', 'outcome'],
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const ordersMoved = new Counter({
    name: 'puffy_orders_moved_total',
    help: 'Order status transitions, by from and to status',
    labelNames: ['from', 'to'],
    registers,
  });
  const payments = new Counter({
    name: 'puffy_payment_checks_total',
    help: 'Payment checks by outcome (paid, late, underpaid, unpaid, unknown)',
    labelNames: ['outcome'],
    registers,
  });
  const dependencyUp = new Gauge({
    name: 'puffy_dependency_up',
    help: 'Whether a dependency answered its readiness check at the last scrape (1) or not (0)',
    labelNames: ['dependency'],
    registers,
  });
  const dbConnections = new Gauge({
    name: 'puffy_db_connections',
    help: 'Postgres pool connections: open, and busy (waiting for an answer)',
    labelNames: ['state'],
    registers,
  });

  return {
    contentType: registry.contentType,
    render: () => registry.metrics(),
    request(procedure, code, seconds) {
      requests.observe({ procedure, code }, seconds);
    },
    rateLimited(procedure) {
      rateLimited.inc({ procedure });
    },
    workerTick(seconds) {
      ticks.observe(seconds);
    },
    jobFailed(job) {
      jobFailures.inc({ job });
    },
    rpcCall(method, outcome, seconds) {
      rpcCalls.observe({ method, outcome }, seconds);
    },
    orderMoved(from, to) {
      ordersMoved.inc({ from, to });
    },
    paymentChecked(outcome) {
      payments.inc({ outcome });
    },
    dependencies(health) {
      dependencyUp.set({ dependency: 'db' }, health.db ? 1 : 0);
      dependencyUp.set({ dependency: 'redis' }, health.redis ? 1 : 0);
      if (health.dbPool) {
        dbConnections.set({ state: 'open' }, health.dbPool.open);
        dbConnections.set({ state: 'busy' }, health.dbPool.busy);
      }
    },
  };
}
