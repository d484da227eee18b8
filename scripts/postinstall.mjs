// After `npm install`: generate both Prisma clients and copy Bootstrap's two stylesheets
// (left-to-right and right-to-left) where the layout can link the one the language needs.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync } from "node:fs";

if (existsSync("prisma/schema.prisma")) {
  execFileSync(process.execPath, ["scripts/db-generate.mjs"], { stdio: "inherit" });
}
mkdirSync("public/vendor", { recursive: true });
for (const file of ["bootstrap.min.css", "bootstrap.rtl.min.css"]) {
  copyFileSync(`node_modules/bootstrap/dist/css/${file}`, `public/vendor/${file}`);
}
