// A formula trigger at the start of a cell, or after a character some spreadsheet may split on
// (`;` where it is the list separator, tab): "a;=HYPERLINK(…)" is two cells there.
const FORMULA = /(^|[;\t])(?=[=+\-@\t\r])/g;

/**
 * One CSV line (RFC 4180). A cell that a spreadsheet would run as a formula (= + - @ tab CR)
 * gets an apostrophe before it — at its start, and after every `;` or tab inside it, where a
 * spreadsheet splitting on those would start a new cell (quotes do not help there: they count
 * only at a cell's start) — and every cell holding a separator of any locale is quoted:
 * exported chats hold visitors' words, which are untrusted.
 */
export function csvLine(cells: (string | number | null | undefined)[]): string {
  return cells
    .map((cell) => {
      let text = cell === null || cell === undefined ? "" : String(cell);
      text = text.replace(FORMULA, "$1'");
      return /[",;\t\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    })
    .join(",");
}
