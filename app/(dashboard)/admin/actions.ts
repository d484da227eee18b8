"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { withUser } from "@/lib/actions/action";
import { setBotActiveByAdmin, setUserActive, setUserRole } from "@/lib/db/admin";

const id = z.string().min(1).max(64);

export async function setUserActiveAction(userId: string, isActive: boolean) {
  const result = await withUser(z.object({ userId: id, isActive: z.boolean() }), { userId, isActive }, (data, user) => setUserActive(user, data.userId, data.isActive));
  if (result.ok) revalidatePath("/admin");
  return result;
}

export async function setUserRoleAction(userId: string, role: "USER" | "ADMIN") {
  const result = await withUser(z.object({ userId: id, role: z.enum(["USER", "ADMIN"]) }), { userId, role }, (data, user) => setUserRole(user, data.userId, data.role));
  if (result.ok) revalidatePath("/admin");
  return result;
}

export async function setBotActiveAction(chatbotId: string, isActive: boolean) {
  const result = await withUser(z.object({ chatbotId: id, isActive: z.boolean() }), { chatbotId, isActive }, (data, user) => setBotActiveByAdmin(user, data.chatbotId, data.isActive));
  if (result.ok) revalidatePath("/admin/bots");
  return result;
}
