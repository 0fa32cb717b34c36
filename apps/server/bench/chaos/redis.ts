export { startThrowawayRedis } from '../../test/redis-server';

import type { startThrowawayRedis } from '../../test/redis-server';

export type ThrowawayRedis = Awaited<ReturnType<typeof startThrowawayRedis>>;
