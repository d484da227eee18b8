import { z } from "zod";
import { MESSAGE_MAX } from "./limits";

export { MESSAGE_MAX };
/** How many earlier messages a reply sees: enough for context, bounded for cost. */
export const HISTORY_WINDOW = 20;

export const chatMessageSchema = z.object({
  message: z.string("required").trim().min(1, "required").max(MESSAGE_MAX, "message_too_long"),
  conversationId: z.string().min(1).max(64).nullish(),
});

/** The HTTP API's chat request: a message, optionally the conversation to go on with, and whether to stream. */
export const apiChatSchema = chatMessageSchema.extend({ stream: z.boolean("invalid_data").default(false) });
