/**
 * One CSV line (RFC 4180). A cell that a spreadsheet would run as a formula (= + - @ tab CR)
 * gets a leading apostrophe: exported chats hold visitors' words, which are untrusted.
 */
export function csvLine(cells: (string | number | null | undefined)[]): string {
  return cells
    .map((cell) => {
      let text = cell === null || cell === undefined ? "" : String(cell);
      if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
      return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    })
    .join(",");
}
