// Which database a DATABASE_URL names, and where that database's schema and migrations live.
// Shared by prisma.config.ts and the scripts so they can never disagree.
export const DEFAULT_DATABASE_URL = "file:./data/app.db";

export function databaseKind(url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL) {
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgresql";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(`DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL), got "${url.split(":")[0]}:"`);
}

export const SCHEMAS = {
  sqlite: { schema: "prisma/schema.prisma", migrations: "prisma/migrations" },
  postgresql: { schema: "prisma/postgresql/schema.prisma", migrations: "prisma/postgresql/migrations" },
};

/** Loads .env without overriding variables already set (Prisma's own loading is off with a config file). */
export function loadDotEnv() {
  try {
    process.loadEnvFile(".env");
  } catch {
    // no .env: defaults apply
  }
}
