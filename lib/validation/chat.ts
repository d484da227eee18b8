import { z } from "zod";

export const MESSAGE_MAX = 4000;

export const chatMessageSchema = z.object({
  message: z.string("required").trim().min(1, "required").max(MESSAGE_MAX, "message_too_long"),
  conversationId: z.string().min(1).max(64).nullish(),
});
