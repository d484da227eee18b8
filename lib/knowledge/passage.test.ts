import { describe, expect, it } from "vitest";
import { stemming } from "./analyzer";
import { QUOTE_MAX, quotePassage } from "./passage";

const quote = (text: string, message: string, lang = "en") => quotePassage(text, stemming.query(message), lang);

const ALLERGIES =
  "Please tell your waiter about any allergy before you order. Our kitchen handles nuts, sesame, eggs, milk, fish and shellfish, so we cannot guarantee that any dish is free of traces.\n\n" +
  "Gluten-free pasta is available for every pasta dish, cooked in a separate pot. Our bread and pizza bases contain gluten; we bake a gluten-free focaccia on request.\n\n" +
  "Vegan guests can choose the minestrone, the grilled vegetables and the lemon sorbet.";

describe("the built-in model's quote of a passage", () => {
  it("is the whole sentences that carry the message's words, in their order", () => {
    expect(quote(ALLERGIES, "Do you have gluten free breads?")).toBe("Our bread and pizza bases contain gluten; we bake a gluten-free focaccia on request.");
    expect(quote(ALLERGIES, "gluten free pasta and traces")).toBe(
      "Our kitchen handles nuts, sesame, eggs, milk, fish and shellfish, so we cannot guarantee that any dish is free of traces.\n\nGluten-free pasta is available for every pasta dish, cooked in a separate pot.",
    );
    expect(quote(ALLERGIES, "Which dishes are vegan?")).toBe("Vegan guests can choose the minestrone, the grilled vegetables and the lemon sorbet.");
  });

  it("keeps lines apart, and takes the next line when the one that matches says little", () => {
    const hours = "Monday to Friday: 8:00 to 18:00\nSaturday: 9:00 to 14:00\nSunday: closed";
    expect(quote(hours, "Are you open on Saturdays?")).toBe("Saturday: 9:00 to 14:00\n\nSunday: closed");
  });

  it("quotes the beginning when only the heading carried the words", () => {
    expect(quote("Monday to Friday: 8:00 to 18:00\nSaturday: 9:00 to 14:00", "opening hours")).toBe("Monday to Friday: 8:00 to 18:00\n\nSaturday: 9:00 to 14:00");
  });

  it("stays short whatever the passage's length, and whole sentences only", () => {
    const long = Array.from({ length: 30 }, (_, i) => `Sentence ${i} talks about bread and its crust number ${i}.`).join(" ");
    const said = quote(long, "bread crust");
    expect(said.length).toBeLessThanOrEqual(QUOTE_MAX);
    expect(said.startsWith("Sentence 0 ")).toBe(true);
    expect(said.endsWith(".")).toBe(true);
  });

  it("quotes a passage in its own language", () => {
    expect(quote("Wir liefern Brot und Kuchen. Die Lieferung kostet drei Euro; ab vierzig Euro liefern wir kostenlos.", "Was kostet die Lieferung?", "de")).toBe(
      "Die Lieferung kostet drei Euro; ab vierzig Euro liefern wir kostenlos.",
    );
  });
});
