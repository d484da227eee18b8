import { mkdirSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { DEFAULT_DATABASE_URL, SCHEMAS, databaseKind, loadDotEnv } from "./scripts/db-url.mjs";

loadDotEnv();
process.env.DATABASE_URL ||= DEFAULT_DATABASE_URL;
const url = process.env.DATABASE_URL;
const kind = databaseKind(url);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(SCHEMAS[kind].schema),
  migrations: { path: SCHEMAS[kind].migrations },
  async adapter() {
    if (kind === "postgresql") {
      const { patchPgForMigrate } = await import("./prisma/pg-migrate-patch.mjs");
      await patchPgForMigrate();
      const { PrismaPg } = await import("@prisma/adapter-pg");
      return new PrismaPg({ connectionString: url, allowExitOnIdle: true });
    }
    mkdirSync(path.dirname(url.replace(/^file:/, "")), { recursive: true });
    const { sqliteAdapter } = await import("./lib/db/sqlite-adapter");
    return sqliteAdapter(url);
  },
});
