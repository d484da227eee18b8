import { expect, it } from "vitest";
import { csvLine } from "./csv";

it("quotes what needs quoting and defuses spreadsheet formulas", () => {
  expect(csvLine(["plain", 'say "hi"', "a,b", "two\nlines", null, 42])).toBe('plain,"say ""hi""","a,b","two\nlines",,42');
  expect(csvLine(["=HYPERLINK(\"http://x\")", "+1", "-2", "@sum"])).toBe(`"'=HYPERLINK(""http://x"")",'+1,'-2,'@sum`);
});

it("keeps a formula after a ; in its cell when a spreadsheet splits on ; (finding 8)", async () => {
  const Papa = (await import("papaparse")).default;
  const line = csvLine(["2026-01-01", "user", "a;=cmd|' /C calc'!A0", "a;=1+1", "b\t@SUM(1)"]);
  // Read the way a spreadsheet in a ;-separator locale reads it: no cell may start a formula.
  for (const delimiter of [";", ",", "\t"]) {
    const [cells] = Papa.parse<string[]>(line, { delimiter }).data;
    for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@]/);
  }
});
