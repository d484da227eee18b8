import { readFileSync } from "node:fs";
import path from "node:path";

type Tree = { [key: string]: string | Tree };

/** A translator for one namespace of a real catalog, as next-intl's would read it (no ICU formatting). */
export function catalogTranslator(locale: string, namespace: string) {
  const catalog = JSON.parse(readFileSync(path.join(process.cwd(), "messages", `${locale}.json`), "utf8")) as Tree;
  const read = (key: string) => [namespace, ...key.split(".")].reduce<string | Tree | undefined>((node, part) => (typeof node === "object" ? node[part] : undefined), catalog);
  return Object.assign(
    (key: string) => {
      const value = read(key);
      if (typeof value !== "string") throw new Error(`${locale}: ${namespace}.${key} missing`);
      return value;
    },
    { has: (key: string) => typeof read(key) === "string" },
  );
}
