import "server-only";

// The owner's limits for documents as the upload route, the data layer and the forms apply them.
// lib/env.ts validates these variables at start (with the same defaults) and the index job reads
// them there; here they are read on each call, so a test can change them between cases.

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
