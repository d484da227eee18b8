import { describe, expect, it } from "vitest";
import { LOCALES } from "@/lib/i18n/locales";
import { catalogTranslator } from "@/lib/testing/messages";
import { chatbotSchema } from "@/lib/validation/chatbot";
import { KnowledgeIndex } from "@/lib/knowledge/retrieval";
import { TEMPLATES, TEMPLATE_QA, templateBot } from "./templates";

const templateTranslator = (locale: string) => catalogTranslator(locale, "templates");

describe("templates", () => {
  it.each(LOCALES)("fill every field and sample Q&A within the form's limits in %s", (locale) => {
    for (const template of TEMPLATES) {
      const { bot, entries } = templateBot(template.id, templateTranslator(locale));
      expect(bot.name.length, `${locale} ${template.id}`).toBeGreaterThan(0);
      expect(bot.systemPrompt.length).toBeGreaterThan(0);
      expect(bot.welcomeMessage.length).toBeGreaterThan(0);
      expect(bot.fallbackMessage.length).toBeGreaterThan(0);
      expect(bot).toMatchObject({ provider: "builtin", isActive: true, avatarIcon: template.icon, avatarColor: template.color });
      expect(entries).toHaveLength(TEMPLATE_QA);
      expect(new Set(entries.map((e) => e.question)).size).toBe(TEMPLATE_QA);
    }
  });

  it("speak the maker's language", () => {
    expect(templateBot("restaurant", templateTranslator("de")).bot.name).toBe("Restaurant-Gastgeber");
    expect(templateBot("restaurant", templateTranslator("ar")).entries[0].question).toBe("متى تفتحون؟");
  });

  it("answer what the issue's newcomer asked the restaurant bot, through the allergies entry's other phrasings", () => {
    for (const locale of LOCALES) {
      const allergies = templateBot("restaurant", templateTranslator(locale)).entries[3];
      expect(allergies.alternatives.split("\n").length, locale).toBeGreaterThanOrEqual(2);
    }
    const index = new KnowledgeIndex(templateBot("restaurant", templateTranslator("en")).entries.map((e) => ({ ...e, alternatives: e.alternatives.split("\n") })));
    expect(index.bestAnswer("Do you have gluten free options?")?.answer).toContain("allergy");
  });

  it("the avatar fields refuse anything outside their lists", () => {
    const base = { name: "Bot" };
    expect(chatbotSchema.safeParse({ ...base, avatarIcon: "robot\" onmouseover=\"x" }).success).toBe(false);
    expect(chatbotSchema.safeParse({ ...base, avatarColor: "#fff;background:url(x)" }).success).toBe(false);
    expect(chatbotSchema.parse(base)).toMatchObject({ avatarIcon: "robot", avatarColor: "indigo" });
  });
});
