import { readdirSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createChatbot } from "@/lib/db/chatbots";
import { db } from "@/lib/db/client";
import { botInput, makeUser } from "@/lib/testing/factories";
import { actAs } from "@/lib/testing/session";

vi.mock("@/lib/auth/session", () => import("@/lib/testing/session-mock"));
vi.mock("next-intl/server", () => ({ getTranslations: async () => (key: string) => key }));

// Every route handler, and who it answers (finding 3): a new route fails this test until it is
// classified here, and every cookie-authenticated one must refuse another origin's request.
type Caller = "cookie" | "apiKey" | "public" | "none";
const ROUTES: Record<string, Caller> = {
  "auth/[...nextauth]": "cookie",
  "avatars/[publicId]": "public",
  "bench/bare": "none",
  "chatbots/[id]/avatar": "cookie",
  "chatbots/[id]/chat": "cookie",
  "chatbots/[id]/conversations/export": "cookie",
  "chatbots/[id]/feedback": "cookie",
  "chatbots/[id]/knowledge/files": "cookie",
  "chatbots/[id]/knowledge/sources": "cookie",
  "chatbots/[id]/tests/run": "cookie",
  // Bearer CRON_SECRET, no cookie (lib/jobs).
  cron: "none",
  health: "none",
  // Readiness for load balancers: which checks pass, nothing else.
  ready: "none",
  "public/[publicId]/chat": "public",
  "public/[publicId]/feedback": "public",
  "public/[publicId]/widget": "public",
  "v1/chat/completions": "apiKey",
  "v1/chatbots/[id]/chat": "apiKey",
  "v1/chatbots/[id]/conversations/[conversationId]": "apiKey",
  "v1/chatbots/[id]/conversations": "apiKey",
  "v1/chatbots/[id]/feedback": "apiKey",
  "v1/models": "apiKey",
  "v1/openapi.json": "none",
};

/**
 * Cookie routes' methods that another site may reach: Auth.js's GETs (an OAuth provider sends the
 * browser back to its callback from the provider's site; session and CSRF token are JSON that
 * another site's page cannot read without CORS, which Auth.js never grants).
 */
const FOREIGN_ALLOWED: Record<string, string[]> = { "auth/[...nextauth]": ["GET"] };

const API_DIR = path.resolve(import.meta.dirname);
const routeFiles = () =>
  (readdirSync(API_DIR, { recursive: true }) as string[])
    .filter((f) => path.basename(f) === "route.ts")
    .map((f) => path.dirname(f).split(path.sep).join("/"))
    .sort();

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Handler = (request: Request, context: { params: Promise<Record<string, unknown>> }) => Promise<Response>;

/** What a page on another origin can make a browser send with the owner's cookie, no preflight needed. */
const FOREIGN: Record<string, string>[] = [
  { "sec-fetch-site": "cross-site", origin: "https://evil.example" },
  { "sec-fetch-site": "same-site", origin: "https://sibling.localhost.test" },
  // An older browser: no Sec-Fetch-Site, only the page's origin (here another port).
  { origin: "http://localhost.test:4000" },
];

const written = async () => ({
  conversations: await db.conversation.count(),
  messages: await db.message.count(),
  sessions: await db.session.count(),
  audit: await db.auditEvent.count(),
  usage: await db.botDailyUsage.count(),
});

describe("route handlers", () => {
  beforeEach(() => vi.spyOn(console, "error").mockImplementation(() => {}));

  it("are each classified by who may call them", () => {
    const files = routeFiles();
    expect(files.filter((f) => !(f in ROUTES)), "unclassified route handlers").toEqual([]);
    expect(Object.keys(ROUTES).filter((f) => !files.includes(f)), "classified routes that no longer exist").toEqual([]);
  });

  const cookieRoutes = Object.entries(ROUTES).filter(([, caller]) => caller === "cookie").map(([route]) => route);
  it.each(cookieRoutes)("%s refuses a request from another origin with a valid session, and writes nothing", async (route) => {
    const owner = await makeUser();
    const bot = await createChatbot(owner, botInput());
    await db.session.create({ data: { sessionToken: `s-${bot.id}`, userId: owner.id, expires: new Date(Date.now() + 3_600_000) } });
    actAs(owner);
    const mod = (await import(/* @vite-ignore */ path.join(API_DIR, route, "route.ts"))) as Partial<Record<(typeof METHODS)[number], Handler>>;
    const methods = METHODS.filter((m) => typeof mod[m] === "function" && !FOREIGN_ALLOWED[route]?.includes(m));
    expect(methods.length).toBeGreaterThan(0);
    const params = { id: bot.id, nextauth: ["signout"] };
    const before = await written();
    for (const method of methods) {
      for (const headers of FOREIGN) {
        const url = `http://localhost.test:3000/api/${route.replace("[id]", bot.id).replace("[...nextauth]", "signout")}`;
        const body = method === "GET" ? undefined : JSON.stringify({ message: "planted from another site" });
        const response = await mod[method]!(new Request(url, { method, headers: { host: "localhost.test:3000", "content-type": "text/plain", ...headers }, body }), {
          params: Promise.resolve(params),
        });
        expect(response.status, `${method} ${route} ${JSON.stringify(headers)}`).toBe(403);
        expect(await response.json()).toEqual({ code: "origin_refused" });
      }
    }
    expect(await written()).toEqual(before);
  });
});
