import { createServer, type Server } from "node:http";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { ChatbotFormPage, RegisterPage, expectToast, uniqueUser } from "./pages";

// The widget: a host page on another origin (another port) pastes the snippet under a strict CSP.
// One worker for the file: its host pages listen on fixed ports, and the snippet made by the
// first test is the one the host pages serve.
test.describe.configure({ mode: "serial" });

const APP_PORT = Number(process.env.E2E_PORT || 3100);
const ALLOWED_PORT = APP_PORT + 1;
const OTHER_PORT = APP_PORT + 2;
// localhost, not 127.0.0.1: another site than the app's, as a customer's website would be.
const allowedHost = `http://localhost:${ALLOWED_PORT}`;
const otherHost = `http://localhost:${OTHER_PORT}`;

let snippet = "";
const servers: Server[] = [];

/** A customer's page: strict CSP (nonce + strict-dynamic, our origin framed), and CSS that would wreck a launcher living in the page's own DOM. */
function hostPage(trustedTypes: string | null = null) {
  const nonce = "hostnonce123";
  // ?tt=<names>: the page also enforces Trusted Types, allowing only these policies.
  const tt = trustedTypes === null ? "" : `; require-trusted-types-for 'script'; trusted-types ${trustedTypes}`;
  return {
    csp: `default-src 'none'; script-src 'nonce-${nonce}' 'strict-dynamic'; style-src 'nonce-${nonce}'; frame-src http://127.0.0.1:${APP_PORT}; img-src 'none'; base-uri 'none'${tt}`,
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Customer shop</title>
<style nonce="${nonce}">button{display:none!important}div{color:red!important;font-size:40px!important}iframe{width:1px!important;height:1px!important}</style></head>
<body><main><h1>Customer shop</h1><p>Welcome to our shop.</p></main>
${snippet.replace("<script ", `<script nonce="${nonce}" `)}</body></html>`,
  };
}

test.beforeAll(async () => {
  for (const port of [ALLOWED_PORT, OTHER_PORT]) {
    const server = createServer((req, res) => {
      const { csp, html } = hostPage(new URL(req.url ?? "/", "http://host").searchParams.get("tt"));
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": csp });
      res.end(html);
    });
    await new Promise<void>((resolve) => server.listen(port, resolve));
    servers.push(server);
  }
});
test.afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** An owner whose bot's widget is on for the allowed host; returns the bot and the snippet. */
async function ownerWithWidget(page: Page, name: string) {
  await new RegisterPage(page).register(uniqueUser("wid"));
  const botId = await new ChatbotFormPage(page).create({ name });
  await page.goto(`/chatbots/${botId}/channels`);
  // The widget needs an allowed origin, in https://… form (http only for localhost).
  await page.getByLabel("Widget on", { exact: true }).check();
  await page.getByRole("button", { name: "Save channels" }).click();
  await expect(page.getByText("Add at least one allowed website to switch the widget on.")).toBeVisible();
  await page.getByRole("textbox", { name: "Allowed websites" }).fill("http://shop.example.com");
  await page.getByRole("button", { name: "Save channels" }).click();
  await expect(page.getByText(/Each line must be a website origin/)).toBeVisible();
  await expect(page.getByTestId("origin-line-error")).toHaveText(/^Line 1: “http:\/\/shop\.example\.com” is not a website address/);
  // A page's address: stored as the website, and the owner is told so.
  await page.getByRole("textbox", { name: "Allowed websites" }).fill(`${allowedHost}/shop/page`);
  await page.getByRole("textbox", { name: "Greeting" }).fill("Need help with an order?");
  await page.getByLabel("Button position").selectOption("left");
  await expect(page.getByTestId("widget-preview").getByText("Need help with an order?")).toBeVisible();
  await page.getByRole("button", { name: "Save channels" }).click();
  await expectToast(page, "Channels saved.");
  await expect(page.getByRole("textbox", { name: "Allowed websites" })).toHaveValue(allowedHost);
  await expect(page.getByTestId("origins-normalised")).toContainText(`Line 1: ${allowedHost}/shop/page saved as ${allowedHost}`);
  snippet = await page.locator("textarea[name=embedSnippet]").inputValue();
  const publicId = /data-bot="([^"]+)"/.exec(snippet)![1];
  expect(snippet).toBe(`<script src="http://127.0.0.1:${APP_PORT}/widget.js" data-bot="${publicId}" async></script>`);
  return { botId, publicId };
}

async function visitorOn(browser: Browser, url: string, options: Parameters<Browser["newContext"]>[0] = {}) {
  const context = await browser.newContext({ colorScheme: "dark", ...options });
  const page = await context.newPage();
  const cspErrors: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) cspErrors.push(m.text());
  });
  await page.goto(url);
  return { page, cspErrors };
}

test("the widget chats on an allowed site under a strict CSP, is refused on any other, and its conversation reaches the owner", async ({ page, browser }) => {
  const { botId, publicId } = await ownerWithWidget(page, "Widget shop bot");

  // The embed's own policy: framed by exactly the allowed origin; X-Frame-Options would forbid any.
  const embed = await page.request.get(`/embed/${publicId}`);
  expect(embed.status()).toBe(200);
  expect(embed.headers()["content-security-policy"]).toMatch(new RegExp(`frame-ancestors ${allowedHost}$`));
  expect(embed.headers()["x-frame-options"]).toBeUndefined();
  const script = await page.request.get("/widget.js");
  expect(script.headers()["cache-control"]).toContain("max-age=3600");
  expect(script.headers()["content-type"]).toContain("javascript");

  const { page: shop, cspErrors } = await visitorOn(browser, allowedHost);
  const launcher = shop.getByRole("button", { name: "Chat with us" });
  await expect(launcher).toBeVisible();
  await expect(shop.getByRole("button", { name: "Need help with an order?" })).toBeVisible();
  // Left, as the owner chose, and untouched by the host's CSS (which hides every button of its own).
  const box = (await launcher.boundingBox())!;
  expect(box.x).toBeLessThan(100);
  expect(box.width).toBeGreaterThan(40);
  await expect(launcher).toHaveAttribute("aria-expanded", "false");

  await launcher.click();
  await expect(launcher).toHaveAttribute("aria-expanded", "true");
  const chat = shop.frameLocator(`iframe[title="Widget shop bot"]`);
  const message = chat.getByRole("textbox", { name: "Your message" });
  await expect(message).toBeFocused();
  await message.fill("Where is my order?");
  await message.press("Enter");
  await expect(chat.getByTestId("chat-reply").last()).toContainText("Sorry, I don't have an answer to that yet.");
  await expect(chat.getByTestId("ai-notice")).toBeVisible();
  // Escape closes the chat and gives focus back to the launcher.
  await message.press("Escape");
  await expect(launcher).toHaveAttribute("aria-expanded", "false");
  await expect(launcher).toBeFocused();
  await expect(shop.locator(`iframe[title="Widget shop bot"]`)).toBeHidden();
  expect(cspErrors).toEqual([]);

  // The owner sees the conversation, with its source.
  await page.goto(`/chatbots/${botId}/conversations`);
  await expect(page.getByText("Public page or widget").first()).toBeVisible();
  await expect(page.getByText("Where is my order?")).toBeVisible();

  // Another site pasting the same snippet: the browser refuses to render the chat in the frame.
  const { page: other, cspErrors: refusals } = await visitorOn(browser, otherHost);
  await other.getByRole("button", { name: "Chat with us" }).click();
  await expect.poll(() => refusals.some((m) => m.includes("frame-ancestors")), { timeout: 10_000 }).toBe(true);
  await expect(other.frameLocator("iframe").getByRole("textbox")).toHaveCount(0);

  // Widget off: a forged Origin is not enough to chat through the widget's channel, and the embed is gone.
  await page.goto(`/chatbots/${botId}/channels`);
  await page.getByLabel("Widget on", { exact: true }).uncheck();
  await page.getByRole("button", { name: "Save channels" }).click();
  await expectToast(page, "Channels saved.");
  const forged = await page.request.post(`/api/public/${publicId}/chat`, {
    headers: { origin: allowedHost, "content-type": "application/json", "sec-fetch-site": "same-origin" },
    data: { message: "hello", visitorId: "AAAAAAAAAAAAAAAAAAAAAA", channel: "widget" },
  });
  expect(forged.status()).toBe(404);
  expect((await page.request.get(`/embed/${publicId}`)).status()).toBe(404);
  await expect.poll(async () => (await page.request.get(`/embed/${publicId}`)).headers()["content-security-policy"], { timeout: 10_000 }).toContain("frame-ancestors 'none'");
  // And a browser on another site cannot call the chat route directly.
  const crossSite = await page.request.post(`/api/public/${publicId}/chat`, {
    headers: { "content-type": "application/json", "sec-fetch-site": "cross-site" },
    data: { message: "hello", visitorId: "AAAAAAAAAAAAAAAAAAAAAA", channel: "page" },
  });
  expect(crossSite.status()).toBe(403);
});

test("inside the widget axe finds nothing serious, in both themes and in Arabic; the host page with the launcher neither", async ({ page, browser }) => {
  const { publicId } = await ownerWithWidget(page, "Widget axe bot");
  for (const [colorScheme, locale] of [["dark", "en"], ["light", "en"], ["dark", "ar"], ["light", "ar"]] as const) {
    const { page: shop } = await visitorOn(browser, allowedHost, { colorScheme, locale });
    await shop.emulateMedia({ reducedMotion: "reduce" });
    const launcher = shop.getByRole("button", { name: locale === "ar" ? "تحدث معنا" : "Chat with us" });
    await launcher.click();
    const frame = shop.frameLocator("iframe");
    await expect(frame.locator("html")).toHaveAttribute("data-bs-theme", colorScheme);
    await expect(frame.locator("html")).toHaveAttribute("dir", locale === "ar" ? "rtl" : "ltr");
    // The frame may still be hydrating when the box shows: type again until the message is taken.
    const box = frame.locator("textarea[name=message]");
    await expect(async () => {
      await box.fill("hello");
      await box.press("Enter");
      await expect(frame.getByTestId("chat-user").first()).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await expect(frame.getByTestId("chat-reply").last()).not.toHaveAttribute("aria-busy", "true");
    // axe runs in the host page and inside the widget's frame.
    expect(await seriousViolations(shop), `${colorScheme} ${locale}`).toEqual([]);
    await shop.context().close();
  }
  // The embed page on its own too (what the frame shows), in Arabic.
  const direct = await browser.newContext({ locale: "ar", colorScheme: "light" });
  const embedPage = await direct.newPage();
  await embedPage.goto(`/embed/${publicId}`);
  expect(await seriousViolations(embedPage)).toEqual([]);
  await direct.close();
});

test("the launcher works on a host page that enforces Trusted Types and lists the widget's policy (issue 18, finding 5)", async ({ page, browser }) => {
  await ownerWithWidget(page, "Trusted Types bot");
  const { page: shop, cspErrors } = await visitorOn(browser, `${allowedHost}/?tt=chatbot-factory-widget`);
  expect(await shop.evaluate(() => typeof (window as { trustedTypes?: unknown }).trustedTypes)).toBe("object");
  const launcher = shop.getByRole("button", { name: "Chat with us" });
  await expect(launcher).toBeVisible();
  await launcher.click();
  await expect(shop.frameLocator("iframe").getByRole("textbox", { name: "Your message" })).toBeVisible();
  expect(cspErrors).toEqual([]);
});
