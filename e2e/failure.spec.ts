import { expect, test } from "@playwright/test";
import Database from "libsql";
import { rmSync } from "node:fs";
import { RegisterPage, uniqueUser } from "./pages";
import { PORTS } from "./ports";
import { startServer } from "./server";

// SECURITY.md #33: when a page really fails (here its table is gone), production shows the
// translated error page: no stack, no query, no file path. A server of its own, on its own file.
const FILE = "./data/e2e-failure.db";

test("a page that fails shows the translated error page and nothing of the error", async ({ browser }) => {
  test.skip(!!process.env.E2E_DATABASE_URL?.startsWith("postgresql://"), "runs once, in the SQLite run");
  for (const suffix of ["", "-wal", "-shm"]) rmSync(FILE + suffix, { force: true });
  const server = await startServer(PORTS.failure, { DATABASE_URL: `file:${FILE}` });
  try {
    const page = await browser.newPage({ baseURL: server.url });
    await new RegisterPage(page).register(uniqueUser("failure"));
    const db = new Database(FILE);
    db.pragma("busy_timeout = 5000"); // the server may be writing (libsql's default wait is 0)
    db.exec(`ALTER TABLE "Chatbot" RENAME TO "ChatbotGone"`);
    db.close();

    const response = await page.goto("/dashboard");
    await expect(page.getByRole("heading", { name: "Something went wrong" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Try again" })).toBeVisible();
    const html = (await response!.text()) + (await page.content());
    expect(html).not.toMatch(/no such table|ChatbotGone|prisma|\n\s+at |\.tsx?:\d+|node_modules/i);

    // In Spanish too.
    await page.context().addCookies([{ name: "NEXT_LOCALE", value: "es", url: server.url }]);
    await page.goto("/dashboard");
    await expect(page.getByRole("heading", { name: "Algo ha fallado" })).toBeVisible();
  } finally {
    server.stop();
    await server.exited;
  }
});
