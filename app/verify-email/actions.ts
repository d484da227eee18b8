"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { failureOf, parseInput, type ActionResult } from "@/lib/actions/action";
import { verifyEmailWithToken } from "@/lib/db/account-tokens";
import { clientIp } from "@/lib/security/ip";
import { takeAccountLinkSubmit } from "@/lib/security/limits";
import { verifyEmailSchema } from "@/lib/validation/auth";

/**
 * Confirms an address with the link mailed to it. No session is needed: the token is the proof,
 * and it acts only on the account it was issued for. A button posts it (not the page's GET), so
 * a mail scanner that opens links does not spend it.
 */
export async function verifyEmailAction(input: unknown): Promise<ActionResult<{ outcome: "verified" | "changed" }>> {
  const parsed = parseInput(verifyEmailSchema, input);
  if (!parsed.ok) return parsed;
  const retryAfter = await takeAccountLinkSubmit(clientIp(await headers()));
  if (retryAfter) return { ok: false, code: "too_many_requests", retryAfter };
  let outcome: "verified" | "changed";
  try {
    outcome = await verifyEmailWithToken(parsed.data.token);
  } catch (error) {
    return failureOf(error);
  }
  revalidatePath("/", "layout");
  return { ok: true, data: { outcome } };
}
