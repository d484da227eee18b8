import { z } from "zod";
import { id, optionalText } from "./fields";
import { CHANNELS, visitorId } from "./channels";
import { KNOWLEDGE_LIMITS } from "./knowledge";
import { FEEDBACK_COMMENT_MAX } from "./limits";

export { FEEDBACK_COMMENT_MAX };

/** A rating of one reply, as every channel sends it: thumbs up (1) or down (-1), an optional comment. */
export const feedbackSchema = z.object({
  messageId: id,
  rating: z.union([z.literal(1), z.literal(-1)], "invalid_data"),
  comment: optionalText(FEEDBACK_COMMENT_MAX),
});

/** The same from a public page or widget: with the visitor's id and channel. */
export const publicFeedbackSchema = feedbackSchema.extend({ visitorId, channel: z.enum(CHANNELS, "invalid_data") });

const messageIds = z.array(id).min(1, "invalid_data").max(500, "invalid_data");
const question = z.string("required").trim().min(1, "required").max(KNOWLEDGE_LIMITS.question, "too_long");

/** An unanswered question turned into a new Q&A entry: the form, then with what the page binds. */
export const unansweredEntryForm = z.object({ question, answer: z.string("required").trim().min(1, "required").max(KNOWLEDGE_LIMITS.answer, "too_long") });
export const unansweredToEntrySchema = unansweredEntryForm.extend({ botId: id, messageIds });

/** An unanswered question added as another phrasing of an existing entry. */
export const unansweredAlternativeForm = z.object({ question, entryId: id });
export const unansweredToAlternativeSchema = unansweredAlternativeForm.extend({ botId: id, messageIds });

export const dismissUnansweredSchema = z.object({ botId: id, messageIds });
