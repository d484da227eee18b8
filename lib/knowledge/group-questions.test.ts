import { describe, expect, it } from "vitest";
import { groupQuestions } from "./group-questions";

describe("unanswered questions grouped by similar wording", () => {
  it("puts rewordings of one question together, the largest group first, each wording once", () => {
    const groups = groupQuestions(
      ["Do you deliver?", "What are your opening hours?", "opening hours", "Opening hours?", "your opening hours on Sunday", "Do you deliver on weekends?", "hi"].map((question, i) => ({ id: i, question })),
    );
    expect(groups.map((g) => g.items.map((i) => i.id))).toEqual([[1, 2, 3, 4], [0, 5], [6]]);
    expect(groups[0].question).toBe("What are your opening hours?");
    expect(groups[0].wordings).toEqual(["What are your opening hours?", "opening hours", "your opening hours on Sunday"]);
  });

  it("groups German and Arabic by their stems, and questions with no content words only by the same text", () => {
    const groups = groupQuestions(["Liefern Sie?", "Liefern Sie auch?", "ما هي ساعات العمل؟", "ساعات العمل", "?", "?", "ok"].map((question) => ({ question })));
    expect(groups.map((g) => g.items.length)).toEqual([2, 2, 2, 1]);
  });
});
