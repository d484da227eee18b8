import AxeBuilder from "@axe-core/playwright";
import sharp from "sharp";
import { createBot, expect, test } from "./fixtures";

// A bot's own picture: uploaded in its Settings, re-encoded by the server, shown wherever the bot
// is drawn, removed again. The checks on content and size are in lib/chatbots/avatar-image.test.ts.

const photo = () => sharp({ create: { width: 600, height: 400, channels: 3, background: "#be185d" } }).png().toBuffer();

test("an uploaded picture shows in the settings, the playground and the list, and goes again", async ({ page, user }) => {
  const botId = await createBot(user.id, { name: "Pictured bot" });
  await page.goto(`/chatbots/${botId}/edit`);
  const picture = page.getByRole("region", { name: "Your own picture" });
  await expect(picture.getByTestId("bot-avatar-image")).toHaveCount(0);

  // Text dressed up as a PNG is refused by its content, and nothing changes.
  await picture.getByLabel("Upload a picture").setInputFiles({ name: "avatar.png", mimeType: "image/png", buffer: Buffer.from("<script>alert(1)</script>") });
  await expect(page.getByText("That file is not a picture we can use.")).toBeVisible();
  await expect(picture.getByTestId("bot-avatar-image")).toHaveCount(0);

  await picture.getByLabel("Upload a picture").setInputFiles({ name: "holiday.png", mimeType: "image/png", buffer: await photo() });
  await expect(page.getByText("Picture saved.")).toBeVisible();
  const image = picture.getByTestId("bot-avatar-image");
  await expect(image).toHaveAttribute("alt", "");
  await expect(image).toHaveJSProperty("naturalWidth", 256);
  expect(await new AxeBuilder({ page }).include("main").analyze().then((r) => r.violations.filter((v) => v.impact === "serious" || v.impact === "critical"))).toEqual([]);

  // Served as our own WebP, never as something a browser could run.
  const response = await page.request.get((await image.getAttribute("src"))!);
  expect(response.status()).toBe(200);
  expect(response.headers()).toMatchObject({
    "content-type": "image/webp",
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
    "content-disposition": 'inline; filename="avatar.webp"',
    "cache-control": "private, max-age=31536000, immutable",
  });

  await page.goto(`/chatbots/${botId}`);
  const playground = page.getByRole("region", { name: "Try your bot" });
  await expect(playground.getByTestId("bot-avatar-image").first()).toHaveJSProperty("naturalWidth", 256);

  await page.goto("/chatbots");
  const row = page.getByTestId("chatbot-list").getByRole("listitem").filter({ hasText: "Pictured bot" });
  await expect(row.getByTestId("bot-avatar-image")).toHaveJSProperty("naturalWidth", 256);

  await page.goto(`/chatbots/${botId}/edit`);
  await picture.getByRole("button", { name: "Remove picture" }).click();
  await expect(page.getByText("Picture removed: the icon is back.")).toBeVisible();
  await expect(picture.getByTestId("bot-avatar-image")).toHaveCount(0);
  await expect(picture.getByRole("button", { name: "Remove picture" })).toHaveCount(0);
  await page.goto("/chatbots");
  await expect(row.getByTestId("bot-avatar-image")).toHaveCount(0);
  await expect(row.locator(".bot-avatar .bi-robot")).toBeVisible();
});
