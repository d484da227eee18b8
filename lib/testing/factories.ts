import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import { NEW_CHATBOT, type ChatbotData } from "@/lib/validation/chatbot";

export const TEST_PASSWORD = "correct horse battery staple";
let hash: Promise<string> | undefined;

/** A real user row, with TEST_PASSWORD, unique per call. */
export async function makeUser(overrides: { isActive?: boolean } = {}) {
  const id = randomUUID().slice(0, 8);
  hash ??= hashPassword(TEST_PASSWORD);
  return db.user.create({
    data: { username: `user_${id}`, email: `user_${id}@example.test`, passwordHash: await hash, ...overrides },
    select: { id: true, username: true, email: true, sessionVersion: true },
  });
}

export const botInput = (overrides: Partial<ChatbotData> = {}): ChatbotData => ({ ...NEW_CHATBOT, name: "Support bot", ...overrides });
