import { expect, test } from "@playwright/test";
import { RegisterPage, chooseLanguage, uniqueUser } from "./pages";

test("every page has a nonce CSP and the security headers; HSTS only over HTTPS", async ({ request }) => {
  const first = await request.get("/login");
  const second = await request.get("/login");
  const csp = first.headers()["content-security-policy"];
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/);
  for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) expect(csp).toContain(directive);
  expect(csp).not.toContain("unsafe-eval");
  const nonce = (h: string) => /'nonce-([^']+)'/.exec(h)?.[1];
  expect(nonce(second.headers()["content-security-policy"])).not.toBe(nonce(csp));
  expect(await first.text()).toContain(`nonce="${nonce(csp)}"`);

  const api = await request.get("/api/health");
  for (const response of [first, api]) {
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
    expect(response.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(response.headers()["permissions-policy"]).toContain("camera=()");
    expect(response.headers()["strict-transport-security"]).toBeUndefined();
  }
  // The API answers data only: a policy that lets nothing load from it.
  expect(api.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  for (const path of ["/login", "/api/health"]) {
    const behindHttps = await request.get(path, { headers: { "x-forwarded-proto": "https" } });
    expect(behindHttps.headers()["strict-transport-security"], path).toMatch(/max-age=\d{7,}/);
  }
});

test("the app works under its CSP: no violation while signing up, chatting and switching theme and language", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (load|execute|apply)/i.test(message.text())) violations.push(message.text());
  });
  await page.goto("/");
  await new RegisterPage(page).register(uniqueUser("csp"));
  await page.goto("/chatbots/new");
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("CSP bot");
  await page.getByRole("button", { name: "Create chatbot" }).click();
  await page.getByRole("textbox", { name: "Your message" }).fill("hello");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByTestId("chat-reply")).toContainText("Sorry");
  await page.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  await page.getByTestId("theme-toggle").click();
  await expect(page.locator("html")).toHaveAttribute("data-bs-theme", "light");
  await chooseLanguage(page, /Language/, "Français");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  // Bootstrap and its icons still style the page.
  // Polled: the switch reloads the page, and lang can change before its stylesheet applies (or
  // before the reload itself, which ends a read in progress: read again).
  await expect
    .poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor).catch(() => "reloading"))
    .toBe("rgb(255, 255, 255)");
  expect(violations).toEqual([]);
});

test("every page answers with a request id to quote: a proxy's well-formed one, else a new one", async ({ request }) => {
  const fresh = [(await request.get("/login")).headers()["x-request-id"], (await request.get("/login")).headers()["x-request-id"]];
  for (const id of fresh) expect(id).toMatch(/^[0-9a-f-]{36}$/);
  expect(fresh[0]).not.toBe(fresh[1]);
  const given = await request.get("/login", { headers: { "x-request-id": "nginx-4f2a9c1e77" } });
  expect(given.headers()["x-request-id"]).toBe("nginx-4f2a9c1e77");
  // Anything else (a header injection attempt, a novel) is replaced, not echoed.
  const odd = await request.get("/login", { headers: { "x-request-id": "<script>alert(1)</script>" } });
  expect(odd.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
});

test("odd paths get the security headers too, and none answers 500 (issue 18, finding 4)", async ({ request }) => {
  const page = await request.get("/login");
  const asset = /(\/_next\/static\/[^"]+\.js)"/.exec(await page.text())![1];
  const pageHeaders = (path: string, headers: Record<string, string>) => {
    expect(headers["content-security-policy"], path).toMatch(/frame-ancestors 'none'/);
    expect(headers["x-frame-options"], path).toBe("DENY");
  };
  const apiHeaders = (path: string, headers: Record<string, string>) => {
    expect(headers["content-security-policy"], path).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(headers["x-frame-options"], path).toBe("DENY");
  };
  const cases: [string, ((path: string, headers: Record<string, string>) => void) | null][] = [
    // Unanchored exclusions once sent these to the 404 page with no headers (and framable).
    ["/favicon.icoX", pageHeaders],
    ["/widget.jsX", pageHeaders],
    ["/_next/staticX", pageHeaders],
    ["/_next/imageX", pageHeaders],
    ["/apiX", pageHeaders],
    ["/favicon.ico", pageHeaders],
    // Paths that do not decode: 400 with the headers, where they were a bare 500.
    ["/b/%E0%A4%A", pageHeaders],
    ["/embed/%E0%A4%A", pageHeaders],
    ["/%E0%A4%A", pageHeaders],
    ["/b/abc%", pageHeaders],
    ["/api/public/%E0%A4%A/widget", apiHeaders],
    ["/api/avatars/%E0%A4%A", apiHeaders],
    ["/api/chatbots/%E0%A4%A/avatar", apiHeaders],
    ["/api/nothing-here", apiHeaders],
    // Next's own files: never sniffed as another type, no full referrer.
    [asset, null],
    ["/_next/static/chunks/missing.js", null],
    ["/_next/static/%E0%A4%A", null],
    ["/_next/image?url=%E0%A4%A", null],
    ["/widget.js", null],
  ];
  for (const [path, check] of cases) {
    const response = await request.get(path, { maxRedirects: 0 });
    const headers = response.headers();
    expect(response.status(), path).toBeLessThan(500);
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    check?.(path, headers);
  }
  expect((await request.get(asset)).status()).toBe(200);
});
