import { beforeEach, expect, it, vi } from "vitest";
import { createChatbot, findBotForChat } from "@/lib/db/chatbots";
import { addMessage, startConversation } from "@/lib/db/conversations";
import { botInput, makeUser } from "@/lib/testing/factories";
import { actAs } from "@/lib/testing/session";
import { GET } from "./route";

vi.mock("@/lib/auth/session", () => import("@/lib/testing/session-mock"));
beforeEach(() => actAs(null));

const download = (botId: string, format: string) =>
  GET(new Request(`http://test/api/chatbots/${botId}/conversations/export?format=${format}`), { params: Promise.resolve({ id: botId }) });

it("downloads every conversation as JSON and as CSV, formulas neutralised, and nothing for anyone else", async () => {
  const owner = await makeUser();
  const bot = await createChatbot(owner, botInput());
  const chat = (await findBotForChat({ kind: "owner", id: owner.id }, bot.id))!;
  const first = await startConversation(chat, "playground", { role: "user", content: "Ça va ? مرحبا" });
  await addMessage(chat, first, { role: "assistant", content: "Line one\nline \"two\"" });
  await startConversation(chat, "playground", { role: "user", content: "a;=HYPERLINK(\"http://x\")" });

  expect((await download(bot.id, "json")).status).toBe(401);
  actAs(await makeUser());
  expect((await download(bot.id, "csv")).status).toBe(404);
  actAs(owner);

  const json = await (await download(bot.id, "json")).json();
  expect(json.conversations.map((c: { messages: { content: string }[] }) => c.messages.map((m) => m.content))).toEqual([
    ["Ça va ? مرحبا", "Line one\nline \"two\""],
    ["a;=HYPERLINK(\"http://x\")"],
  ]);
  expect(json.exportedAt).toEqual(expect.any(String));

  const response = await download(bot.id, "csv");
  expect(response.headers.get("content-type")).toContain("text/csv");
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the byte-order mark spreadsheets need
  const csv = new TextDecoder().decode(bytes);
  expect(csv.startsWith("conversation_id,")).toBe(true);
  expect(csv).toContain('"Line one\nline ""two"""');
  expect(csv).toContain(`"a;'=HYPERLINK(""http://x"")"`);
  expect(csv.trim().split("\r\n")).toHaveLength(4);
});

it("writes valid JSON for a bot with no conversations", async () => {
  const owner = await makeUser();
  const bot = await createChatbot(owner, botInput());
  actAs(owner);
  expect((await (await download(bot.id, "json")).json()).conversations).toEqual([]);
});

it("exports each reply's sources: a list in JSON, the same list as JSON in a CSV cell", async () => {
  const owner = await makeUser();
  const bot = await createChatbot(owner, botInput());
  const chat = (await findBotForChat({ kind: "owner", id: owner.id }, bot.id))!;
  const id = await startConversation(chat, "playground", { role: "user", content: "gluten free?" });
  const menu = { ref: null, kind: "file", name: "Menu.pdf", page: 3, heading: "Allergies", url: null };
  await addMessage(chat, id, { role: "assistant", content: "Focaccia on request.", sources: JSON.stringify([menu]) });
  actAs(owner);
  const json = await (await download(bot.id, "json")).json();
  expect(json.conversations[0].messages.map((m: { sources: unknown }) => m.sources)).toEqual([[], [menu]]);
  const csv = new TextDecoder().decode(await (await download(bot.id, "csv")).arrayBuffer());
  expect(csv.split("\r\n")[0].endsWith(",error_code,sources")).toBe(true);
  expect(csv).toContain(`"${JSON.stringify([menu]).replaceAll('"', '""')}"`);
});
