import "server-only";
import { createGoogleGenerativeAI } from "@ai-sdk/google";
import { createOpenAI } from "@ai-sdk/openai";
import { embed, embedMany, type EmbeddingModel } from "ai";
import { env } from "@/lib/env";

// Optional embeddings (EMBEDDING_PROVIDER): pieces are embedded when indexed, a visitor's message
// when searched, and the nearest pieces join the full-text ranking by reciprocal-rank fusion
// (./search.ts). Everything here is best effort: a failure or a time-out logs one line and the
// caller goes on with full text only. Vectors are stored as float32 little-endian bytes in a plain
// column on both engines (no pgvector on these machines; libSQL's vector column needs a newer driver).

/** Pieces per embedding request while indexing. */
export const EMBED_BATCH = 64;

export const DEFAULT_EMBEDDING_MODELS = { openai: "text-embedding-3-small", gemini: "gemini-embedding-001" } as const;

let made: { key: string; model: EmbeddingModel } | undefined;

/** The configured embedding model, or null when no provider is configured (full text only). */
function embeddingModel(): EmbeddingModel | null {
  const e = env();
  const provider = e.EMBEDDING_PROVIDER;
  if (!provider) return null;
  const id = e.EMBEDDING_MODEL || DEFAULT_EMBEDDING_MODELS[provider];
  const key = `${provider}\u0000${id}`;
  if (made?.key !== key) {
    const model =
      provider === "openai"
        ? createOpenAI({ apiKey: e.OPENAI_API_KEY ?? "not-needed", baseURL: e.OPENAI_BASE_URL }).embeddingModel(id)
        : createGoogleGenerativeAI({ apiKey: e.GEMINI_API_KEY, baseURL: e.GEMINI_BASE_URL }).embeddingModel(id);
    made = { key, model };
  }
  return made.model;
}

/** Gemini embeds documents and queries for retrieval differently when told which is which (other providers ignore it). */
const task = (taskType: "RETRIEVAL_DOCUMENT" | "RETRIEVAL_QUERY") => ({ google: { taskType } });

export const embeddingsConfigured = () => !!env().EMBEDDING_PROVIDER;

function logFailure(what: string, error: unknown, timedOut: boolean) {
  const detail = timedOut ? "timed out" : error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  console.warn(`Embeddings unavailable for ${what}, full text only: ${detail.slice(0, 300)}`);
}

async function limited<T>(ms: number, run: (signal: AbortSignal) => Promise<T>, what: string): Promise<T | null> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), ms);
  try {
    // The race ends the wait even if a provider ignored the signal.
    return await Promise.race([
      run(timeout.signal),
      new Promise<never>((_, reject) => timeout.signal.addEventListener("abort", () => reject(new Error("timeout")), { once: true })),
    ]);
  } catch (error) {
    logFailure(what, error, timeout.signal.aborted);
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * An indexing run's embedder: embeds texts in batches of EMBED_BATCH, each request limited to
 * EMBEDDING_TIMEOUT_SECONDS; after its first failure it embeds nothing more (one logged line per
 * run, and a dead endpoint costs one time-out, not one per page of a site).
 */
export function indexEmbedder() {
  let failed = false;
  return async function embedTexts(texts: string[]): Promise<(Uint8Array<ArrayBuffer> | null)[]> {
    const model = embeddingModel();
    const out: (Uint8Array<ArrayBuffer> | null)[] = texts.map(() => null);
    if (!model || failed) return out;
    const ms = env().EMBEDDING_TIMEOUT_SECONDS * 1000;
    for (let start = 0; start < texts.length; start += EMBED_BATCH) {
      const values = texts.slice(start, start + EMBED_BATCH);
      const result = await limited(ms, (abortSignal) => embedMany({ model, values, abortSignal, maxRetries: 1, providerOptions: task("RETRIEVAL_DOCUMENT") }), "indexing");
      if (!result || result.embeddings.length !== values.length) {
        if (result) logFailure("indexing", new Error(`${result.embeddings.length} vectors for ${values.length} texts`), false);
        failed = true;
        return texts.map(() => null);
      }
      result.embeddings.forEach((vector, i) => (out[start + i] = toBytes(vector)));
    }
    return out;
  };
}

/** A visitor's message as a vector, within EMBEDDING_QUERY_TIMEOUT_MS; null when not configured or on any failure. */
export async function embedQuery(text: string): Promise<Float32Array | null> {
  const model = embeddingModel();
  if (!model || !text.trim()) return null;
  const result = await limited(env().EMBEDDING_QUERY_TIMEOUT_MS, (abortSignal) => embed({ model, value: text, abortSignal, maxRetries: 0, providerOptions: task("RETRIEVAL_QUERY") }), "a message");
  return result && result.embedding.length ? Float32Array.from(result.embedding) : null;
}

/** float32 little-endian, whatever the machine's byte order. */
export function toBytes(vector: ArrayLike<number>): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(vector.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < vector.length; i++) view.setFloat32(i * 4, vector[i], true);
  return bytes;
}

export function fromBytes(bytes: Uint8Array): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const vector = new Float32Array(Math.floor(bytes.byteLength / 4));
  for (let i = 0; i < vector.length; i++) vector[i] = view.getFloat32(i * 4, true);
  return vector;
}

/** Cosine similarity; 0 for vectors of different lengths (a model changed) or a zero vector. */
export function cosine(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length || !a.length) return 0;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/**
 * Reciprocal-rank fusion: each id scores the sum of 1 / (k + rank) over the rankings it is in
 * (rank from 1), best first; ties keep the order of first appearance (the first ranking's first).
 */
export function reciprocalRankFusion(rankings: string[][], k = 60): string[] {
  const scores = new Map<string, number>();
  for (const ranking of rankings) {
    ranking.forEach((id, i) => scores.set(id, (scores.get(id) ?? 0) + 1 / (k + i + 1)));
  }
  return [...scores.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
}
