import sharp from "sharp";
import { sql } from "./db";
import { createBot, expect, test } from "./fixtures";
import { expectToast } from "./pages";

// What an owner meets in the Q&A import, the bot's picture and the Channels tab (issue 19).

const csv = (name: string, text: string | Buffer) => ({ name, mimeType: "text/csv", buffer: Buffer.isBuffer(text) ? text : Buffer.from(text) });
const questions = async (botId: string) =>
  (await sql(`SELECT question FROM "KnowledgeEntry" WHERE "chatbotId" = $1 ORDER BY position`, [botId])).map((r) => r.question);

test("a CSV shows a preview with each problem in plain words, and imports only on confirmation", async ({ page, user }) => {
  const botId = await createBot(user.id, { name: "Import bot" });
  await page.goto(`/chatbots/${botId}/knowledge`);
  await page.getByRole("textbox", { name: "Question", exact: true }).fill("Is there parking?");
  await page.getByRole("textbox", { name: "Answer", exact: true }).fill("Yes.");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expectToast(page, "Question added.");
  const file = page.getByLabel("CSV file (question,answer)");

  // Bad rows: every problem by row, in words; no headline repeated per row, no internal words.
  await file.setInputFiles(csv("faq.csv", `question,answer\nOpen on Sunday?,No\nonly a question\n,An answer without its question\nLong?,${"a".repeat(4001)}\n`));
  const preview = page.getByTestId("csv-preview");
  await expect(preview.getByTestId("csv-rows")).toHaveText("4 rows found in faq.csv.");
  await expect(preview.getByTestId("csv-errors").getByRole("listitem")).toHaveText([
    "Row 3 has 1 column; each row needs two: the question, then the answer.",
    "Row 4: the question is empty.",
    "Row 5: the answer is longer than 4000 characters.",
  ]);
  await expect(preview).not.toContainText("not right");
  await expect(preview).not.toContainText("columns:");
  await expect(preview.getByRole("button", { name: /^Import/ })).toBeDisabled();
  expect(await questions(botId)).toEqual(["Is there parking?"]);

  // A spreadsheet's semicolon file, with a question already there: listed, not imported until confirmed, then skipped.
  await file.setInputFiles(csv("faq.csv", "question;answer\nIS THERE PARKING?;Behind the shop.\nOpen on Sunday?;\"No; only Saturdays\"\n"));
  await expect(preview.getByTestId("csv-rows")).toHaveText("2 rows found in faq.csv.");
  await expect(preview.getByTestId("csv-errors")).toHaveCount(0);
  await expect(preview.getByTestId("csv-duplicates")).toHaveText(/Row 2:\s*IS THERE PARKING\?/);
  await expect(preview).toContainText("1 new question will be added.");
  await page.waitForTimeout(300);
  expect(await questions(botId)).toEqual(["Is there parking?"]);
  await preview.getByRole("button", { name: "Import 1 question" }).click();
  await expectToast(page, "1 question imported. 1 already there, skipped.");
  await expect(page.getByTestId("csv-preview")).toHaveCount(0);
  await expect(page.getByTestId("knowledge-list").getByRole("listitem")).toHaveCount(2);
  expect(await questions(botId)).toEqual(["Is there parking?", "Open on Sunday?"]);

  // A picture renamed .csv is not a CSV file: said as such, and no rows of garbage.
  const png = await sharp({ create: { width: 40, height: 40, channels: 3, background: "#336699" } }).png().toBuffer();
  await file.setInputFiles(csv("prices.csv", png));
  await expect(page.getByTestId("csv-refused")).toHaveText(/This is not a CSV file\./);
  await expect(page.getByTestId("csv-preview")).toHaveCount(0);
  // Latin-1 text (not UTF-8) is refused the same way rather than imported with broken letters.
  await file.setInputFiles(csv("latin1.csv", Buffer.from("Caf\xe9?,Oui\n", "latin1")));
  await expect(page.getByTestId("csv-refused")).toHaveText(/This is not a CSV file\./);
  expect(await questions(botId)).toEqual(["Is there parking?", "Open on Sunday?"]);
});

test("a phone photo over 1 MB is made smaller in the browser and saved", async ({ page, user }) => {
  const botId = await createBot(user.id, { name: "Photo bot" });
  // Noise does not compress: a 1600 × 1200 PNG of it is several megabytes, like a phone's photo.
  const width = 1600;
  const height = 1200;
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 2654435761) >>> 24;
  const photo = await sharp(pixels, { raw: { width, height, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();
  expect(photo.length).toBeGreaterThan(1_000_000);

  await page.goto(`/chatbots/${botId}/edit`);
  const picture = page.getByRole("region", { name: "Your own picture" });
  const sent: number[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST") sent.push(request.postDataBuffer()?.length ?? 0);
  });
  await picture.getByLabel("Upload a picture").setInputFiles({ name: "IMG_2041.png", mimeType: "image/png", buffer: photo });
  await expect(page.getByText("Picture saved.")).toBeVisible();
  await expect(picture.getByTestId("bot-avatar-image")).toHaveJSProperty("naturalWidth", 256);
  expect(Math.max(...sent)).toBeLessThanOrEqual(1_000_000 + 10_000);
});

test.describe("the Channels tab", () => {
  test("in Arabic, the launcher preview sits on the side the widget will", async ({ page, user }) => {
    const botId = await createBot(user.id, { name: "RTL bot" });
    await page.context().addCookies([{ name: "NEXT_LOCALE", value: "ar", url: "http://127.0.0.1" }]);
    await page.goto(`/chatbots/${botId}/channels`);
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    const preview = page.getByTestId("widget-preview");
    const launcher = page.getByTestId("widget-preview-launcher-box");
    const side = async () => {
      const box = (await preview.boundingBox())!;
      const at = (await launcher.boundingBox())!;
      return at.x + at.width / 2 > box.x + box.width / 2 ? "right" : "left";
    };
    await expect(page.locator("#widgetPosition")).toHaveValue("right");
    expect(await side()).toBe("right");
    await page.locator("#widgetPosition").selectOption("left");
    await expect.poll(side).toBe("left");
  });

  test("the API examples stream with curl, include JavaScript, and are readable on a 375 px phone", async ({ page, user }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    const botId = await createBot(user.id, { name: "API bot" });
    await page.goto(`/chatbots/${botId}/channels`);
    const curl = page.getByRole("textbox", { name: "Example with curl" });
    await expect(curl).toHaveValue(/curl -N /);
    await expect(curl).toHaveValue(/"stream": true/);
    const js = page.getByRole("textbox", { name: "Example with JavaScript (fetch)" });
    await expect(js).toHaveValue(/await fetch\(/);
    await expect(page.getByRole("textbox", { name: "Example with the official openai client (Python)" })).toBeVisible();
    for (const box of [curl, js]) {
      const { width } = (await box.boundingBox())!;
      // The code box takes the card's width (the copy button sits above it), and long lines scroll inside it.
      expect(width).toBeGreaterThan(280);
      expect(await box.evaluate((el) => getComputedStyle(el).whiteSpace)).toBe("pre");
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    // The bot's nine tabs stay one row, scrolled sideways, rather than wrapping onto three.
    const tops = await page.locator(".bot-tabs .nav-link").evaluateAll((links) => links.map((l) => Math.round(l.getBoundingClientRect().top)));
    expect(tops).toHaveLength(9);
    expect(new Set(tops).size).toBe(1);
  });
});
