import { expect, test } from "@playwright/test";
import { startDevServer } from "./dev-server";
import { PORTS } from "./ports";
import { uniqueUser } from "./pages";

// The rest of the suite runs the production build; this one journey runs `next dev`, as a
// newcomer's first `npm run dev` does. The first compile of each page is slow: generous waits.
const PORT = PORTS.dev;
let server: Awaited<ReturnType<typeof startDevServer>>;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startDevServer(PORT);
});
test.afterAll(() => server?.stop());

test("under next dev: register, create a bot, and the playground's reply finishes; no CSP error", async ({ page }) => {
  test.setTimeout(180_000);
  const slow = { timeout: 60_000 };
  const cspErrors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy|Refused to/i.test(m.text())) cspErrors.push(`${page.url()}: ${m.text()}`);
  });
  const user = uniqueUser("dev");

  await page.goto(`${server.url}/register`, slow);
  // A cold dev server compiles the page's scripts on first request: typing before React has the
  // form sends it natively (by design: POST, the form comes back empty), which is not what this tests.
  await page.waitForLoadState("networkidle", slow);
  await page.getByRole("textbox", { name: "Username", exact: true }).fill(user.username);
  await page.getByRole("textbox", { name: "Email", exact: true }).fill(user.email);
  await page.getByRole("textbox", { name: "Password", exact: true }).fill(user.password);
  await page.getByRole("textbox", { name: "Confirm password", exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/, slow);
  // Soft: the playground below is checked even when the policy is wrong.
  expect.soft(cspErrors, "CSP errors on /register and /dashboard").toEqual([]);

  await page.goto(`${server.url}/chatbots/new`, slow);
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Dev bot");
  await page.getByRole("button", { name: "Create chatbot" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dev bot" })).toBeVisible(slow);

  await page.getByRole("textbox", { name: "Your message" }).fill("hello");
  await page.getByRole("button", { name: "Send" }).click();
  const reply = page.getByTestId("chat-reply");
  await expect(reply).toHaveAttribute("aria-busy", "false", slow);
  await expect(reply.getByRole("status")).toHaveCount(0);
  await expect(reply).not.toBeEmpty();
  // The dev overlay's styles too: the policy must let Next's own tooling work.
  expect(cspErrors, "CSP errors").toEqual([]);
  // A password never reaches the dev server's log (a native GET would print it there).
  expect(server.log()).not.toMatch(/password=/i);
});
