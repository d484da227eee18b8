import { diffLines } from "diff";

/** One side of a row in the side-by-side comparison: a line as it was, removed, or added; null: nothing on that side. */
export type DiffCell = { text: string; kind: "same" | "removed" | "added" } | null;
export type DiffRow = { left: DiffCell; right: DiffCell };

const linesOf = (value: string) => (value === "" ? [] : value.replace(/\n$/, "").split("\n"));

/**
 * Two texts as rows of a side-by-side line diff: unchanged lines face each other, a removed block
 * faces the block that replaced it (line by line), and what only one side has faces a blank.
 */
export function sideBySide(before: string, after: string): DiffRow[] {
  // Every line ends with a newline, so a last line that gains a successor still reads as unchanged.
  const normal = (text: string) => text.replace(/\r\n/g, "\n").replace(/([^\n])$/, "$1\n");
  const parts = diffLines(normal(before), normal(after));
  const rows: DiffRow[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const lines = linesOf(part.value);
    if (part.removed) {
      const replaced = parts[i + 1]?.added ? linesOf(parts[++i].value) : [];
      for (let j = 0; j < Math.max(lines.length, replaced.length); j++) {
        rows.push({ left: j < lines.length ? { text: lines[j], kind: "removed" } : null, right: j < replaced.length ? { text: replaced[j], kind: "added" } : null });
      }
    } else if (part.added) {
      for (const text of lines) rows.push({ left: null, right: { text, kind: "added" } });
    } else {
      for (const text of lines) rows.push({ left: { text, kind: "same" }, right: { text, kind: "same" } });
    }
  }
  return rows;
}
