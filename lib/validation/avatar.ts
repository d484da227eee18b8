import { z } from "zod";
import { AVATAR_UPLOAD } from "@/lib/chatbots/avatar";
import { chatbotIdSchema } from "./chatbot";

/** The picture upload as the action receives it: the bound bot id and one file under the byte cap. Its content is checked by the server (lib/chatbots/avatar-image.ts). */
export const avatarUploadSchema = z.object({
  botId: chatbotIdSchema,
  image: z.file("image_invalid").min(1, "image_invalid").max(AVATAR_UPLOAD.maxBytes, "image_too_large"),
});

export const avatarRemoveSchema = z.object({ botId: chatbotIdSchema });
