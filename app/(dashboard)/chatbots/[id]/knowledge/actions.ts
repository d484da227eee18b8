"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { withIds, withUser, type ActionResult } from "@/lib/actions/action";
import { addKnowledge, deleteKnowledgeEntry, listKnowledge, moveKnowledgeEntry, updateKnowledgeEntry } from "@/lib/db/knowledge";
import { chatbotIdSchema } from "@/lib/validation/chatbot";
import { id } from "@/lib/validation/fields";
import { knowledgeEntrySchema } from "@/lib/validation/knowledge";
import { parseKnowledgeCsv, splitDuplicates, type CsvRowError } from "@/lib/validation/knowledge-csv";

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

export type CsvPreview = { rows: number; toImport: number; rowErrors: CsvRowError[]; duplicates: { row: number; question: string }[] };
export type PreviewResult = ActionResult<CsvPreview>;
export type ImportResult = ActionResult<{ imported: number; skipped: number }> | { ok: false; code: "csv_invalid"; rowErrors: CsvRowError[] };

const importSchema = ofBot.extend({ csv: z.string("csv_invalid").max(900_000, "csv_too_large") });

/** A refusal of the whole file (too large, not text, empty, too many rows) as its code. */
function fileRefusal(result: { fieldErrors?: Record<string, string> }, fallback: ActionResult<never>): ActionResult<never> {
  if (result.fieldErrors?.csv === "csv_too_large") return { ok: false, code: "csv_too_large" };
  return result.fieldErrors?.csv ? { ok: false, code: "csv_invalid" } : fallback;
}

/**
 * What importing a CSV would do, writing nothing: the rows found, every bad row, and the
 * questions already in the bot's Q&A (those are skipped on import).
 */
export async function previewKnowledgeCsvAction(botId: unknown, input: unknown): Promise<PreviewResult> {
  const result = await withUser(importSchema, withIds({ botId }, input), async ({ botId, csv }, user) => {
    const parsed = parseKnowledgeCsv(csv);
    if (!parsed.ok && parsed.code !== "csv_invalid") return { ok: false as const, code: parsed.code };
    const existing = (await listKnowledge(user, botId)).map((e) => e.question);
    const { entries } = parsed;
    const rowErrors = parsed.ok ? [] : parsed.rowErrors;
    const { fresh, duplicates } = splitDuplicates(entries, existing);
    const rows = entries.length + new Set(rowErrors.map((e) => e.row)).size;
    return { ok: true as const, preview: { rows, toImport: rowErrors.length ? 0 : fresh.length, rowErrors, duplicates } };
  });
  if (!result.ok) return fileRefusal(result, result);
  if (!result.data.ok) return { ok: false, code: result.data.code };
  return { ok: true, data: result.data.preview };
}

/** Imports a CSV of question,answer rows: all new ones (questions already there are skipped), or none with every bad row named. */
export async function importKnowledgeAction(botId: unknown, input: unknown): Promise<ImportResult> {
  const result = await withUser(importSchema, withIds({ botId }, input), async ({ botId, csv }, user) => {
    const parsed = parseKnowledgeCsv(csv);
    if (!parsed.ok) return parsed;
    const { fresh, duplicates } = splitDuplicates(parsed.entries, (await listKnowledge(user, botId)).map((e) => e.question));
    const imported = fresh.length ? await addKnowledge(user, botId, fresh.map(({ question, answer }) => ({ question, answer }))) : 0;
    return { ok: true as const, botId, imported, skipped: duplicates.length };
  });
  if (!result.ok) return fileRefusal(result, result);
  if (!result.data.ok) {
    const failed = result.data;
    return failed.code === "csv_invalid" ? { ok: false, code: "csv_invalid", rowErrors: failed.rowErrors } : { ok: false, code: failed.code };
  }
  refresh(result.data.botId);
  return { ok: true, data: { imported: result.data.imported, skipped: result.data.skipped } };
}
