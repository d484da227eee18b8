"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { withUser } from "@/lib/actions/action";
import { dismissChecklist } from "@/lib/db/onboarding";

/** Hides the getting-started checklist for good, on every device (it is stored on the account). */
export async function dismissChecklistAction() {
  const result = await withUser(z.object({}), {}, (_data, user) => dismissChecklist(user));
  if (result.ok) revalidatePath("/dashboard");
  return result;
}
