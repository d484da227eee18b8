// One process of the multi-process write test (lib/db/client.test.ts): creates `count` bots for
// `ownerId` at once through the app's client, then prints how many failed.
import { db } from "@/lib/db/client";

const [ownerId, count] = [process.argv[2], Number(process.argv[3])];
Promise.allSettled(Array.from({ length: count }, (_, i) => db.chatbot.create({ data: { ownerId, name: `Process ${process.pid} bot ${i}` } })))
  .then((results) => {
    const failures = results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason).slice(0, 200));
    console.log(JSON.stringify({ failures }));
    return db.$disconnect();
  })
  .then(() => process.exit(0));
