"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { withIds, withUser } from "@/lib/actions/action";
import { generateApiKey } from "@/lib/auth/api-keys";
import { createApiKey, revokeApiKey } from "@/lib/db/api-keys";
import { audit } from "@/lib/db/audit";
import { apiKeySchema } from "@/lib/validation/api-key";
import { id } from "@/lib/validation/fields";

/**
 * Creates a key and returns it, the one time it is ever shown: only its hash and a short prefix
 * are stored (SECURITY.md #38, #47).
 */
export async function createApiKeyAction(input: unknown) {
  const result = await withUser(apiKeySchema, input, async (data, user) => {
    const secret = generateApiKey();
    const created = await createApiKey(user, data, secret);
    await audit({ action: "api_key_created", actorId: user.id, targetId: created.id, targetName: `${created.name} (${created.prefix}…)` });
    return { key: secret.key };
  });
  if (result.ok) revalidatePath("/api-keys");
  return result;
}

/** Revokes one of the user's keys: refused from the very next request. The client binds the id. */
export async function revokeApiKeyAction(keyId: unknown) {
  const result = await withUser(z.object({ id }), withIds({ id: keyId }), async ({ id }, user) => {
    const revoked = await revokeApiKey(user, id);
    await audit({ action: "api_key_revoked", actorId: user.id, targetId: revoked.id, targetName: `${revoked.name} (${revoked.prefix}…)` });
    return undefined;
  });
  if (result.ok) revalidatePath("/api-keys");
  return result;
}
