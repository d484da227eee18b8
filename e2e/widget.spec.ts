import { createServer, type Server } from "node:http";
import { seriousViolations } from "./axe";
import { expect, test, type Browser, type Page } from "@playwright/test";
import sharp from "sharp";
import { createBot, createUser, publishBot } from "./fixtures";
import { ChatbotFormPage, RegisterPage, expectToast, uniqueUser } from "./pages";
import { PORTS } from "./ports";

// The widget: a host page on another origin (another port) pastes the snippet under a strict CSP.
// One worker for the file: its host pages listen on fixed ports, and the snippet made by the
// first test is the one the host pages serve.
test.describe.configure({ mode: "serial" });

const APP_PORT = PORTS.app;
const ALLOWED_PORT = PORTS.widgetHost;
const OTHER_PORT = PORTS.otherHost;
// localhost, not 127.0.0.1: another site than the app's, as a customer's website would be.
const allowedHost = `http://localhost:${ALLOWED_PORT}`;
const otherHost = `http://localhost:${OTHER_PORT}`;

let snippet = "";
const servers: Server[] = [];

/**
 * A customer's page: strict CSP (nonce + strict-dynamic, our origin framed), and CSS that would
 * wreck a launcher living in the page's own DOM. Images only from our origin when the path asks
 * (`/pictures`), as a page that shows the bot's picture must allow; `?tt=<names>` also enforces
 * Trusted Types, allowing only these policies.
 */
function hostPage(path = "/", trustedTypes: string | null = null) {
  const nonce = "hostnonce123";
  const imgSrc = path.startsWith("/pictures") ? `http://127.0.0.1:${APP_PORT}` : "'none'";
  const tt = trustedTypes === null ? "" : `; require-trusted-types-for 'script'; trusted-types ${trustedTypes}`;
  return {
    csp: `default-src 'none'; script-src 'nonce-${nonce}' 'strict-dynamic'; style-src 'nonce-${nonce}'; frame-src http://127.0.0.1:${APP_PORT}; img-src ${imgSrc}; base-uri 'none'${tt}`,
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Customer shop</title>
<style nonce="${nonce}">button{display:none!important}div{color:red!important;font-size:40px!important}iframe{width:1px!important;height:1px!important}</style></head>
<body><main><h1>Customer shop</h1><p>Welcome to our shop.</p></main>
${snippet.replace("<script ", `<script nonce="${nonce}" `)}</body></html>`,
  };
}

test.beforeAll(async () => {
  for (const port of [ALLOWED_PORT, OTHER_PORT]) {
    const server = createServer((req, res) => {
      const requested = new URL(req.url ?? "/", "http://host");
      const { csp, html } = hostPage(requested.pathname, requested.searchParams.get("tt"));
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

  // Another site pasting the same snippet: no launcher at all (its chat frame would be refused
  // there), and the frame itself is refused even when opened by hand.
  const { page: other, cspErrors: refusals } = await visitorOn(browser, otherHost);
  await expect(other.locator("chatbot-factory-widget")).toHaveCount(0);
  await expect(other.getByRole("button", { name: "Chat with us" })).toHaveCount(0);
  // The settings are the page's only if the browser names an allowed origin (CORS mode), or an older widget.js's Referer does.
  const settings = (headers: Record<string, string>) => page.request.get(`/api/public/${publicId}/widget?v=1`, { headers }).then((r) => r.text());
  expect(await settings({ origin: allowedHost })).toContain("Chat with us");
  expect(await settings({ referer: `${allowedHost}/shop/page` })).toContain("Chat with us");
  for (const headers of [{ origin: otherHost }, { referer: `${otherHost}/` }, {}] as Record<string, string>[]) expect(await settings(headers), JSON.stringify(headers)).toMatch(/\(null\);\n$/);
  await other.evaluate((src) => {
    const frame = document.createElement("iframe");
    frame.src = src;
    document.body.append(frame);
  }, `http://127.0.0.1:${APP_PORT}/embed/${publicId}`);
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

const NEW_CONVERSATION = { en: "New conversation", es: "Nueva conversación", de: "Neue Unterhaltung", fr: "Nouvelle conversation", ar: "محادثة جديدة" } as const;

test("the bot's picture is on the launcher and in the chat; the close button covers nothing in the header at 1280 px, in every language", async ({ browser }) => {
  const owner = await createUser("widpic");
  const botId = await createBot(owner.id, { name: "Corner Bakery and Café — orders, opening hours and allergies" });
  const picture = await sharp({ create: { width: 256, height: 256, channels: 3, background: "#be185d" } }).webp().toBuffer();
  const publicId = await publishBot(botId, { page: false, widgetOrigins: [allowedHost], picture });
  snippet = `<script src="http://127.0.0.1:${APP_PORT}/widget.js" data-bot="${publicId}" async></script>`;

  for (const locale of ["en", "es", "de", "fr", "ar"] as const) {
    const { page: shop, cspErrors } = await visitorOn(browser, `${allowedHost}/pictures`, { locale, viewport: { width: 1280, height: 800 } });
    const launcher = shop.locator("chatbot-factory-widget button.b");
    // The launcher shows the picture (not the icon), loaded from our origin.
    const face = launcher.locator("img");
    await expect(face).toHaveJSProperty("naturalWidth", 256);
    await expect(face).toHaveAttribute("src", new RegExp(`^http://127\\.0\\.0\\.1:${APP_PORT}/api/avatars/${publicId}\\?v=[0-9a-f]{16}$`));
    await expect(launcher.locator("svg")).toHaveCount(0);
    await launcher.click();
    const frame = shop.frameLocator("iframe");
    // …and so does the chat's header inside the frame.
    await expect(frame.getByTestId("chat-header").getByTestId("bot-avatar-image")).toHaveJSProperty("naturalWidth", 256);
    const newConversation = frame.getByRole("button", { name: NEW_CONVERSATION[locale] });
    await expect(newConversation).toBeVisible();
    const close = shop.locator("chatbot-factory-widget button.x");
    const [a, b] = [(await close.boundingBox())!, (await newConversation.boundingBox())!];
    const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    expect(overlap, `${locale}: close ${JSON.stringify(a)}, new conversation ${JSON.stringify(b)}`).toBe(false);
    // The long name gives way (whole in its tooltip) rather than pushing the button out of the frame.
    const panel = (await shop.locator("chatbot-factory-widget .p").boundingBox())!;
    expect(b.x + b.width, locale).toBeLessThanOrEqual(panel.x + panel.width);
    expect(b.x, locale).toBeGreaterThanOrEqual(panel.x);
    await expect(frame.getByRole("heading", { level: 2 })).toHaveAttribute("title", "Corner Bakery and Café — orders, opening hours and allergies");
    expect(cspErrors, locale).toEqual([]);
    await shop.context().close();
  }

  // A host page whose CSP refuses our images still gets a launcher: the icon.
  const { page: strict } = await visitorOn(browser, allowedHost);
  await expect(strict.locator("chatbot-factory-widget button.b svg")).toBeVisible();
  await expect(strict.locator("chatbot-factory-widget button.b img")).toHaveCount(0);
  await strict.context().close();
});
