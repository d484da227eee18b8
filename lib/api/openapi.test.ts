import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { OPENAPI_DOCUMENT } from "./openapi";

const API_DIR = path.resolve(import.meta.dirname, "../../app/api/v1");

/** Every route under app/api/v1 as an OpenAPI path ("[id]" → "{id}"). */
function routes(dir = API_DIR, prefix = ""): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routes(full, `${prefix}/${name.replace(/^\[(\w+)\]$/, "{$1}")}`);
    return name === "route.ts" ? [prefix] : [];
  });
}

it("describes every route of the API, as OpenAPI 3.1 with the bearer key", () => {
  expect(OPENAPI_DOCUMENT.openapi).toBe("3.1.0");
  expect(Object.keys(OPENAPI_DOCUMENT.paths).sort()).toEqual(routes().sort());
  expect(OPENAPI_DOCUMENT.components.securitySchemes.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
  // Every $ref points at a schema that exists.
  const refs = [...JSON.stringify(OPENAPI_DOCUMENT).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]);
  for (const name of refs) expect(OPENAPI_DOCUMENT.components.schemas).toHaveProperty(name);
});
