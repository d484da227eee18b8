import { describe, expect, it } from "vitest";
import { botInput, makeUser, startChatWith } from "@/lib/testing/factories";
import { createChatbot, createChatbotWithKnowledge, dashboardSummary, setChatbotActive } from "./chatbots";
import { addKnowledge } from "./knowledge";
import { checklistOf, dismissChecklist } from "./onboarding";

describe("the getting-started checklist", () => {
  it("ticks each step from the account's own data, never another account's", async () => {
    const owner = await makeUser();
    const other = await makeUser();
    const steps = async () => (await checklistOf(owner)).steps;
    expect(await checklistOf(owner)).toEqual({ dismissed: false, botId: null, steps: { create: false, knowledge: false, try: false, launch: false } });

    // Someone else's busy bot ticks nothing here.
    const foreign = await createChatbotWithKnowledge(other, botInput(), [{ question: "q", answer: "a" }]);
    await startChatWith(other, foreign.id, "hi");
    expect(await steps()).toEqual({ create: false, knowledge: false, try: false, launch: false });

    const bot = await createChatbot(owner, botInput());
    expect(await checklistOf(owner)).toMatchObject({ botId: bot.id, steps: { create: true, knowledge: false, try: false, launch: false } });
    await addKnowledge(owner, bot.id, [{ question: "When do you open?", answer: "At nine." }]);
    expect(await steps()).toEqual({ create: true, knowledge: true, try: false, launch: false });
    await setChatbotActive(owner, bot.id, false);
    await startChatWith(owner, bot.id, "When do you open?");
    // Tried, but switched off: not at work yet.
    expect(await steps()).toEqual({ create: true, knowledge: true, try: true, launch: false });
    await setChatbotActive(owner, bot.id, true);
    expect(await steps()).toEqual({ create: true, knowledge: true, try: true, launch: true });
  });

  it("stays dismissed for that account only", async () => {
    const owner = await makeUser();
    const other = await makeUser();
    await dismissChecklist(owner);
    expect((await checklistOf(owner)).dismissed).toBe(true);
    expect((await checklistOf(other)).dismissed).toBe(false);
  });
});

describe("the dashboard's cards", () => {
  it("order bots by their last activity: a conversation counts, not only an edit", async () => {
    const owner = await makeUser();
    const quiet = await createChatbot(owner, botInput({ name: "Quiet" }));
    const busy = await createChatbot(owner, botInput({ name: "Busy" }));
    await createChatbot(owner, botInput({ name: "Newest" }));
    await new Promise((r) => setTimeout(r, 10));
    await startChatWith(owner, quiet.id, "hello");
    const { recent } = await dashboardSummary(owner);
    expect(recent.map((b) => b.name)).toEqual(["Quiet", "Newest", "Busy"]);
    expect(recent[0].lastActivity.getTime()).toBeGreaterThan(recent[1].lastActivity.getTime());
    expect(recent[0]).toMatchObject({ avatarIcon: "robot", avatarColor: "indigo" });
    void busy;
  });
});
