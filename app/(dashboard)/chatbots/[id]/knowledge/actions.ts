"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { withIds, withUser, type ActionResult } from "@/lib/actions/action";
import { addKnowledge, deleteKnowledgeEntry, moveKnowledgeEntry, updateKnowledgeEntry } from "@/lib/db/knowledge";
import { chatbotIdSchema } from "@/lib/validation/chatbot";
import { id } from "@/lib/validation/fields";
import { knowledgeEntrySchema } from "@/lib/validation/knowledge";
import { parseKnowledgeCsv, type CsvRowError } from "@/lib/validation/knowledge-csv";

// Every action is bound to its bot (and entry) by the client: `addKnowledgeAction.bind(null, botId)`.
const ofBot = z.object({ botId: chatbotIdSchema });
const ofEntry = ofBot.extend({ id });
const refresh = (botId: string) => revalidatePath(`/chatbots/${botId}/knowledge`);

export async function addKnowledgeAction(botId: unknown, input: unknown) {
  const result = await withUser(knowledgeEntrySchema.extend(ofBot.shape), withIds({ botId }, input), async ({ botId, ...entry }, user) => {
    await addKnowledge(user, botId, [entry]);
    return { botId };
  });
  if (result.ok) refresh(result.data.botId);
  return result;
}

export async function updateKnowledgeAction(botId: unknown, entryId: unknown, input: unknown) {
  const result = await withUser(knowledgeEntrySchema.extend(ofEntry.shape), withIds({ botId, id: entryId }, input), async ({ botId, id, ...entry }, user) => {
    await updateKnowledgeEntry(user, id, entry);
    return { botId };
  });
  if (result.ok) refresh(result.data.botId);
  return result;
}

export async function deleteKnowledgeAction(botId: unknown, entryId: unknown) {
  const result = await withUser(ofEntry, withIds({ botId, id: entryId }), async ({ botId, id }, user) => {
    await deleteKnowledgeEntry(user, id);
    return { botId };
  });
  if (result.ok) refresh(result.data.botId);
  return result;
}

export async function moveKnowledgeAction(botId: unknown, entryId: unknown, input: unknown) {
  const schema = ofEntry.extend({ direction: z.enum(["up", "down"], "invalid_data") });
  const result = await withUser(schema, withIds({ botId, id: entryId }, input), async ({ botId, id, direction }, user) => {
    await moveKnowledgeEntry(user, id, direction);
    return { botId };
  });
  if (result.ok) refresh(result.data.botId);
  return result;
}

export type ImportResult = ActionResult<{ imported: number }> | { ok: false; code: "csv_invalid"; rowErrors: CsvRowError[] };

const importSchema = ofBot.extend({ csv: z.string("csv_invalid").max(900_000, "csv_too_large") });

/** Imports a CSV of question,answer rows: all of them, or none with every bad row named. */
export async function importKnowledgeAction(botId: unknown, input: unknown): Promise<ImportResult> {
  const result = await withUser(importSchema, withIds({ botId }, input), async ({ botId, csv }, user) => {
    const parsed = parseKnowledgeCsv(csv);
    if (!parsed.ok) return parsed;
    return { ok: true as const, botId, imported: await addKnowledge(user, botId, parsed.entries) };
  });
  if (!result.ok) {
    if (result.fieldErrors?.csv === "csv_too_large") return { ok: false, code: "csv_too_large" };
    return result.fieldErrors?.csv ? { ok: false, code: "csv_invalid", rowErrors: [] } : result;
  }
  if (!result.data.ok) {
    const failed = result.data;
    return failed.code === "csv_invalid" ? { ok: false, code: "csv_invalid", rowErrors: failed.rowErrors } : { ok: false, code: failed.code };
  }
  refresh(result.data.botId);
  return { ok: true, data: { imported: result.data.imported } };
}
