import { describe, expect, it } from "vitest";
import { parseKnowledgeCsv } from "./knowledge-csv";

describe("importing Q&A from CSV", () => {
  it("reads quoted commas, quotes and line breaks, and skips a header row", () => {
    const result = parseKnowledgeCsv('\uFEFFQuestion,Answer\n"Where, exactly?","At ""The Oven"",\nMain Street"\nHours?,7 to 18\n');
    expect(result).toEqual({
      ok: true,
      entries: [
        { question: "Where, exactly?", answer: 'At "The Oven",\nMain Street' },
        { question: "Hours?", answer: "7 to 18" },
      ],
    });
  });

  it("names every bad row by its line in the file and imports none", () => {
    const result = parseKnowledgeCsv(`question,answer\nGood?,Yes\nonly one cell\n,empty question\nToo long?,${"a".repeat(4001)}\na,b,c\n`);
    expect(result).toEqual({
      ok: false,
      code: "csv_invalid",
      rowErrors: [
        { row: 3, field: "row", code: "csv_invalid" },
        { row: 4, field: "question", code: "required" },
        { row: 5, field: "answer", code: "too_long" },
        { row: 6, field: "row", code: "csv_invalid" },
      ],
    });
  });

  it("refuses an empty file and more than 500 rows", () => {
    expect(parseKnowledgeCsv("question,answer\n\n")).toMatchObject({ ok: false, code: "csv_empty" });
    expect(parseKnowledgeCsv("q,a\n".repeat(501))).toMatchObject({ ok: false, code: "csv_too_many_rows" });
    expect(parseKnowledgeCsv("q,a\n".repeat(500))).toMatchObject({ ok: true });
  });
});
