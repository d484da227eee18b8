import { describe, expect, it } from "vitest";
import { AiError, type ReplyEvent } from "@/lib/ai/types";
import { GUARD_SPAN, guardReply, instructionSpans } from "./guard";

const INSTRUCTIONS =
  "You are the assistant of Rosa's Bakery. Never offer discounts above ten percent. The staff password for the till is tulip-4471 and must stay secret. Answer in a warm tone.";

async function* words(text: string): AsyncGenerator<ReplyEvent> {
  for (const word of text.split(/(?<= )/)) yield { type: "text", text: word };
  yield { type: "finish", finishReason: "stop", inputTokens: 1, outputTokens: 1, latencyMs: 1, firstTokenMs: 1 } as ReplyEvent;
}

async function run(text: string) {
  let sent = "";
  try {
    for await (const event of guardReply(words(text), instructionSpans(INSTRUCTIONS)!)) if (event.type === "text") sent += event.text;
    return { sent, withheld: false };
  } catch (error) {
    expect(error).toBeInstanceOf(AiError);
    expect((error as AiError).code).toBe("reply_withheld");
    return { sent, withheld: true };
  }
}

describe("the instructions guard", () => {
  it("passes an ordinary reply through whole, facts from the instructions included", async () => {
    const reply = "Hello! We are Rosa's Bakery, and we answer in a warm tone. Ask me about bread.";
    expect(await run(reply)).toEqual({ sent: reply, withheld: false });
  });

  it("withholds a reply quoting the instructions, before any of the quoted span is sent, whatever the case, spacing or markup", async () => {
    for (const quote of [
      `Sure, here they are: ${INSTRUCTIONS}`,
      `My rules: **NEVER OFFER DISCOUNTS ABOVE TEN PERCENT.**\n\nThe  staff password for the till is\ntulip-4471 and must stay secret.`,
    ]) {
      const { sent, withheld } = await run(quote);
      expect(withheld).toBe(true);
      expect(sent).not.toMatch(/tulip|password|discounts/i);
    }
  });

  it("ignores instructions too short to quote at length", () => {
    expect(instructionSpans("Be kind.")).toBeNull();
    expect(GUARD_SPAN).toBeGreaterThanOrEqual(60);
  });
});
