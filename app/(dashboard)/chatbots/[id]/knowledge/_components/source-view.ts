// A source as the Knowledge tab shows it: lib/db/knowledge-sources.ts's list, dates as the
// JSON route sends them. Shared by the page (server) and the table (client); no imports.

export type SourceStatus = "queued" | "processing" | "ready" | "failed";
export type PageView = { id: string; url: string; title: string | null; errorCode: string | null; pieceCount: number; syncedAt: string };
export type SourceView = {
  id: string;
  kind: "file" | "url" | "site" | "text";
  name: string;
  url: string | null;
  fileType: string | null;
  size: number;
  status: SourceStatus;
  errorCode: string | null;
  pieceCount: number;
  maxPages: number | null;
  maxDepth: number | null;
  syncSchedule: "never" | "daily" | "weekly";
  syncedAt: string | null;
  createdAt: string;
  pages: PageView[];
};

/** Which kinds of source each section of the tab lists. */
export const SOURCE_KINDS = { files: ["file"], web: ["url", "site"], text: ["text"] } as const;

export const isBusy = (s: { status: string }) => s.status === "queued" || s.status === "processing";
