import "server-only";

// The owner's limits for documents, read from the environment with their defaults. Until
// lib/env.ts validates these variables (the jobs branch adds them there), they are read here;
// a malformed value falls back to the default rather than taking the dashboard down.

export type KnowledgeLimits = {
  /** Bytes one uploaded file may have. */
  maxFileBytes: number;
  /** Bytes of files, text and fetched pages one bot may hold in all. */
  maxBotBytes: number;
  /** Pages one PDF may have. */
  maxPdfPages: number;
  /** Pages one site crawl may fetch. */
  maxSitePages: number;
};

const MB = 1024 * 1024;

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw.trim() === "" ? NaN : Number(raw);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export function knowledgeLimits(): KnowledgeLimits {
  return {
    maxFileBytes: Math.floor(positive("KNOWLEDGE_MAX_FILE_MB", 10) * MB),
    maxBotBytes: Math.floor(positive("KNOWLEDGE_MAX_BOT_MB", 50) * MB),
    maxPdfPages: Math.floor(positive("KNOWLEDGE_MAX_PDF_PAGES", 500)),
    maxSitePages: Math.floor(positive("KNOWLEDGE_MAX_SITE_PAGES", 50)),
  };
}
