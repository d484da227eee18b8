import { describe, expect, it, vi } from "vitest";
import { createChatbot } from "@/lib/db/chatbots";
import { getChannels, updateChannels } from "@/lib/db/channels";
import { botInput, makeUser } from "@/lib/testing/factories";
import { channelsSchema } from "@/lib/validation/channels";
import { GET } from "./route";

vi.mock("next-intl/server", () => ({ getTranslations: async () => (key: string) => `t:${key}` }));

const SHOP = "https://shop.example.com";

async function widgetBot(allowedOrigins = SHOP) {
  const owner = await makeUser();
  const bot = await createChatbot(owner, botInput({ name: "Launcher bot" }));
  await updateChannels(
    owner,
    bot.id,
    channelsSchema.parse({ publicPageEnabled: false, widgetEnabled: true, allowedOrigins, widgetColor: "#0d6efd", widgetPosition: "right", widgetGreeting: "Hi!", widgetButtonLabel: "", apiEnabled: false }),
  );
  return (await getChannels(owner, bot.id)).publicId;
}

/** The settings widget.js receives, as the page named by these headers would: null draws nothing. */
async function settingsFor(publicId: string, headers: Record<string, string>) {
  const response = await GET(new Request(`http://test/api/public/${publicId}/widget?v=1`, { headers }), { params: Promise.resolve({ publicId }) });
  const body = await response.text();
  const json = /\((\{.*\}|null)\);\n$/.exec(body)![1];
  return { settings: JSON.parse(json), headers: response.headers };
}

describe("GET /api/public/[publicId]/widget", () => {
  it("gives the launcher's settings only to a page on an allowed website (the launcher is drawn nowhere else)", async () => {
    const publicId = await widgetBot();
    const allowed = await settingsFor(publicId, { origin: SHOP });
    expect(allowed.settings).toMatchObject({ title: "Launcher bot", greeting: "Hi!", label: "t:default_button_label", picture: null });
    // Read in CORS mode with no credentials; cached per asking page.
    expect(allowed.headers.get("access-control-allow-origin")).toBe("*");
    expect(allowed.headers.get("vary")).toMatch(/Origin/);

    expect((await settingsFor(publicId, { origin: "https://evil.example.com" })).settings).toBeNull();
    expect((await settingsFor(publicId, { origin: "null" })).settings).toBeNull();
    // No Origin and no Referer: unknown page, nothing drawn.
    expect((await settingsFor(publicId, {})).settings).toBeNull();
  });

  it("falls back to the Referer's origin (a widget.js cached from before CORS mode)", async () => {
    const publicId = await widgetBot();
    expect((await settingsFor(publicId, { referer: `${SHOP}/cart?item=3` })).settings).toMatchObject({ title: "Launcher bot" });
    expect((await settingsFor(publicId, { referer: "https://shop.example.com.evil.test/" })).settings).toBeNull();
    expect((await settingsFor(publicId, { referer: "not a url" })).settings).toBeNull();
  });

  it("draws nothing for an unknown or malformed id", async () => {
    expect((await settingsFor("A".repeat(22), { origin: SHOP })).settings).toBeNull();
    expect((await settingsFor("../x", { origin: SHOP })).settings).toBeNull();
  });
});
