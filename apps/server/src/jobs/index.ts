import { expireJob, finalizeJob, watchJob } from './payment-jobs';
import type { Job } from './worker';

/** The worker's jobs, in the order each tick runs them. */
export const JOBS: readonly Job[] = [watchJob, finalizeJob, expireJob];
