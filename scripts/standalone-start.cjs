/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose: Next's standalone server.js, which this wraps, is CommonJS */
// What `npm start` does before Next starts (scripts/setup.mjs), for the standalone folder, which
// has no Prisma CLI: a secret written to .env when none is configured and the folder can be
// written (configuration from the environment alone writes nothing), the PostgreSQL database
// created when missing, pending migrations applied (scripts/migrate-sql.mjs); then Next's server.
const { randomBytes } = require("node:crypto");
const { accessSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } = require("node:fs");
const path = require("node:path");

const app = path.resolve(__dirname, "..");
process.chdir(app);

const writable = (target) => {
  try {
    accessSync(target, constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

async function setup() {
  try {
    process.loadEnvFile(".env");
  } catch {
    // no .env: the environment alone
  }
  if (!process.env.AUTH_SECRET && writable(app)) {
    const secret = randomBytes(32).toString("base64url");
    const line = `# Written by the first start. Keep it secret: it signs every session.\nAUTH_SECRET=${secret}\n`;
    writeFileSync(".env", existsSync(".env") ? `${readFileSync(".env", "utf8")}\n${line}` : line, { mode: 0o600 });
    process.env.AUTH_SECRET = secret;
    console.log("Created .env with a new AUTH_SECRET.");
  }
  const { DEFAULT_DATABASE_URL, SCHEMAS, databaseKind } = await import("./db-url.mjs");
  const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  let kind;
  try {
    kind = databaseKind(url);
  } catch {
    return; // the server's start check names the variable
  }
  if (kind === "sqlite") {
    const folder = path.dirname(path.resolve(url.replace(/^file:/, "")));
    if (!existsSync(folder) && writable(path.dirname(folder))) mkdirSync(folder, { recursive: true });
    if (!existsSync(folder) || !writable(folder)) return; // read-only: the start check says so, in one sentence
  } else {
    const { ensurePostgresDatabase } = await import("./db-migrate.mjs");
    await ensurePostgresDatabase(url);
  }
  const { applyMigrations } = await import("./migrate-sql.mjs");
  const applied = await applyMigrations(url, kind, SCHEMAS[kind].migrations);
  if (applied.length) console.log(`Applied ${applied.length} migration${applied.length === 1 ? "" : "s"}: ${applied.join(", ")}.`);
}

setup().then(
  () => require(path.join(app, "next-server.js")),
  (error) => {
    console.error(`The server did not start. ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
