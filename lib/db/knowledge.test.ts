import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { botInput, makeUser } from "@/lib/testing/factories";
import { createChatbot } from "./chatbots";
import { addKnowledge, deleteKnowledgeEntry, listKnowledge, moveKnowledgeEntry, updateKnowledgeEntry } from "./knowledge";

const code = (p: Promise<unknown>) => p.then(() => "resolved", (e) => (e instanceof AppError ? e.code : String(e)));
const qa = (n: number) => ({ question: `Q${n}`, answer: `A${n}` });

describe("Q&A entries", () => {
  it("keep their order, move up and down, and stay put at the ends", async () => {
    const owner = await makeUser();
    const bot = await createChatbot(owner, botInput());
    await addKnowledge(owner, bot.id, [qa(1), qa(2)]);
    await addKnowledge(owner, bot.id, [qa(3)]);
    const order = async () => (await listKnowledge(owner, bot.id)).map((e) => e.question);
    expect(await order()).toEqual(["Q1", "Q2", "Q3"]);

    const [first, , third] = await listKnowledge(owner, bot.id);
    await moveKnowledgeEntry(owner, third.id, "up");
    expect(await order()).toEqual(["Q1", "Q3", "Q2"]);
    await moveKnowledgeEntry(owner, first.id, "up");
    expect(await order()).toEqual(["Q1", "Q3", "Q2"]);
    await moveKnowledgeEntry(owner, first.id, "down");
    expect(await order()).toEqual(["Q3", "Q1", "Q2"]);

    await updateKnowledgeEntry(owner, first.id, { question: "Q1!", answer: "A1!" });
    await deleteKnowledgeEntry(owner, third.id);
    expect(await listKnowledge(owner, bot.id)).toMatchObject([{ question: "Q1!", answer: "A1!" }, { question: "Q2" }]);
  });

  it("belong to the bot's owner only", async () => {
    const owner = await makeUser();
    const other = await makeUser();
    const bot = await createChatbot(owner, botInput());
    await addKnowledge(owner, bot.id, [qa(1)]);
    const [entry] = await listKnowledge(owner, bot.id);

    expect(await code(listKnowledge(other, bot.id))).toBe("not_found");
    expect(await code(addKnowledge(other, bot.id, [qa(9)]))).toBe("not_found");
    expect(await code(updateKnowledgeEntry(other, entry.id, qa(9)))).toBe("not_found");
    expect(await code(moveKnowledgeEntry(other, entry.id, "down"))).toBe("not_found");
    expect(await code(deleteKnowledgeEntry(other, entry.id))).toBe("not_found");
    expect(await listKnowledge(owner, bot.id)).toMatchObject([{ question: "Q1", answer: "A1" }]);
  });
});
