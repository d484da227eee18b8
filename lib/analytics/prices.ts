import { z } from "zod";

/** US dollars per million tokens, input then output. */
export type Price = { input: number; output: number };

// Published list prices when this was written (December 2026 list, rounded), for an estimate
// out of the box; MODEL_PRICES overrides or adds ("provider/model"). The built-in model is free.
export const DEFAULT_PRICES: Record<string, Price> = {
  "openai/gpt-4o-mini": { input: 0.15, output: 0.6 },
  "openai/gpt-4o": { input: 2.5, output: 10 },
  "openai/gpt-4.1-mini": { input: 0.4, output: 1.6 },
  "openai/gpt-4.1": { input: 2, output: 8 },
  "anthropic/claude-3-5-haiku-latest": { input: 0.8, output: 4 },
  "anthropic/claude-sonnet-4-5": { input: 3, output: 15 },
  "gemini/gemini-2.0-flash": { input: 0.1, output: 0.4 },
  "gemini/gemini-2.5-flash": { input: 0.3, output: 2.5 },
};

const priceSchema = z.record(z.string().regex(/^[\w.-]+\/[\w.:/-]+$/), z.tuple([z.number().min(0), z.number().min(0)]));

/** MODEL_PRICES as written: JSON of "provider/model": [input, output] dollars per million tokens. */
export function parseModelPrices(raw: string | undefined): Record<string, Price> {
  if (!raw) return {};
  const parsed = priceSchema.parse(JSON.parse(raw));
  return Object.fromEntries(Object.entries(parsed).map(([k, [input, output]]) => [k, { input, output }]));
}

export const modelPricesValid = (raw: string | undefined) => {
  try {
    parseModelPrices(raw);
    return true;
  } catch {
    return false;
  }
};

/** The estimated cost of tokens of a model in dollars, or null when its price is unknown. */
export function estimateCost(prices: Record<string, Price>, provider: string, model: string, tokens: { input: number; output: number }): number | null {
  if (provider === "builtin") return 0;
  const price = prices[`${provider}/${model}`] ?? DEFAULT_PRICES[`${provider}/${model}`];
  if (!price) return null;
  return (tokens.input * price.input + tokens.output * price.output) / 1_000_000;
}
