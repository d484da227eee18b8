import { expect, it } from "vitest";
import { sourcesOf } from "./wire";

it("reads stored or received sources, keeping only well-formed ones and web links", () => {
  const good = { ref: 2, kind: "url", name: "Hours", page: null, heading: "Weekends", url: "https://bakery.example/hours" };
  expect(sourcesOf(JSON.stringify([good]))).toEqual([good]);
  expect(sourcesOf([{ kind: "file", name: "Menu.pdf", page: 3 }])).toEqual([{ ref: null, kind: "file", name: "Menu.pdf", page: 3, heading: null, url: null }]);
  expect(sourcesOf([{ ...good, url: "javascript:alert(1)" }])[0].url).toBeNull();
  expect(sourcesOf([{ kind: "virus", name: "x" }, { kind: "qa" }, null, "x"])).toEqual([]);
  expect(sourcesOf(null)).toEqual([]);
  expect(sourcesOf("not json")).toEqual([]);
});
