import { accessSync, constants, existsSync } from "node:fs";
import path from "node:path";

// Checked once when a server starts (instrumentation.ts), before it takes a request: a bad
// variable, or a SQLite database where nothing can be written, stops the start with the one
// sentence that says which, instead of answering every request with the error.

/** The nearest folder of `file` that exists: the one a new database file and its WAL would be created in. */
function nearestFolder(file: string): string {
  let folder = path.dirname(path.resolve(file));
  while (!existsSync(folder) && path.dirname(folder) !== folder) folder = path.dirname(folder);
  return folder;
}

/** Why this server cannot start, in one sentence; null when it can. */
export async function startProblem(): Promise<string | null> {
  const { env } = await import("@/lib/env");
  let config;
  try {
    config = env();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  // Without it no session can be signed; npm start writes one into .env, a deployment sets it.
  if (config.NODE_ENV === "production" && !config.AUTH_SECRET)
    return "Invalid configuration: AUTH_SECRET is not set (a random string of at least 32 characters, e.g. `openssl rand -base64 32`; npm start writes one into .env).";
  const url = config.DATABASE_URL;
  if (url.startsWith("file:")) {
    const file = url.replace(/^file:/, "");
    const folder = nearestFolder(file);
    // SQLite writes beside its file (the -wal and -shm files), so the folder must be writable.
    const writable = (target: string) => {
      try {
        accessSync(target, constants.W_OK);
        return true;
      } catch {
        return false;
      }
    };
    if (!writable(folder) || (existsSync(file) && !writable(file)))
      return `SQLite cannot run here: ${existsSync(file) ? file : folder} is read-only (a serverless or read-only filesystem); set DATABASE_URL to a PostgreSQL database (postgresql://…).`;
  }
  return null;
}
