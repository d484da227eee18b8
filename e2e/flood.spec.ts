import { expect, test } from "@playwright/test";
import Database from "libsql";
import { randomBytes, randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import http from "node:http";
import { PORTS } from "./ports";
import { startServer } from "./server";

// Issue 18, finding 1: one anonymous script must not silence a bot's public page for everyone.
// A server of its own with the default limits, on a SQLite file of its own; clients are told
// apart by their socket's address (loopback aliases 127.0.0.x need no setup on Linux).
const FILE = "./data/e2e-flood.db";
const PORT = PORTS.flood;

type Answer = { status: number; body: string };

/** One public-page message sent from `localAddress`, with whatever headers a script likes to forge. */
function sendFrom(localAddress: string, publicId: string, headers: Record<string, string> = {}) {
  const body = JSON.stringify({ message: "Are you open today?", visitorId: randomBytes(16).toString("base64url"), channel: "page" });
  return new Promise<Answer>((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port: PORT, path: `/api/public/${publicId}/chat`, method: "POST", localAddress, headers: { "content-type": "application/json", ...headers } },
      (res) => {
        let text = "";
        res.setEncoding("utf8").on("data", (chunk) => (text += chunk)).on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const randomAddress = () => [1, 2, 3, 4].map(() => Math.floor(Math.random() * 250) + 1).join(".");

test("a flood from one address with random visitor ids and forged X-Forwarded-For leaves other visitors answered", async () => {
  test.skip(!!process.env.E2E_DATABASE_URL?.startsWith("postgresql://"), "about the client's address, not the database: runs once, in the SQLite run");
  for (const suffix of ["", "-wal", "-shm"]) rmSync(FILE + suffix, { force: true });
  const server = await startServer(PORT, { DATABASE_URL: `file:${FILE}` });
  try {
    const db = new Database(FILE);
    const owner = randomUUID();
    const publicId = randomUUID();
    db.prepare(`INSERT INTO "User" (id, username, email, "updatedAt") VALUES (?, 'flooded', 'flooded@example.com', ?)`).run(owner, new Date().toISOString());
    db.prepare(`INSERT INTO "Chatbot" (id, "ownerId", name, "fallbackMessage", "publicId", "publicPageEnabled", "updatedAt") VALUES (?, ?, 'Bakery', 'We open at eight.', ?, 1, ?)`).run(
      randomUUID(),
      owner,
      publicId,
      new Date().toISOString(),
    );
    db.close();

    // 70 messages from 127.0.0.1, each a new visitor claiming another address.
    const flood: Answer[] = [];
    for (let i = 0; i < 70; i++) flood.push(await sendFrom("127.0.0.1", publicId, { "x-forwarded-for": randomAddress(), "x-real-ip": randomAddress() }));
    const refused = flood.filter((a) => a.status === 429).length;
    // The default 30 a minute per address: the rest of the flood is refused…
    expect(flood.filter((a) => a.status === 200)).toHaveLength(30);
    expect(refused).toBe(40);
    // …while a visitor from another address is answered, during the flood and after it.
    const other = await sendFrom("127.0.0.2", publicId);
    expect(other.status).toBe(200);
    const said = other.body.trim().split("\n").map((line) => JSON.parse(line)).filter((e) => e.type === "text").map((e) => e.text).join("");
    expect(said).toBe("We open at eight.");
    expect((await sendFrom("127.0.0.1", publicId)).status).toBe(429);
  } finally {
    server.stop();
    await server.exited;
  }
});
