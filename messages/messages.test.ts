import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ERROR_CODES } from "@/lib/errors";
import { LOCALES } from "@/lib/i18n/locales";

type Tree = { [key: string]: string | Tree };
const load = (locale: string) => JSON.parse(readFileSync(path.join(__dirname, `${locale}.json`), "utf8")) as Tree;
const flatten = (tree: Tree, prefix = ""): Record<string, string> =>
  Object.fromEntries(
    Object.entries(tree).flatMap(([k, v]) => (typeof v === "string" ? [[prefix + k, v]] : Object.entries(flatten(v, `${prefix}${k}.`)))),
  );
/** The {placeholders} a message needs, without ICU plural branches' words. */
const placeholders = (message: string) => [...message.matchAll(/\{(\w+)[,}]/g)].map((m) => m[1]).sort();

const catalogs = Object.fromEntries(LOCALES.map((l) => [l, flatten(load(l))]));

describe("message catalogs", () => {
  it("exist for exactly the supported languages", () => {
    expect(readdirSync(__dirname).filter((f) => f.endsWith(".json")).map((f) => f.replace(".json", "")).sort()).toEqual([...LOCALES].sort());
  });

  it.each(LOCALES.filter((l) => l !== "en"))("%s has the same keys as English, with the same placeholders", (locale) => {
    expect(Object.keys(catalogs[locale]).sort()).toEqual(Object.keys(catalogs.en).sort());
    for (const [key, message] of Object.entries(catalogs.en)) {
      expect(new Set(placeholders(catalogs[locale][key])), `${locale}: ${key}`).toEqual(new Set(placeholders(message)));
    }
  });

  it("translate every error code", () => {
    for (const code of ERROR_CODES) expect(catalogs.en[`errors.${code}`], code).toBeTruthy();
  });
});
