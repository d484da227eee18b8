"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { withUser } from "@/lib/actions/action";
import { availableProviders } from "@/lib/ai";
import { AppError } from "@/lib/errors";
import { TEMPLATE_IDS, templateBot } from "@/lib/chatbots/templates";
import { createChatbot, createChatbotWithKnowledge, deleteChatbot, setChatbotActive, updateChatbot } from "@/lib/db/chatbots";
import { chatbotIdSchema, chatbotSchema, type ChatbotData } from "@/lib/validation/chatbot";

const byId = z.object({ id: chatbotIdSchema });
const fromTemplate = z.object({ template: z.enum(TEMPLATE_IDS, "invalid_data") });
const toggle = z.object({ id: chatbotIdSchema, isActive: z.boolean() });

/** The form lists only configured providers; a post may name any. */
function requireAvailableProvider(data: ChatbotData) {
  if (!availableProviders().includes(data.provider)) throw new AppError("invalid_data", { provider: "provider_unavailable" });
}

function refresh(id?: string) {
  revalidatePath("/chatbots");
  revalidatePath("/dashboard");
  if (id) revalidatePath(`/chatbots/${id}`);
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
    return { id: (await createChatbotWithKnowledge(user, bot, entries)).id };
  });
  if (result.ok) refresh(result.data.id);
  return result;
}

export async function updateChatbotAction(id: string, input: unknown) {
  const result = await withUser(chatbotSchema, input, async (data, user) => {
    requireAvailableProvider(data);
    await updateChatbot(user, chatbotIdSchema.parse(id), data);
    return { id };
  });
  if (result.ok) refresh(id);
  return result;
}

export async function setChatbotActiveAction(id: string, isActive: boolean) {
  const result = await withUser(toggle, { id, isActive }, (data, user) => setChatbotActive(user, data.id, data.isActive));
  if (result.ok) refresh(id);
  return result;
}

export async function deleteChatbotAction(id: string) {
  const result = await withUser(byId, { id }, (data, user) => deleteChatbot(user, data.id));
  if (result.ok) refresh();
  return result;
}
