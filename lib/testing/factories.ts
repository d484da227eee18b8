import { createHash, randomUUID } from "node:crypto";
import bcrypt from "bcryptjs";
import { db } from "@/lib/db/client";
import { totpCode } from "@/lib/auth/totp";
import { confirmTwoFactorSetup, startTwoFactorSetup, twoFactorSetupSecret } from "@/lib/db/two-factor";
import { NEW_CHATBOT, type ChatbotData } from "@/lib/validation/chatbot";

export const TEST_PASSWORD = "correct horse battery staple";
let hash: Promise<string> | undefined;

// The app's scheme (lib/auth/password.ts: bcrypt of the SHA-384 base64 of the NFC password) at cost
// 4 instead of 12: verification reads the cost from the hash, so fixture users check fast, while
// every account the code under test creates is still hashed at the app's cost (password.test.ts).
function fixtureHash(password: string) {
  const prehashed = createHash("sha384").update(password.normalize("NFC"), "utf8").digest("base64");
  return bcrypt.hash(prehashed, 4);
}

/** A real user row, with TEST_PASSWORD, unique per call. */
export async function makeUser(overrides: { isActive?: boolean } = {}) {
  const id = randomUUID().slice(0, 8);
  hash ??= fixtureHash(TEST_PASSWORD);
  return db.user.create({
    data: { username: `user_${id}`, email: `user_${id}@example.test`, passwordHash: await hash, ...overrides },
    select: { id: true, username: true, email: true, sessionVersion: true },
  });
}

/** The Channels tab's form as it is sent, everything off; `over` changes fields. */
export const channelsInput = (over: Record<string, unknown> = {}) => ({
  publicPageEnabled: false,
  widgetEnabled: false,
  allowedOrigins: "",
  widgetColor: "#0d6efd",
  widgetPosition: "right",
  widgetGreeting: "",
  widgetButtonLabel: "",
  apiEnabled: false,
  ...over,
});

export const botInput = (overrides: Partial<ChatbotData> = {}): ChatbotData => ({ ...NEW_CHATBOT, name: "Support bot", ...overrides });

/** A visitor message to one of the owner's bots, as the playground would store it; the conversation's id. */
export async function startChatWith(owner: { id: string }, botId: string, content: string) {
  const { findBotForChat } = await import("@/lib/db/chatbots");
  const { startConversation } = await import("@/lib/db/conversations");
  const bot = await findBotForChat({ kind: "owner", id: owner.id }, botId);
  if (!bot) throw new Error(`no bot ${botId} for ${owner.id}`);
  const { countMessages } = await import("@/lib/db/usage");
  const id = await startConversation(bot, "playground", { role: "user", content });
  await countMessages(bot.id, { messages: 1, visitorMessages: 1 });
  return id;
}

/** A user with two-factor sign-in switched on with a code of the moment `at`: the user, the app's secret and the recovery codes. */
export async function makeUserWithTwoFactor(at = Date.now()) {
  const user = await makeUser();
  await startTwoFactorSetup(user);
  const { secret } = (await twoFactorSetupSecret(user))!;
  const codes = await confirmTwoFactorSetup(user, totpCode(secret, at), at);
  return { user, secret, codes };
}
