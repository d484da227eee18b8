// Development data: a demo account with a random password (printed once) and three bots.
// Never for production: there are no default credentials anywhere.
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { createChatbot } from "@/lib/db/chatbots";
import { addKnowledge } from "@/lib/db/knowledge";
import { createUser } from "@/lib/db/users";
import { chatbotSchema } from "@/lib/validation/chatbot";

async function main() {
  if (process.env.NODE_ENV === "production") {
    console.error("db:seed is for development only; it refuses to run with NODE_ENV=production.");
    process.exit(1);
  }
  if (await db.user.findUnique({ where: { username: "demo" } })) {
    console.log("The demo account exists already; nothing to do.");
    return;
  }
  const password = randomBytes(12).toString("base64url");
  const user = await createUser({ username: "demo", email: "demo@example.test", password, firstName: "Demo", lastName: "Maker", locale: "en" });
  const bots = [
    { name: "Bakery helper", description: "Answers questions about opening hours and orders.", systemPrompt: "You are the friendly assistant of a small bakery. Keep answers short.", isActive: true },
    { name: "Bike repair FAQ", description: "Common questions for a repair shop.", systemPrompt: "You help customers of a bicycle repair shop book a slot.", isActive: true },
    { name: "Draft: newsletter bot", description: "", systemPrompt: "", isActive: false },
  ];
  const created = [];
  for (const bot of bots) created.push(await createChatbot(user!, chatbotSchema.parse(bot)));
  await addKnowledge(user!, created[0].id, [
    { question: "What are your opening hours?", answer: "We open at 7:00 and close at 18:00, Monday to Saturday." },
    { question: "Do you deliver wedding cakes?", answer: "Yes, within 20 km, for orders placed a week ahead." },
    { question: "Is there gluten-free bread?", answer: "Every Friday we bake a gluten-free loaf." },
  ]);
  console.log(`Created the demo account.\n  username: demo\n  password: ${password}\n(shown once; run db:seed again after deleting the user to get a new one)`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
