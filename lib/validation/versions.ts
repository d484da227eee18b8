import { z } from "zod";
import { id } from "./fields";

/** A version's optional note, typed beside a save. */
export const VERSION_NOTE_MAX = 200;

const versionNumber = z.preprocess((v) => (typeof v === "string" ? Number(v) : v), z.number("invalid_data").int("invalid_data").min(1, "invalid_data").max(1_000_000, "invalid_data"));

/** `confirmRegressions`: the owner saw the saved tests that newly fail on the draft and publishes anyway. */
export const publishSchema = z.object({ botId: id, confirmRegressions: z.boolean("invalid_data").default(false) });
export const restoreSchema = z.object({ botId: id, number: versionNumber });

/** The two versions the comparison shows (?from=&to=), each a version number or absent. */
export const compareQuery = z.object({ from: versionNumber.optional().catch(undefined), to: versionNumber.optional().catch(undefined) });
