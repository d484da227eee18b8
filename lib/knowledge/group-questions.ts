import { detectLanguage, stemmedTokens } from "./stem";

/** How alike two questions' words must be (shared stems ÷ all stems) to count as one question. */
export const SAME_QUESTION = 0.5;

const termsOf = (text: string) => new Set(stemmedTokens(text, detectLanguage(text)));

function similarity(a: Set<string>, b: Set<string>) {
  if (!a.size || !b.size) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / (a.size + b.size - shared);
}

/** A wording as compared: case, punctuation and spacing aside. */
export const wordingKey = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();

export type Grouped<T> = { question: string; items: T[]; wordings: string[] };

/**
 * Questions grouped by similar wording ("opening hours?", "When are you open?" and "what are
 * your opening hours" together), the largest group first: each joins the first group whose first
 * question it is alike enough to; one with no content words only joins the same text.
 */
export function groupQuestions<T extends { question: string }>(items: T[]): Grouped<T>[] {
  const groups: (Grouped<T> & { terms: Set<string>; key: string })[] = [];
  for (const item of items) {
    const terms = termsOf(item.question);
    const key = wordingKey(item.question);
    const group = groups.find((g) => (terms.size ? similarity(g.terms, terms) >= SAME_QUESTION : g.key === key));
    if (group) {
      group.items.push(item);
      if (!group.wordings.some((w) => wordingKey(w) === key)) group.wordings.push(item.question);
    } else groups.push({ question: item.question, items: [item], wordings: [item.question], terms, key });
  }
  return groups.sort((a, b) => b.items.length - a.items.length).map(({ question, items, wordings }) => ({ question, items, wordings }));
}
