import { createBot, createUser, expect, signedInPage, test } from "./fixtures";

test("another user gets 404 on someone else's bot and cannot see it in their list", async ({ browser }) => {
  const ownerUser = await createUser("owner");
  const owner = await signedInPage(browser, ownerUser);
  const botId = await createBot(ownerUser.id, { name: "Private recipes", systemPrompt: "secret sauce" });

  const intruder = await signedInPage(browser, await createUser("intruder"));
  for (const path of [`/chatbots/${botId}`, `/chatbots/${botId}/edit`]) {
    const response = await intruder.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(intruder.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(intruder.getByText("secret sauce")).toHaveCount(0);
  }
  await intruder.goto("/chatbots");
  await expect(intruder.getByText("Private recipes")).toHaveCount(0);

  await owner.goto(`/chatbots/${botId}`);
  await expect(owner.getByText("secret sauce")).toBeVisible();
});
