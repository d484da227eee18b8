import { expect, test } from "@playwright/test";
import { ChatbotFormPage, RegisterPage, uniqueUser } from "./pages";

test("another user gets 404 on someone else's bot and cannot see it in their list", async ({ browser }) => {
  const owner = await browser.newPage();
  await new RegisterPage(owner).register(uniqueUser("owner"));
  const botId = await new ChatbotFormPage(owner).create({ name: "Private recipes", systemPrompt: "secret sauce" });

  const intruder = await browser.newPage();
  await new RegisterPage(intruder).register(uniqueUser("intruder"));
  for (const path of [`/chatbots/${botId}`, `/chatbots/${botId}/edit`]) {
    const response = await intruder.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(intruder.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(intruder.getByText("secret sauce")).toHaveCount(0);
  }
  await intruder.goto("/chatbots");
  await expect(intruder.getByText("Private recipes")).toHaveCount(0);

  await owner.reload();
  await expect(owner.getByText("secret sauce")).toBeVisible();
});
