import { AiError, type ReplyEvent } from "@/lib/ai/types";

/**
 * How long a quoted span of the instructions must be to withhold the reply: letters and digits
 * only (spaces, punctuation and case ignored), about fifteen words. Shorter spans are how a bot
 * repeats a fact its instructions state ("open Monday to Friday"); longer ones are the prompt leaking.
 */
export const GUARD_SPAN = 80;

/** A reply's characters as the guard compares them: letters and digits, lower case. */
function comparable(text: string): string {
  let out = "";
  for (const char of text.normalize("NFKC").toLowerCase()) if (/[\p{L}\p{N}]/u.test(char)) out += char;
  return out;
}

// Built once per distinct instructions text (a few ms for the longest), kept for the busiest bots.
const cached = new Map<string, Set<string> | null>();

/** Every span of GUARD_SPAN comparable characters in the instructions, or null when they are shorter. */
export function instructionSpans(instructions: string): Set<string> | null {
  if (cached.has(instructions)) return cached.get(instructions)!;
  const spans = spansOf(instructions);
  if (cached.size >= 200) cached.delete(cached.keys().next().value!);
  cached.set(instructions, spans);
  return spans;
}

function spansOf(instructions: string): Set<string> | null {
  const text = comparable(instructions);
  if (text.length < GUARD_SPAN) return null;
  const spans = new Set<string>();
  for (let i = 0; i + GUARD_SPAN <= text.length; i++) spans.add(text.slice(i, i + GUARD_SPAN));
  return spans;
}

/**
 * Passes a reply through, holding back its last GUARD_SPAN − 1 comparable characters until
 * they cannot begin a quote, and ends it with `reply_withheld` the moment it has quoted
 * GUARD_SPAN characters of the instructions in a row: nothing of the quoted span is sent.
 */
export async function* guardReply(reply: AsyncGenerator<ReplyEvent>, spans: Set<string>): AsyncGenerator<ReplyEvent> {
  let seen = ""; // the reply's comparable characters so far
  let held = ""; // text received and not yet passed on
  let passed = 0; // comparable characters passed on
  try {
    for (let next = await reply.next(); !next.done; next = await reply.next()) {
      const event = next.value;
      if (event.type !== "text") {
        if (held) yield { type: "text", text: held };
        held = "";
        yield event;
        continue;
      }
      const before = seen.length;
      seen += comparable(event.text);
      for (let end = Math.max(GUARD_SPAN, before + 1); end <= seen.length; end++) {
        if (spans.has(seen.slice(end - GUARD_SPAN, end))) throw new AiError("reply_withheld");
      }
      held += event.text;
      // A quote not yet complete starts after seen.length − GUARD_SPAN: what comes before is safe.
      const safe = seen.length - GUARD_SPAN + 1;
      let cut = 0;
      for (const char of held) {
        const weight = comparable(char).length;
        if (passed + weight > safe) break;
        passed += weight;
        cut += char.length;
      }
      if (cut) {
        yield { type: "text", text: held.slice(0, cut) };
        held = held.slice(cut);
      }
    }
    if (held) yield { type: "text", text: held };
  } finally {
    await reply.return(undefined);
  }
}
