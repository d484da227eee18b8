// The retrieval evaluation's questions: each with where its answer must come from — a document
// of ./docs (its file name), a Q&A entry ("qa:" + its question), or null when nothing the bot
// knows answers it (the built-in model must fall back). Written for the evaluation, in the five
// interface languages, with other word forms than the documents use ("breads" / "bread",
// "Saturdays" / "Saturday") and synonyms that only the Q&A's alternative phrasings know.

import type { KnowledgeEntry } from "../retrieval";

export const EVAL_QA: KnowledgeEntry[] = [
  { question: "Do you have parking?", answer: "Yes: free parking for guests behind the restaurant.", alternatives: ["Where can I leave my car?", "Is there a car park nearby?"] },
  { question: "Can I pay by card?", answer: "We accept all major cards and contactless payment.", alternatives: ["Do you take Visa or Mastercard?", "Is contactless payment possible?", "Do you accept Apple Pay?"] },
  { question: "Do you sell gift vouchers?", answer: "Yes, from 20 to 200 euros, at the bar.", alternatives: ["Can I buy a present certificate?", "Do you have gift certificates?"] },
  { question: "Is there Wi-Fi?", answer: "Yes, ask your waiter for the password.", alternatives: ["Do you have wifi?", "Can I get on the internet?", "wireless network password"] },
  { question: "هل لديكم خيارات نباتية؟", answer: "نعم، لدينا أطباق نباتية مثل اللازانيا بالسبانخ.", alternatives: [] },
];

export type EvalQuestion = { q: string; from: string | null; kind: "plain" | "word-form" | "synonym" | "language" | "none" };

export const EVAL_QUESTIONS: EvalQuestion[] = [
  // The menu (English)
  { q: "Do you have gluten free breads?", from: "menu.md", kind: "word-form" },
  { q: "Is there gluten-free pasta?", from: "menu.md", kind: "plain" },
  { q: "What vegan dishes do you have?", from: "menu.md", kind: "plain" },
  { q: "Are the desserts dairy free?", from: "menu.md", kind: "plain" },
  { q: "I have a nut allergy, is that a problem?", from: "menu.md", kind: "word-form" },
  { q: "Are children's portions cheaper?", from: "menu.md", kind: "plain" },
  { q: "What is in the vegetarian lasagne?", from: "menu.md", kind: "plain" },
  { q: "Do you serve tiramisu?", from: "menu.md", kind: "plain" },
  { q: "Is the sea bass grilled?", from: "menu.md", kind: "plain" },
  { q: "Which starters do you have?", from: "menu.md", kind: "word-form" },
  // Opening hours and location (English)
  { q: "Are you open on Saturdays?", from: "hours.md", kind: "word-form" },
  { q: "What time does the kitchen close on Fridays?", from: "hours.md", kind: "word-form" },
  { q: "Opening hours on Sunday?", from: "hours.md", kind: "plain" },
  { q: "Are you closed on public holidays?", from: "hours.md", kind: "plain" },
  { q: "Where are you located?", from: "hours.md", kind: "word-form" },
  { q: "Which tram stop is nearest?", from: "hours.md", kind: "word-form" },
  { q: "How do I book a table?", from: "hours.md", kind: "word-form" },
  { q: "Can a large group book by email?", from: "hours.md", kind: "word-form" },
  // Returns (English)
  { q: "How many days do I have to return an item?", from: "returns.md", kind: "plain" },
  { q: "When will I get my refund?", from: "returns.md", kind: "plain" },
  { q: "Can gift cards be returned?", from: "returns.md", kind: "word-form" },
  { q: "My order arrived damaged, what should I do?", from: "returns.md", kind: "word-form" },
  { q: "Can I exchange sizes?", from: "returns.md", kind: "word-form" },
  { q: "Refunds for sale items?", from: "returns.md", kind: "word-form" },
  { q: "Do I get a prepaid shipping label?", from: "returns.md", kind: "plain" },
  // Synonyms only the Q&A's alternative phrasings know
  { q: "Where can I leave my car?", from: "qa:Do you have parking?", kind: "synonym" },
  { q: "Is there a car park?", from: "qa:Do you have parking?", kind: "synonym" },
  { q: "Do you take Mastercard?", from: "qa:Can I pay by card?", kind: "synonym" },
  { q: "Can I pay contactless?", from: "qa:Can I pay by card?", kind: "synonym" },
  { q: "Do you have gift certificates?", from: "qa:Do you sell gift vouchers?", kind: "synonym" },
  { q: "Is there wifi?", from: "qa:Is there Wi-Fi?", kind: "synonym" },
  { q: "Can I use the internet?", from: "qa:Is there Wi-Fi?", kind: "synonym" },
  // Other interface languages
  { q: "Liefert ihr auch samstags?", from: "lieferung.md", kind: "language" },
  { q: "Was kostet die Lieferung?", from: "lieferung.md", kind: "language" },
  { q: "Kann ich eine Hochzeitstorte bestellen?", from: "lieferung.md", kind: "language" },
  { q: "Gibt es jeden Tag Roggenbrot?", from: "lieferung.md", kind: "language" },
  { q: "Wie lange ruht der Sauerteig?", from: "lieferung.md", kind: "language" },
  { q: "¿Puedo cancelar mi reserva?", from: "reservas.md", kind: "language" },
  { q: "¿A qué hora es la salida?", from: "reservas.md", kind: "language" },
  { q: "¿Se admiten perros?", from: "reservas.md", kind: "language" },
  { q: "¿Hasta qué hora sirven el desayuno?", from: "reservas.md", kind: "language" },
  { q: "Combien coûte la livraison ?", from: "livraison.md", kind: "language" },
  { q: "Puis-je retirer mes livres à la librairie ?", from: "livraison.md", kind: "language" },
  { q: "Les cartes cadeaux sont-elles valables longtemps ?", from: "livraison.md", kind: "language" },
  { q: "هل عندكم أطباق نباتية؟", from: "qa:هل لديكم خيارات نباتية؟", kind: "language" },
  // Nothing the bot knows answers these: the built-in model must fall back.
  { q: "What is the weather like tomorrow?", from: null, kind: "none" },
  { q: "Do you repair bicycles?", from: null, kind: "none" },
  { q: "Who won the football match yesterday?", from: null, kind: "none" },
  { q: "Can you recommend a good dentist?", from: null, kind: "none" },
  { q: "¿Tienen gimnasio en el hotel?", from: null, kind: "none" },
  { q: "Habt ihr einen Parkplatz für Wohnmobile?", from: null, kind: "none" },
  { q: "Quel est le prix d'un abonnement de train ?", from: null, kind: "none" },
  { q: "How do I reset my password?", from: null, kind: "none" },
  { q: "Do you sell bicycles online?", from: null, kind: "none" },
  { q: "Is the swimming pool heated?", from: null, kind: "none" },
];
