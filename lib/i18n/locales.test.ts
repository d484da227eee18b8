import { describe, expect, it } from "vitest";
import { isRtl, negotiateLocale } from "./locales";

describe("language choice", () => {
  it("takes the browser's best supported language", () => {
    expect(negotiateLocale("de-CH,de;q=0.9,en;q=0.8")).toBe("de");
    expect(negotiateLocale("ja,fr;q=0.5,es;q=0.7")).toBe("es");
    expect(negotiateLocale("ja")).toBe("en");
    expect(negotiateLocale(null)).toBe("en");
  });

  it("writes Arabic right to left, the others left to right", () => {
    expect(isRtl("ar")).toBe(true);
    expect(["en", "es", "de", "fr"].some(isRtl)).toBe(false);
  });
});
