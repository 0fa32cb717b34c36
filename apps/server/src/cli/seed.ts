import { loadConfig } from '../config';
import { seedDemoProducts } from '../db/seed';
import { createLogger } from '../log';
import { openDatabase } from '../runtime';

/** `pnpm db:seed`: loads the demo catalog into DATABASE_URL (or the embedded database). */
const config = loadConfig();
const database = await openDatabase(config, createLogger({ ...config, nodeEnv: 'production' }));
const inserted = await seedDemoProducts(database.db);
console.log(`seeded ${inserted} demo products`);
await database.close();
