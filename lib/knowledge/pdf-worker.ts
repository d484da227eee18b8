import { Worker } from "node:worker_threads";

// PDF.js runs on a worker thread of its own for each file: a hostile PDF that spins or swells
// stops its thread (terminated after `timeoutMs`, or at its heap limit), never the server. The
// worker is given as source, not as a file, so no bundler has to know about it; it loads unpdf
// from the project's node_modules (the directory the server runs in), as lib/auth/hash-pool.ts
// does for bcrypt.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { createRequire } = require("node:module");
const { pathToFileURL } = require("node:url");
const path = require("node:path");
const load = createRequire(path.join(process.cwd(), "package.json"));
(async () => {
  const { getDocumentProxy } = await import(pathToFileURL(load.resolve("unpdf")).href);
  let doc;
  try {
    doc = await getDocumentProxy(workerData.bytes, { verbosity: 0, isEvalSupported: false, useSystemFonts: false, stopAtErrors: false });
  } catch (error) {
    return parentPort.postMessage({ error: error && error.name === "PasswordException" ? "file_encrypted" : "file_corrupt" });
  }
  try {
    const pages = doc.numPages;
    if (pages > workerData.maxPages) return parentPort.postMessage({ error: "file_too_many_pages" });
    const texts = [];
    for (let n = 1; n <= pages; n++) {
      let raw = "";
      try {
        const page = await doc.getPage(n);
        const content = await page.getTextContent();
        for (const item of content.items) if ("str" in item) raw += item.str + (item.hasEOL ? "\\n" : "");
        page.cleanup();
      } catch {
        return parentPort.postMessage({ error: "file_corrupt" });
      }
      texts.push(raw);
    }
    let title = null;
    try {
      const meta = await doc.getMetadata();
      const t = meta.info && meta.info.Title;
      title = typeof t === "string" && t.trim() ? t : null;
    } catch {}
    parentPort.postMessage({ pages, texts, title });
  } finally {
    await doc.destroy().catch(() => {});
  }
})().catch(() => parentPort.postMessage({ error: "file_corrupt" }));
`;

export type PdfText = { pages: number; texts: string[]; title: string | null };
export type PdfFailure = "file_encrypted" | "file_corrupt" | "file_too_many_pages" | "file_timeout";

/** Each page's raw text, or the reason there is none. */
export function readPdf(bytes: Uint8Array, maxPages: number, timeoutMs: number): Promise<PdfText | { error: PdfFailure }> {
  return new Promise((resolve) => {
    // A copy: PDF.js takes ownership of the buffer it is given, and the caller keeps its own.
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { bytes: new Uint8Array(bytes), maxPages },
      resourceLimits: { maxOldGenerationSizeMb: 512 },
    });
    let settled = false;
    const finish = (value: PdfText | { error: PdfFailure }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(value);
    };
    const timer = setTimeout(() => finish({ error: "file_timeout" }), timeoutMs);
    worker.on("message", (message: PdfText | { error: PdfFailure }) => finish(message));
    // Out of memory or a crash inside PDF.js: the file is what is wrong.
    worker.on("error", () => finish({ error: "file_corrupt" }));
    worker.on("exit", () => finish({ error: "file_corrupt" }));
  });
}
