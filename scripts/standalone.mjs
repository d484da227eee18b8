// Completes the standalone server `next build` leaves in .next/standalone (output: "standalone"):
// adds the static files and public/ (Next leaves them out, for a CDN), the migrations and the
// scripts that apply them, and a server.js that does what `npm start` does on a first start
// before it hands over to Next's own server. The folder then runs anywhere with `node server.js`
// (docs/deploy.md). Run after `next build`: `npm run build:standalone` does both.
import { cpSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const out = path.join(root, ".next/standalone");
if (!existsSync(path.join(out, "server.js"))) {
  console.error(".next/standalone/server.js is missing: run `next build` first (next.config.ts sets output: \"standalone\").");
  process.exit(1);
}
const copy = (from, to = from) => {
  rmSync(path.join(out, to), { recursive: true, force: true });
  if (existsSync(path.join(root, from))) cpSync(path.join(root, from), path.join(out, to), { recursive: true });
};
copy(".next/static");
copy("public");
copy("prisma/migrations");
copy("prisma/postgresql/migrations");
for (const script of ["db-url.mjs", "db-migrate.mjs", "migrate-sql.mjs", "standalone-start.cjs"]) cpSync(path.join(root, "scripts", script), path.join(out, "scripts", script));
// Next's server.js becomes next-server.js; ours runs first. A second run leaves them as they are.
const nextServer = path.join(out, "next-server.js");
if (!readFileSync(path.join(out, "server.js"), "utf8").includes("standalone-start.cjs")) {
  renameSync(path.join(out, "server.js"), nextServer);
  writeFileSync(path.join(out, "server.js"), `// ChatBot Factory's server: \`node server.js\` (docs/deploy.md). First-start setup, then Next's server.\nrequire("./scripts/standalone-start.cjs");\n`);
}
// Files a copy of the folder must never carry: a developer's .env or databases.
for (const stray of [".env", "data"]) rmSync(path.join(out, stray), { recursive: true, force: true });
console.log(`Standalone server ready in ${path.relative(root, out)}: copy the folder, then \`node server.js\`.`);
