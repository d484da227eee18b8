import { expect, it } from "vitest";
import { csvLine } from "./csv";

it("quotes what needs quoting and defuses spreadsheet formulas", () => {
  expect(csvLine(["plain", 'say "hi"', "a,b", "two\nlines", null, 42])).toBe('plain,"say ""hi""","a,b","two\nlines",,42');
  expect(csvLine(["=HYPERLINK(\"http://x\")", "+1", "-2", "@sum"])).toBe(`"'=HYPERLINK(""http://x"")",'+1,'-2,'@sum`);
});
