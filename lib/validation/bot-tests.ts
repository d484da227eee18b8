import { z } from "zod";
import { id, optionalText } from "./fields";
import { BOT_TEST_LIMITS } from "./limits";

export { BOT_TEST_LIMITS };

/** A Q&A entry (`qa:<id>`) or a knowledge source (`source:<id>`) a reply must cite, or "" for none. */
export const sourceRef = z
  .string()
  .max(80, "invalid_data")
  .regex(/^((qa|source):[A-Za-z0-9_-]{1,64})?$/, "invalid_data")
  .default("");

/** A saved test question: the reply must contain `expected`, and at least one expectation is set. */
export const botTestSchema = z
  .object({
    question: z.string("required").trim().min(1, "required").max(BOT_TEST_LIMITS.question, "too_long"),
    expected: optionalText(BOT_TEST_LIMITS.expected),
    mustNotContain: optionalText(BOT_TEST_LIMITS.mustNotContain),
    mustUseSource: sourceRef,
  })
  .superRefine((test, ctx) => {
    if (!test.expected && !test.mustNotContain && !test.mustUseSource) ctx.addIssue({ code: "custom", path: ["expected"], message: "test_expectation_required" });
  });

export type BotTestInput = z.input<typeof botTestSchema>;
export type BotTestData = z.output<typeof botTestSchema>;

export const botTestIds = z.object({ botId: id, testId: id });
