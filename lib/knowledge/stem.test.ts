import { describe, expect, it } from "vitest";
import { detectLanguage, queryStems, stemmedTokens, tokens, type Lang } from "./stem";

/** A query meets a document when one of its stems is among the document's. */
const meets = (query: string, doc: string, lang: Lang) => {
  const indexed = new Set(stemmedTokens(doc, lang));
  return queryStems(query).some((s) => indexed.has(s));
};

describe("stems meet across word forms", () => {
  it.each<[string, string, Lang]>([
    ["breads", "We bake bread daily.", "en"],
    ["Saturdays", "Open on Saturday from 8.", "en"],
    ["opening", "We open at 8.", "en"],
    ["panes", "Vendemos pan de centeno.", "es"],
    ["panaderia", "Nuestra panadería abre a las 7.", "es"],
    ["Brötchen", "Frische Brötchen jeden Morgen.", "de"],
    ["brotchen", "Frische Brötchen jeden Morgen.", "de"],
    ["Bäckereien", "Unsere Bäckerei in Berlin.", "de"],
    ["boulangeries", "La boulangerie ouvre à 7 heures.", "fr"],
    ["patisseries", "Nos pâtisseries sont faites maison.", "fr"],
    ["المعلمين", "معلم الخبز", "ar"],
    ["الخبز", "نبيع خبز الشعير", "ar"],
    ["الخُبْز", "نبيع خبز الشعير", "ar"],
  ])("%s meets %s", (query, doc, lang) => {
    expect(meets(query, doc, lang)).toBe(true);
  });

  it("keeps different words apart", () => {
    expect(meets("cake", "We bake bread daily.", "en")).toBe(false);
    expect(meets("Kuchen", "Frische Brötchen jeden Morgen.", "de")).toBe(false);
  });

  it("stems a document in its own language", () => {
    expect(stemmedTokens("The breads are baked on Saturdays", "en")).toEqual(["bread", "bake", "saturdai"]);
    expect(stemmedTokens("Los panes", "es")).toEqual(["pan"]);
    expect(stemmedTokens("Die Brötchen", "de")).toEqual(["brotch"]);
    expect(stemmedTokens("المعلمين", "ar")).toEqual(["معلم"]);
  });
});

describe("tokens", () => {
  it("lowercases, applies NFKC, splits on what is not a letter or digit, and drops function words of all five languages", () => {
    expect(tokens("Do you bake GLUTEN-free ﬁne bread? ¿Tenéis pan sin gluten? Habt ihr Brot?")).toEqual(["bake", "gluten", "free", "fine", "bread", "pan", "gluten", "brot"]);
    expect(tokens("Où est la boulangerie ? l'heure d'ouverture")).toEqual(["boulangerie", "heure", "ouverture"]);
    expect(tokens("هل لديكم خبز في المساء؟")).toEqual(["لديكم", "خبز", "المساء"]);
  });

  it("keeps words that carry a topic although a packaged list calls them function words", () => {
    expect(tokens("Horas de apertura por la tarde")).toEqual(["horas", "apertura", "tarde"]);
    expect(tokens("May opening hours; hat sizes; open 24 h")).toEqual(["may", "opening", "hours", "hat", "sizes", "open", "24"]);
    expect(tokens("اليوم صباح")).toEqual(["اليوم", "صباح"]);
  });

  it("drops Arabic vowel marks and tatweel, and unifies hamza-carrying alefs", () => {
    expect(tokens("الخُبْزُ الطـــازج أحمد")).toEqual(["الخبز", "الطازج", "احمد"]);
  });
});

describe("queryStems", () => {
  it("holds the stems in all five languages, once each", () => {
    const stems = queryStems("boulangeries breads");
    expect(stems).toContain("boulanger");
    expect(stems).toContain("bread");
    expect(new Set(stems).size).toBe(stems.length);
    expect(queryStems("the and of")).toEqual([]);
  });
});

describe("detectLanguage", () => {
  it.each<[Lang, string]>([
    ["en", "Our bakery is open from Monday to Saturday. We bake all of our bread in a stone oven, and the gluten free loaves are made in a separate room."],
    ["es", "Nuestra panadería está abierta de lunes a sábado. Horneamos todo nuestro pan en un horno de piedra y los panes sin gluten se hacen en una sala aparte."],
    ["de", "Unsere Bäckerei ist von Montag bis Samstag geöffnet. Wir backen unser ganzes Brot in einem Steinofen, und die glutenfreien Brote werden in einem eigenen Raum gebacken."],
    ["fr", "Notre boulangerie est ouverte du lundi au samedi. Nous cuisons tout notre pain dans un four en pierre, et les pains sans gluten sont faits dans une salle à part."],
    ["ar", "مخبزنا مفتوح من الاثنين إلى السبت. نخبز كل خبزنا في فرن حجري، ويصنع الخبز الخالي من الغلوتين في غرفة منفصلة."],
  ])("tells %s", (lang, text) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it('says "en" when nothing tells', () => {
    expect(detectLanguage("")).toBe("en");
    expect(detectLanguage("12345 ACME-9000")).toBe("en");
  });
});
