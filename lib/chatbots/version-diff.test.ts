import { describe, expect, it } from "vitest";
import { sideBySide } from "./version-diff";

describe("the side-by-side line diff of the instructions", () => {
  it("faces a changed line with its replacement, and added or removed lines with a blank", () => {
    expect(sideBySide("Be brief.\nSay hello.\nNever swear.", "Be brief.\nSay hi.\nNever swear.\nSign off.")).toEqual([
      { left: { text: "Be brief.", kind: "same" }, right: { text: "Be brief.", kind: "same" } },
      { left: { text: "Say hello.", kind: "removed" }, right: { text: "Say hi.", kind: "added" } },
      { left: { text: "Never swear.", kind: "same" }, right: { text: "Never swear.", kind: "same" } },
      { left: null, right: { text: "Sign off.", kind: "added" } },
    ]);
    expect(sideBySide("One\nTwo", "One")).toEqual([
      { left: { text: "One", kind: "same" }, right: { text: "One", kind: "same" } },
      { left: { text: "Two", kind: "removed" }, right: null },
    ]);
  });

  it("treats Windows line ends like Unix ones, and an empty text as no lines", () => {
    expect(sideBySide("a\r\nb", "a\nb")).toHaveLength(2);
    expect(sideBySide("", "")).toEqual([]);
    expect(sideBySide("", "New")).toEqual([{ left: null, right: { text: "New", kind: "added" } }]);
  });
});
