import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { Page } from "@playwright/test";
import { docxParts, textPdf, wp, zipFile } from "../lib/knowledge/fixtures/make-files";
import { sql } from "./db";
import { createBot, expect, test } from "./fixtures";
import { expectToast } from "./pages";
import { PORTS } from "./ports";

// What an owner does with documents and web pages on the Knowledge tab (issue 20): uploads with
// a reason on each refused file's own row, status that moves without reloading, answers with
// their source, and a source's answers gone with it.

// Indexing needs the jobs worker (branch `jobs`) and answering from sources the retrieval work
// (branch `retrieval`): the tests that need them run once both are in the tree.
const WORKER = existsSync("lib/jobs") && existsSync("lib/knowledge/ingest.ts");
const RETRIEVAL = existsSync("lib/knowledge/search.ts");
const needsWorker = () => test.skip(!WORKER || !RETRIEVAL, "awaits the jobs worker and retrieval branches");

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
const menuPdf = () => Buffer.from(textPdf([["Our menu"], ["Gluten free bread is baked every Saturday morning."]], { title: "Menu" }));
const returnsDocx = () => Buffer.from(zipFile(docxParts(wp("Returns", "Heading1") + wp("Unworn shoes can be returned within 30 days."), "Returns policy")));
const file = (name: string, mimeType: string, buffer: Buffer) => ({ name, mimeType, buffer });

const sources = async (botId: string) => (await sql(`SELECT name, status FROM "KnowledgeSource" WHERE "chatbotId" = $1 ORDER BY name`, [botId])).map((r) => `${r.name}:${r.status}`);

async function ask(page: Page, message: string) {
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();
  await page.getByRole("textbox", { name: "Your message" }).fill(message);
  await page.getByRole("textbox", { name: "Your message" }).press("Enter");
}
const lastReply = (page: Page) => page.getByTestId("chat-reply").last();
const row = (page: Page, name: string) => page.getByTestId("source-row").filter({ hasText: name });

async function upload(page: Page, botId: string, files: ReturnType<typeof file>[]) {
  await page.goto(`/chatbots/${botId}/knowledge/files`);
  await expect(page.getByTestId("file-limits")).toContainText("Up to 10 MB per file and 50 MB per bot in all; a PDF may have up to 500 pages.");
  await page.getByLabel("Drop files here, or choose them").setInputFiles(files);
}

test("files are uploaded with a row each, a bad one refused with its reason, status moves without a reload, and a source is deleted after a confirmation", async ({ page, user }) => {
  const botId = await createBot(user.id, { name: "Shoe shop" });
  // A scan indexed earlier, refused by the indexer: its row says why. (No job: no worker touches it.)
  const now = new Date();
  await sql(`INSERT INTO "KnowledgeSource" (id, "chatbotId", kind, name, "fileType", size, status, "errorCode", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, [
    `e2e-scan-${botId}`, botId, "file", "scan.pdf", "pdf", 2048, "failed", "file_no_text", now, now,
  ]);
  await upload(page, botId, [file("menu.pdf", "application/pdf", menuPdf()), file("photo.pdf", "application/pdf", PNG), file("returns.docx", "application/octet-stream", returnsDocx())]);

  const rows = page.getByTestId("upload-row");
  await expect(rows.filter({ hasText: "photo.pdf" })).toContainText("This file's content is not a supported type (PDF, DOCX, text, Markdown, CSV or HTML), whatever its name says.");
  await expect(rows.filter({ hasText: "menu.pdf" })).toContainText("Uploaded, waiting to be indexed.");
  await expect(rows.filter({ hasText: "returns.docx" })).toContainText("Uploaded, waiting to be indexed.");
  // The table lists the two accepted files beside the earlier one, never the refused file.
  await expect(page.getByTestId("source-row")).toHaveCount(3);
  await expect(row(page, "menu.pdf")).toContainText("File");
  await expect(row(page, "scan.pdf").getByTestId("source-status")).toHaveText("failed");
  await expect(row(page, "scan.pdf").getByTestId("source-reason")).toHaveText("No text found in this file (a scan or images only?).");
  expect((await sources(botId)).map((s) => s.split(":")[0])).toEqual(["menu.pdf", "returns.docx", "scan.pdf"]);

  // What the indexer writes shows in the table by itself (polling), with no reload.
  await sql(`UPDATE "KnowledgeSource" SET status = 'ready', "pieceCount" = 2 WHERE "chatbotId" = $1 AND name = 'menu.pdf'`, [botId]);
  await expect(row(page, "menu.pdf").getByTestId("source-status")).toHaveText("ready");

  // Deleting asks first, then the row and the source go.
  await row(page, "returns.docx").getByRole("button", { name: "Delete: returns.docx" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete this source?" });
  await expect(dialog).toContainText("“returns.docx” and everything the bot learned from it are removed at once.");
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expectToast(page, "Source deleted.");
  await expect(page.getByTestId("source-row")).toHaveCount(2);
  expect((await sources(botId)).map((s) => s.split(":")[0])).toEqual(["menu.pdf", "scan.pdf"]);
});

test("a PDF and a DOCX reach ready without a reload; the bot answers from the PDF with its source, until the PDF is deleted", async ({ page, user }) => {
  needsWorker();
  const botId = await createBot(user.id, { name: "Bakery" });
  await sql(`UPDATE "Chatbot" SET "fallbackMessage" = $1 WHERE id = $2`, ["Sorry, I cannot tell.", botId]);
  await upload(page, botId, [file("menu.pdf", "application/pdf", menuPdf()), file("returns.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", returnsDocx())]);
  // Polling shows each status change; the page is never reloaded.
  for (const name of ["menu.pdf", "returns.docx"]) await expect(row(page, name).getByTestId("source-status")).toHaveText("ready", { timeout: 30_000 });

  await page.getByRole("link", { name: "Playground" }).click();
  await ask(page, "Is there gluten free bread on Saturdays?");
  await expect(lastReply(page)).toContainText("Gluten free bread is baked every Saturday morning.");
  await expect(page.getByTestId("chat-sources").last()).toContainText("menu.pdf");

  await page.goto(`/chatbots/${botId}/knowledge/files`);
  await row(page, "menu.pdf").getByRole("button", { name: "Delete: menu.pdf" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  await expectToast(page, "Source deleted.");
  await page.getByRole("link", { name: "Playground" }).click();
  await ask(page, "Is there gluten free bread on Saturdays?");
  await expect(lastReply(page)).toContainText("Sorry, I cannot tell.");
  await expect(lastReply(page)).not.toContainText("Gluten free");
});

test("a site of three pages from a local server is crawled, its pages listed, and answered from", async ({ page, user }) => {
  needsWorker();
  const base = `http://127.0.0.1:${PORTS.knowledgeSite}`;
  const html = (title: string, body: string) => `<!doctype html><html><head><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`;
  const pages: Record<string, string> = {
    "/": html("Bakery home", `<p>Welcome to the bakery in the old town.</p><a href="/hours">Hours</a> <a href="/delivery">Delivery</a>`),
    "/hours": html("Opening hours", `<p>We bake sourdough loaves on Saturdays from six in the morning.</p><a href="/">Home</a>`),
    "/delivery": html("Delivery", `<p>Cakes are delivered within 30 km of the shop.</p><a href="/">Home</a>`),
  };
  const server: Server = createServer((req, res) => {
    const body = pages[req.url ?? ""];
    if (!body) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(PORTS.knowledgeSite, "127.0.0.1", resolve));
  try {
    const botId = await createBot(user.id, { name: "Site bot" });
    await page.goto(`/chatbots/${botId}/knowledge/web`);
    const form = page.locator("#add-site");
    await form.getByRole("textbox", { name: "Site address" }).fill(`${base}/`);
    // The cap and depth are shown before the crawl starts.
    await expect(form.getByRole("spinbutton", { name: "Pages at most" })).toHaveValue("20");
    await form.getByRole("spinbutton", { name: "Pages at most" }).fill("3");
    await expect(form.getByRole("spinbutton", { name: "Link depth" })).toHaveValue("2");
    await form.getByRole("button", { name: "Crawl site" }).click();
    await expectToast(page, "Added: it is being fetched.");

    const site = page.getByTestId("source-row");
    await expect(site.getByTestId("source-status")).toHaveText("ready", { timeout: 30_000 });
    await site.getByText(/3 pages of at most 3/).click();
    await expect(site.getByRole("listitem")).toHaveCount(3);
    await expect(site).toContainText("Opening hours");

    await page.getByRole("link", { name: "Playground" }).click();
    await ask(page, "When do you bake sourdough?");
    await expect(lastReply(page)).toContainText("sourdough loaves on Saturdays");
    // The source under the reply links to the page the answer came from.
    await expect(page.getByTestId("chat-sources").last().locator(`a[href="${base}/hours"]`)).toHaveCount(1);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

test("a web page and a pasted text are added from their forms; an address that is not http(s) gets a field error", async ({ page, user }) => {
  const botId = await createBot(user.id, { name: "Forms bot" });
  await page.goto(`/chatbots/${botId}/knowledge/web`);
  const form = page.locator("#add-page");
  await form.getByRole("textbox", { name: "Page address" }).fill("ftp://example.com/menu");
  await form.getByRole("button", { name: "Add page" }).click();
  await expect(form).toContainText("Enter a web address starting with http:// or https://.");
  await form.getByRole("textbox", { name: "Page address" }).fill("https://example.com/menu");
  await form.getByRole("button", { name: "Add page" }).click();
  await expectToast(page, "Added: it is being fetched.");
  const web = row(page, "https://example.com/menu");
  await expect(web).toContainText("Web page");
  // Web sources get a re-sync schedule.
  await web.getByRole("combobox", { name: "Re-sync schedule: https://example.com/menu" }).selectOption("weekly");
  await expectToast(page, "Schedule saved.");
  expect(await sql(`SELECT "syncSchedule" FROM "KnowledgeSource" WHERE "chatbotId" = $1`, [botId])).toEqual([{ syncSchedule: "weekly" }]);

  await page.getByRole("link", { name: "Text", exact: true }).click();
  await page.getByRole("textbox", { name: "Title" }).fill("Opening hours");
  await page.getByRole("textbox", { name: "Text", exact: true }).fill("Open Monday to Saturday, 7:00 to 18:00.");
  await page.getByRole("button", { name: "Add text" }).click();
  await expectToast(page, "Text added: it is being indexed.");
  await expect(row(page, "Opening hours")).toContainText("Text");
  await expect(page.getByTestId("source-row")).toHaveCount(1);
});
