import { z } from "zod";
import { requiredText } from "./fields";
import { API_KEY_EXPIRIES } from "./limits";

export const API_KEY_NAME_MAX = 100;
/** A key for chosen bots names at most this many. */
export const API_KEY_BOTS_MAX = 100;
export { API_KEY_EXPIRIES };

const scope = z.object({
  scope: z.enum(["all", "chosen"], "invalid_data"),
  // Database ids of the owner's bots (checked against the owner in lib/db/api-keys.ts).
  botIds: z.array(z.string().min(1).max(64), "invalid_data").max(API_KEY_BOTS_MAX, "invalid_data").default([]),
});

export const apiKeySchema = z
  .object({
    name: requiredText(API_KEY_NAME_MAX),
    ...scope.shape,
    expiresInDays: z.enum(API_KEY_EXPIRIES, "invalid_data").default(""),
  })
  .refine((v) => v.scope === "all" || v.botIds.length > 0, {
    message: "api_key_bots_required",
    path: ["botIds"],
    // Also when another field is wrong, so the form shows every error at once.
    when: (payload) => scope.safeParse(payload.value).success,
  });

export type ApiKeyInput = z.input<typeof apiKeySchema>;
export type ApiKeyData = z.output<typeof apiKeySchema>;
