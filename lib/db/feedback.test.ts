import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { generateApiKey } from "@/lib/auth/api-keys";
import { botInput, makeUser } from "@/lib/testing/factories";
import { VISITOR_RATINGS_PER_MINUTE } from "@/lib/security/limits";
import { actAs } from "@/lib/testing/session";
import { apiKeySchema } from "@/lib/validation/api-key";
import { createApiKey } from "./api-keys";
import { createChatbotWithKnowledge } from "./chatbots";
import { db } from "./client";
import { addUnansweredAsAlternative, answerUnanswered, listUnanswered, markReviewed } from "./feedback";

// Ratings through each channel's route, as a browser or a program sends them, and the owner's
// list of unanswered questions that fallbacks and thumbs down feed.

vi.mock("@/lib/auth/session", () => import("@/lib/testing/session-mock"));
vi.mock("next-intl/server", () => ({ getTranslations: async () => (key: string) => `t:${key}` }));

const playgroundChat = (await import("@/app/api/chatbots/[id]/chat/route")).POST;
const playgroundRate = (await import("@/app/api/chatbots/[id]/feedback/route")).POST;
const publicChat = (await import("@/app/api/public/[publicId]/chat/route")).POST;
const publicRate = (await import("@/app/api/public/[publicId]/feedback/route")).POST;
const apiChat = (await import("@/app/api/v1/chatbots/[id]/chat/route")).POST;
const apiRate = (await import("@/app/api/v1/chatbots/[id]/feedback/route")).POST;

beforeEach(() => {
  actAs(null);
  vi.spyOn(console, "error").mockImplementation(() => {});
});

const browser = { "content-type": "application/json", "sec-fetch-site": "same-origin" };
const post = (body: unknown, headers: Record<string, string> = browser) => new Request("http://test/api", { method: "POST", headers, body: JSON.stringify(body) });
let ip = 0;

/** The reply's id from the `done` event of a streamed (NDJSON) reply. */
async function replyId(response: Response) {
  const events = (await response.text()).trim().split("\n").map((l) => JSON.parse(l));
  return events.find((e) => e.type === "done").messageId as string;
}

async function setup() {
  const owner = await makeUser();
  const bot = await createChatbotWithKnowledge(owner, botInput({ fallbackMessage: "No idea." }), [{ question: "What are your opening hours?", answer: "Nine to five." }]);
  const { publicId } = await db.chatbot.update({ where: { id: bot.id }, data: { publicPageEnabled: true, widgetEnabled: true, apiEnabled: true }, select: { publicId: true } });
  const secret = generateApiKey();
  await createApiKey(owner, apiKeySchema.parse({ name: "Test", scope: "all" }), secret);
  return { owner, botId: bot.id, publicId, key: secret.key };
}

const stored = (id: string) => db.message.findUniqueOrThrow({ where: { id }, select: { rating: true, ratingComment: true, needsReview: true, fallback: true } });

describe("rating a reply", () => {
  it("works in the playground, on the public page, in the widget and through the API, each only for its own replies", async () => {
    const { owner, botId, publicId, key } = await setup();
    const stranger = await makeUser();

    // Playground: the owner.
    actAs(owner);
    const own = await replyId(await playgroundChat(post({ message: "opening hours" }), { params: Promise.resolve({ id: botId }) }));
    expect((await playgroundRate(post({ messageId: own, rating: 1 }), { params: Promise.resolve({ id: botId }) })).status).toBe(204);
    expect(await stored(own)).toEqual({ rating: 1, ratingComment: null, needsReview: false, fallback: false });
    actAs(stranger);
    expect((await playgroundRate(post({ messageId: own, rating: -1 }), { params: Promise.resolve({ id: botId }) })).status).toBe(404);
    actAs(null);
    expect((await playgroundRate(post({ messageId: own, rating: -1 }), { params: Promise.resolve({ id: botId }) })).status).toBe(401);

    // Public page and widget: the visitor, for their own conversation only.
    for (const channel of ["page", "widget"] as const) {
      const visitorId = randomBytes(16).toString("base64url");
      const headers = { ...browser, "x-forwarded-for": `203.0.113.${++ip}` };
      const said = await replyId(await publicChat(post({ message: "Do you sell cakes?", visitorId, channel }, headers), { params: Promise.resolve({ publicId }) }));
      expect(await stored(said)).toMatchObject({ fallback: true, needsReview: true });
      const other = randomBytes(16).toString("base64url");
      expect((await publicRate(post({ messageId: said, rating: -1, visitorId: other, channel }, headers), { params: Promise.resolve({ publicId }) })).status).toBe(404);
      expect((await publicRate(post({ messageId: said, rating: -1, comment: `no cakes on the ${channel}`, visitorId, channel }, headers), { params: Promise.resolve({ publicId }) })).status).toBe(204);
      expect(await stored(said)).toEqual({ rating: -1, ratingComment: `no cakes on the ${channel}`, needsReview: true, fallback: true });
      // A foreign site's request is refused before anything is read.
      expect((await publicRate(post({ messageId: said, rating: 1, visitorId, channel }, { ...headers, "sec-fetch-site": "cross-site" }), { params: Promise.resolve({ publicId }) })).status).toBe(403);
    }

    // The API: a key, for the replies of its conversations; the owner's playground reply is not one.
    const auth = { authorization: `Bearer ${key}` };
    const answer = await (await apiChat(post({ message: "opening hours" }, auth), { params: Promise.resolve({ id: publicId }) })).json();
    expect((await apiRate(post({ messageId: answer.messageId, rating: -1, comment: "too short" }, auth), { params: Promise.resolve({ id: publicId }) })).status).toBe(204);
    expect(await stored(answer.messageId)).toEqual({ rating: -1, ratingComment: "too short", needsReview: true, fallback: false });
    expect((await apiRate(post({ messageId: own, rating: -1 }, auth), { params: Promise.resolve({ id: publicId }) })).status).toBe(404);
    expect((await apiRate(post({ messageId: answer.messageId, rating: 5 }, auth), { params: Promise.resolve({ id: publicId }) })).status).toBe(400);

    // Changing a thumbs down on a reply that answered to a thumbs up takes it off the list again.
    actAs(owner);
    expect((await playgroundRate(post({ messageId: answer.messageId, rating: 1 }), { params: Promise.resolve({ id: botId }) })).status).toBe(204);
    expect(await stored(answer.messageId)).toMatchObject({ rating: 1, needsReview: false });
  });

  it("refuses a visitor's ratings past 30 a minute with a wait, and keeps their last accepted rating", async () => {
    const { publicId } = await setup();
    const visitorId = randomBytes(16).toString("base64url");
    const headers = { ...browser, "x-forwarded-for": `203.0.113.${++ip}` };
    const said = await replyId(await publicChat(post({ message: "opening hours", visitorId, channel: "page" }, headers), { params: Promise.resolve({ publicId }) }));
    const rate = (rating: 1 | -1) => publicRate(post({ messageId: said, rating, visitorId, channel: "page" }, headers), { params: Promise.resolve({ publicId }) });
    for (let i = 0; i < VISITOR_RATINGS_PER_MINUTE; i++) expect((await rate(i % 2 ? 1 : -1)).status).toBe(204);
    const refused = await rate(-1);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ code: "too_many_requests" });
    expect(await stored(said)).toMatchObject({ rating: 1 });
  });
});

describe("unanswered questions", () => {
  async function ask(botId: string, owner: { id: string }, message: string) {
    actAs(owner);
    return replyId(await playgroundChat(post({ message }), { params: Promise.resolve({ id: botId }) }));
  }

  it("groups fallbacks and thumbs down by wording; adding to Q&A or as a phrasing takes them off the list", async () => {
    const { owner, botId } = await setup();
    await ask(botId, owner, "Do you deliver?");
    await ask(botId, owner, "do you deliver on weekends");
    await ask(botId, owner, "Can I pay by card?");
    await ask(botId, owner, "opening hours"); // answered: not listed
    const rated = await ask(botId, owner, "When are you open?"); // answered by the Q&A, then rated down
    await db.message.update({ where: { id: rated }, data: { rating: -1, ratingComment: "wrong day", needsReview: true } });

    let groups = await listUnanswered(owner, botId);
    expect(groups.map((g) => [g.question, g.count])).toEqual([
      ["do you deliver on weekends", 2],
      ["When are you open?", 1],
      ["Can I pay by card?", 1],
    ]);
    expect(groups[0].wordings).toEqual(["do you deliver on weekends", "Do you deliver?"]);
    expect(groups[1]).toMatchObject({ ratedDown: 1, fellBack: 0, comments: ["wrong day"] });

    // Add to Q&A: a new entry; the built-in model answers it now.
    await answerUnanswered(owner, botId, groups[0].messageIds, { question: "Do you deliver?", answer: "Yes, within 5 km." });
    // Add as another phrasing of the opening-hours entry.
    const entry = await db.knowledgeEntry.findFirstOrThrow({ where: { chatbotId: botId, question: "What are your opening hours?" } });
    await addUnansweredAsAlternative(owner, botId, groups[1].messageIds, entry.id, "When are you open?");
    expect((await db.knowledgeEntry.findUniqueOrThrow({ where: { id: entry.id } })).alternatives).toBe("When are you open?");
    groups = await listUnanswered(owner, botId);
    expect(groups.map((g) => g.question)).toEqual(["Can I pay by card?"]);
    expect(await ask(botId, owner, "do you deliver?").then((id) => db.message.findUniqueOrThrow({ where: { id } }))).toMatchObject({ content: "Yes, within 5 km.", fallback: false });

    // Another owner can do none of it.
    const other = await makeUser();
    await expect(listUnanswered(other, botId)).rejects.toMatchObject({ code: "not_found" });
    expect(await markReviewed(other, botId, groups[0].messageIds)).toBe(0);
    await expect(addUnansweredAsAlternative(other, botId, groups[0].messageIds, entry.id, "x")).rejects.toMatchObject({ code: "not_found" });
    expect((await listUnanswered(owner, botId)).map((g) => g.question)).toEqual(["Can I pay by card?"]);
  });
});
