import { workerDatabaseUrl } from "./worker-db.mjs";

// Runs in each worker before its test file is imported: point it at its own database copy.
process.env.DATABASE_URL = workerDatabaseUrl(process.env.DATABASE_URL!, Number(process.env.VITEST_POOL_ID ?? 1));
