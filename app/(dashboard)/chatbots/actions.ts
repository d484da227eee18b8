"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { withIds, withUser } from "@/lib/actions/action";
import { availableProviders } from "@/lib/ai";
import { defaultDailyQuota } from "@/lib/chatbots/quota";
import { AppError } from "@/lib/errors";
import { TEMPLATE_IDS, templateBot } from "@/lib/chatbots/templates";
import { createChatbot, createChatbotWithKnowledge, deleteChatbot, setChatbotActive, updateChatbot } from "@/lib/db/chatbots";
import { chatbotIdSchema, chatbotSchema, type ChatbotData } from "@/lib/validation/chatbot";
import { checkbox } from "@/lib/validation/fields";

const byId = z.object({ id: chatbotIdSchema });
const fromTemplate = z.object({ template: z.enum(TEMPLATE_IDS, "invalid_data") });

/** The form lists only configured providers; a post may name any. */
function requireAvailableProvider(data: ChatbotData) {
  if (!availableProviders().includes(data.provider)) throw new AppError("invalid_data", { provider: "provider_unavailable" });
}

function refresh(id?: string) {
  revalidatePath("/chatbots");
  revalidatePath("/dashboard");
  // The bot's layout draws its name and switch on every one of its pages.
  if (id) revalidatePath(`/chatbots/${id}`, "layout");
}

export async function createChatbotAction(input: unknown) {
  const result = await withUser(chatbotSchema, input, async (data, user) => {
    requireAvailableProvider(data);
    const bot = await createChatbot(user, data);
    return { id: bot.id };
  });
  if (result.ok) refresh(result.data.id);
  return result;
}

/** A bot from a template, with its sample Q&A, in the maker's language; the client goes on to its playground. */
export async function createFromTemplateAction(input: unknown) {
  const result = await withUser(fromTemplate, input, async (data, user) => {
    const { bot, entries } = templateBot(data.template, await getTranslations("templates"));
    return { id: (await createChatbotWithKnowledge(user, { ...bot, dailyMessageQuota: defaultDailyQuota() }, entries)).id };
  });
  if (result.ok) refresh(result.data.id);
  return result;
}

/** Bound to the bot: `updateChatbotAction.bind(null, id)`. */
export async function updateChatbotAction(id: unknown, input: unknown) {
  const result = await withUser(chatbotSchema.extend(byId.shape), withIds({ id }, input), async ({ id, versionNote, ...data }, user) => {
    requireAvailableProvider(data);
    await updateChatbot(user, id, data, versionNote);
    return { id };
  });
  if (result.ok) refresh(result.data.id);
  return result;
}

export async function setChatbotActiveAction(id: unknown, input: unknown) {
  const result = await withUser(byId.extend({ isActive: checkbox }), withIds({ id }, input), async (data, user) => {
    await setChatbotActive(user, data.id, data.isActive);
    return { id: data.id };
  });
  if (result.ok) refresh(result.data.id);
  return result;
}

export async function deleteChatbotAction(id: unknown) {
  const result = await withUser(byId, withIds({ id }), (data, user) => deleteChatbot(user, data.id));
  if (result.ok) refresh();
  return result;
}
