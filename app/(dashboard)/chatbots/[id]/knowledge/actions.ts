"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { withUser, type ActionResult } from "@/lib/actions/action";
import { getSessionUser } from "@/lib/auth/session";
import { addKnowledge, deleteKnowledgeEntry, moveKnowledgeEntry, updateKnowledgeEntry } from "@/lib/db/knowledge";
import { chatbotIdSchema } from "@/lib/validation/chatbot";
import { knowledgeEntrySchema } from "@/lib/validation/knowledge";
import { parseKnowledgeCsv, type CsvRowError } from "@/lib/validation/knowledge-csv";

const entryId = z.string().min(1).max(64);
const refresh = (botId: string) => revalidatePath(`/chatbots/${botId}/knowledge`);

export async function addKnowledgeAction(botId: string, input: unknown) {
  const result = await withUser(knowledgeEntrySchema, input, async (data, user) => {
    await addKnowledge(user, chatbotIdSchema.parse(botId), [data]);
  });
  if (result.ok) refresh(botId);
  return result;
}

export async function updateKnowledgeAction(botId: string, id: string, input: unknown) {
  const result = await withUser(knowledgeEntrySchema, input, (data, user) => updateKnowledgeEntry(user, entryId.parse(id), data));
  if (result.ok) refresh(botId);
  return result;
}

export async function deleteKnowledgeAction(botId: string, id: string) {
  const result = await withUser(z.object({ id: entryId }), { id }, (data, user) => deleteKnowledgeEntry(user, data.id));
  if (result.ok) refresh(botId);
  return result;
}

export async function moveKnowledgeAction(botId: string, id: string, direction: "up" | "down") {
  const schema = z.object({ id: entryId, direction: z.enum(["up", "down"]) });
  const result = await withUser(schema, { id, direction }, (data, user) => moveKnowledgeEntry(user, data.id, data.direction));
  if (result.ok) refresh(botId);
  return result;
}

export type ImportResult = ActionResult<{ imported: number }> | { ok: false; code: "csv_invalid"; rowErrors: CsvRowError[] };

/** Imports a CSV of question,answer rows: all of them, or none with every bad row named. */
export async function importKnowledgeAction(botId: string, csv: unknown): Promise<ImportResult> {
  if (!(await getSessionUser())) return { ok: false, code: "unauthenticated" };
  if (typeof csv !== "string" || csv.length > 900_000) return { ok: false, code: "csv_invalid", rowErrors: [] };
  const parsed = parseKnowledgeCsv(csv);
  if (!parsed.ok) return parsed.code === "csv_invalid" ? { ok: false, code: "csv_invalid", rowErrors: parsed.rowErrors } : { ok: false, code: parsed.code };
  const result = await withUser(z.object({}), {}, async (_, user) => ({ imported: await addKnowledge(user, chatbotIdSchema.parse(botId), parsed.entries) }));
  if (result.ok) refresh(botId);
  return result;
}
