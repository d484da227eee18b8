import { expect, test, type Browser, type Page } from "@playwright/test";
import { ChatbotFormPage, LoginPage, RegisterPage, expectToast, logout, uniqueUser } from "./pages";
import { firstAdmin } from "./fixtures";

// What a newcomer ran into on a first try (the "What broke" list): each test fails on the
// code before its fix.

async function ask(page: Page, message: string) {
  await expect(page.getByRole("button", { name: "Send" })).toBeAttached();
  await page.getByRole("textbox", { name: "Your message" }).fill(message);
  await page.getByRole("button", { name: "Send" }).click();
}

test("a form the server refused can be sent again: wrong password, then the right one, no reload", async ({ page }) => {
  const user = uniqueUser("retry");
  await new RegisterPage(page).register(user);
  await logout(page);

  await new LoginPage(page).login(user.username, "a wrong password, surely");
  await expect(page.getByTestId("form-error").filter({ hasText: "The username, email or password is not right." })).toBeVisible();
  const button = page.getByRole("button", { name: "Log in" });
  await expect(button).toBeEnabled();
  await page.getByRole("textbox", { name: "Password", exact: true }).fill(user.password);
  await button.click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await logout(page);

  // The register form: a taken username is refused, another one goes through.
  const register = new RegisterPage(page);
  await register.goto();
  await register.fill({ ...uniqueUser("retry"), username: user.username });
  await register.submit();
  await expect(page.getByTestId("form-error")).toBeVisible();
  await expect(page.getByRole("button", { name: "Create account" })).toBeEnabled();
  await page.getByRole("textbox", { name: "Username", exact: true }).fill(uniqueUser("retry").username);
  await register.submit();
  // A bcrypt hash of cost 12 and the dashboard's first render: one CI run under full load took over 10 s.
  await expect(page).toHaveURL(/\/dashboard$/, { timeout: 20_000 });
});

test("no password reaches a URL, even when the form is sent before JavaScript runs", async ({ browser }) => {
  const user = uniqueUser("nojs");
  const setup = await browser.newPage();
  await new RegisterPage(setup).register(user);
  const signedIn = await setup.context().storageState();
  await setup.close();

  const urls: string[] = [];
  const watch = async (options: Parameters<Browser["newContext"]>[0]) => {
    const context = await browser.newContext({ ...options, javaScriptEnabled: false });
    context.on("request", (request) => urls.push(request.url()));
    return context.newPage();
  };
  const secret = "no-js password 12345";
  const anon = await watch({});
  await anon.goto("/login");
  await anon.getByRole("textbox", { name: "Username or email", exact: true }).fill(user.username);
  await anon.getByRole("textbox", { name: "Password", exact: true }).fill(secret);
  await anon.getByRole("button", { name: "Log in" }).click();
  await anon.waitForLoadState();
  await anon.goto("/register");
  await anon.getByRole("textbox", { name: "Username", exact: true }).fill(uniqueUser("nojs").username);
  await anon.getByRole("textbox", { name: "Password", exact: true }).fill(secret);
  await anon.getByRole("textbox", { name: "Confirm password", exact: true }).fill(secret);
  await anon.getByRole("button", { name: "Create account" }).click();
  await anon.waitForLoadState();

  const signedInPage = await watch({ storageState: signedIn });
  await signedInPage.goto("/profile");
  await signedInPage.getByRole("textbox", { name: "Current password", exact: true }).fill(secret);
  await signedInPage.getByRole("textbox", { name: "New password", exact: true }).fill(secret);
  await signedInPage.getByRole("textbox", { name: "Confirm new password", exact: true }).fill(secret);
  await signedInPage.getByRole("button", { name: "Change password" }).click();
  await signedInPage.waitForLoadState();

  const leaked = urls.filter((url) => /password|no-js/i.test(decodeURIComponent(url.replace(/\+/g, " "))));
  expect(leaked).toEqual([]);
  expect(urls.length).toBeGreaterThan(3);
});

test("the playground follows the newest message", async ({ page }) => {
  await new RegisterPage(page).register(uniqueUser("scroll"));
  await new ChatbotFormPage(page).create({ name: "Scroll bot" });
  const thread = page.getByTestId("chat-thread");
  for (let i = 1; i <= 5; i++) {
    await ask(page, `Message ${i}\n${"line\n".repeat(6)}end`);
    await expect(page.getByTestId("chat-reply").nth(i - 1)).toHaveAttribute("aria-busy", "false");
  }
  const overflow = await thread.evaluate((el) => el.scrollHeight - el.clientHeight);
  expect(overflow, "the thread should be taller than its box for this test to mean anything").toBeGreaterThan(100);
  await expect.poll(() => thread.evaluate((el) => el.scrollHeight - el.clientHeight - el.scrollTop)).toBeLessThan(4);
});

test("Q&A answers show as the playground shows them (markdown), and user-written text is isolated from the page's direction in Arabic", async ({ page, browser }) => {
  await new RegisterPage(page).register(uniqueUser("bidi"));
  const name = "Bidi bot!";
  const id = await new ChatbotFormPage(page).create({ name, description: "Answers in English, mostly." });
  await page.goto(`/chatbots/${id}/edit`);
  await page.getByRole("textbox", { name: "Welcome message" }).fill("Hello, welcome!");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expectToast(page, "Changes saved.");

  await page.goto(`/chatbots/${id}/knowledge`);
  await page.getByRole("textbox", { name: "Question", exact: true }).fill("When do you open?");
  await page.getByRole("textbox", { name: "Answer", exact: true }).fill("At **seven**, see [our site](https://example.com).");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  const entry = page.getByTestId("knowledge-list").getByRole("listitem");
  // Soft: the direction checks below still run when these fail.
  await expect.soft(entry.locator("strong")).toHaveText("seven");
  await expect.soft(entry.getByRole("link", { name: "our site" })).toHaveAttribute("rel", "noopener noreferrer nofollow ugc");
  await expect.soft(entry).not.toContainText("**");

  await page.goto(`/chatbots/${id}`);
  await ask(page, "What is this?");
  await expect(page.getByTestId("chat-reply")).toHaveAttribute("aria-busy", "false");

  // Each piece of user-written text sits in an element that takes its own direction.
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "ar", url: "http://127.0.0.1" }]);
  const isolated = async (p: Page, path: string, texts: string[]) => {
    await p.goto(path);
    await expect(p.locator("html")).toHaveAttribute("dir", "rtl");
    for (const text of texts) {
      const found = p.getByText(text, { exact: false });
      await expect(found.first(), `${text} on ${path}`).toBeVisible();
      const flags = await found.evaluateAll((els) => els.map((el) => !!el.closest('[dir="auto"], bdi')));
      expect(flags, `${text} on ${path}`).not.toContain(false);
    }
  };
  await isolated(page, "/dashboard", [name]);
  await isolated(page, "/chatbots", [name, "Answers in English, mostly."]);
  await isolated(page, `/chatbots/${id}`, [name, "Hello, welcome!"]);
  await isolated(page, `/chatbots/${id}/knowledge`, ["When do you open?", "our site"]);
  await isolated(page, `/chatbots/${id}/conversations`, ["What is this?"]);
  await page.getByTestId("conversation-list").getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`/chatbots/${id}/conversations/[^/]+$`));
  await isolated(page, new URL(page.url()).pathname, ["What is this?"]);

  const admin = await firstAdmin(browser);
  await admin.page.context().addCookies([{ name: "NEXT_LOCALE", value: "ar", url: "http://127.0.0.1" }]);
  await isolated(admin.page, `/admin/bots?q=${encodeURIComponent("Bidi")}`, [name]);
});

test("a favicon, and a first visit follows the system's colour scheme (dark when it cannot be read)", async ({ browser, request }) => {
  const icon = await request.get("/icon.svg");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");

  for (const colorScheme of ["light", "dark"] as const) {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.goto("/login");
    await expect(page.locator("html"), colorScheme).toHaveAttribute("data-bs-theme", colorScheme);
    await expect(page.locator('head link[rel="icon"]')).toHaveAttribute("href", /icon\.svg/);
    // The toggle offers the other theme, and a choice made wins over the system's from then on.
    const other = colorScheme === "dark" ? "light" : "dark";
    await page.getByTestId("theme-toggle").click();
    await expect(page.locator("html")).toHaveAttribute("data-bs-theme", other);
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("data-bs-theme", other);
    expect(errors, colorScheme).toEqual([]);
    await context.close();
  }
  // Chromium always reports light or dark; with no way to read a preference (here: no JavaScript) dark stays.
  const context = await browser.newContext({ colorScheme: "light", javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("data-bs-theme", "dark");
  await context.close();
});
