import { describe, expect, it } from "vitest";
import { canonicalOrigin, channelsSchema, originsReport, parseOrigins, publicChatSchema, readOrigin, widgetSettingsOf } from "./channels";
import { launcherTextColor } from "./colors";
import { parseInput } from "./parse";
import { channelsInput as form } from "@/lib/testing/factories";

describe("allowed origins", () => {
  it("accept https origins and http only for localhost and 127.0.0.1, in canonical form", () => {
    expect(canonicalOrigin("https://example.com")).toBe("https://example.com");
    expect(canonicalOrigin("  HTTPS://Shop.Example.com/ ")).toBe("https://shop.example.com");
    expect(canonicalOrigin("https://example.com:443")).toBe("https://example.com");
    expect(canonicalOrigin("https://example.com:8443")).toBe("https://example.com:8443");
    expect(canonicalOrigin("http://localhost:3000")).toBe("http://localhost:3000");
    expect(canonicalOrigin("http://127.0.0.1:5173")).toBe("http://127.0.0.1:5173");
    expect(canonicalOrigin("https://xn--bcher-kva.example")).toBe("https://xn--bcher-kva.example");
  });

  it("refuse anything that is not one origin", () => {
    for (const bad of [
      "http://example.com",
      "example.com",
      "https://example.com/path",
      "https://example.com?x=1",
      "https://example.com#x",
      "https://*.example.com",
      "*",
      "https://user:pass@example.com",
      "javascript:alert(1)",
      "https://example.com https://other.com",
      "https://intranet",
      "http://localhost.evil.com",
      "http://127.0.0.2",
      "ftp://example.com",
      "'self'",
      "https://example.com;script-src *",
      "https://a.example.com;sandbox",
      "https://a.example.com,https://b.example.com",
    ]) {
      expect(canonicalOrigin(bad), bad).toBeNull();
    }
  });

  it("read what an owner types as scheme, host and port only, and say when they were changed (issue 19)", () => {
    expect(readOrigin("example.com")).toEqual({ origin: "https://example.com", normalised: true });
    expect(readOrigin("https://example.com/shop/page")).toEqual({ origin: "https://example.com", normalised: true });
    expect(readOrigin("https://Example.com/?q=1#top")).toEqual({ origin: "https://example.com", normalised: true });
    expect(readOrigin("shop.example.com:8443/x")).toEqual({ origin: "https://shop.example.com:8443", normalised: true });
    expect(readOrigin("localhost:3000")).toEqual({ origin: "http://localhost:3000", normalised: true });
    expect(readOrigin("HTTPS://Shop.Example.com/")).toEqual({ origin: "https://shop.example.com", normalised: false });
    expect(readOrigin("bücher.example")).toEqual({ origin: "https://xn--bcher-kva.example", normalised: true });
  });

  it("never let a separator, credentials or another scheme through to frame-ancestors (finding 7)", () => {
    for (const bad of [
      "https://a.example.com;sandbox",
      "a.example.com;sandbox",
      "https://a.example.com,https://b.example.com",
      "https://a.example.com%3Bsandbox",
      "https://user@example.com",
      "example.com@evil.example",
      "javascript:alert(1)",
      "JavaScript://example.com/%0aalert(1)",
      "data:text/html,hi",
      "http://example.com",
      "http://example.com/page",
      "https://*.example.com",
      "'none'",
      "https://intranet",
      "https://exa mple.com",
    ]) {
      expect(readOrigin(bad), bad).toBeNull();
    }
  });

  it("name the first line that is no website, by its number and text (issue 19)", () => {
    expect(originsReport("https://a.example\n\nhttp://shop.example/x\nb.example")).toEqual({
      origins: ["https://a.example"],
      normalised: [],
      invalid: { line: 3, text: "http://shop.example/x" },
    });
    expect(originsReport("example.com\nhttps://example.com/shop/page\nhttps://b.example")).toEqual({
      origins: ["https://example.com", "https://b.example"],
      normalised: [
        { line: 1, from: "example.com", to: "https://example.com" },
        { line: 2, from: "https://example.com/shop/page", to: "https://example.com" },
      ],
      invalid: null,
    });
  });

  it("are read one per line, blank lines skipped and duplicates merged", () => {
    expect(parseOrigins("https://a.example\n\r\nhttps://A.example/\nhttp://localhost:3000\n")).toEqual(["https://a.example", "http://localhost:3000"]);
    expect(parseOrigins("https://a.example\nnot an origin")).toBeNull();
  });
});

describe("the Channels form", () => {
  it("starts with every channel off and stores origins canonical", () => {
    expect(parseInput(channelsSchema, form()).ok).toBe(true);
    const parsed = parseInput(channelsSchema, form({ widgetEnabled: "on", allowedOrigins: "https://Shop.example/\nhttp://localhost:8080" }));
    expect(parsed).toMatchObject({ ok: true, data: { widgetEnabled: true, allowedOrigins: "https://shop.example\nhttp://localhost:8080" } });
    expect(parseInput(channelsSchema, form({ allowedOrigins: "example.com\nhttps://example.com/shop/page" }))).toMatchObject({ ok: true, data: { allowedOrigins: "https://example.com" } });
  });

  it("needs an allowed origin to switch the widget on, and names each bad field", () => {
    expect(parseInput(channelsSchema, form({ widgetEnabled: true }))).toMatchObject({ ok: false, fieldErrors: { allowedOrigins: "origins_required" } });
    expect(parseInput(channelsSchema, form({ allowedOrigins: "http://example.com", widgetColor: "red", widgetPosition: "top", widgetButtonLabel: "x".repeat(41) }))).toMatchObject({
      ok: false,
      fieldErrors: { allowedOrigins: "origin_invalid", widgetColor: "color_invalid", widgetPosition: "invalid_data", widgetButtonLabel: "too_long" },
    });
    const many = Array.from({ length: 21 }, (_, i) => `https://s${i}.example`).join("\n");
    expect(parseInput(channelsSchema, form({ allowedOrigins: many }))).toMatchObject({ ok: false, fieldErrors: { allowedOrigins: "too_long" } });
  });
});

describe("a visitor's message", () => {
  const ok = { message: "hi", visitorId: "AAAAAAAAAAAAAAAAAAAAAA", channel: "widget" };
  it("carries a random visitor id in base64url and a channel", () => {
    expect(parseInput(publicChatSchema, ok).ok).toBe(true);
    for (const visitorId of [undefined, "", "a".repeat(21), "a".repeat(65), "a b".repeat(10), "<script>alert(1)</script>aaaa"]) {
      expect(parseInput(publicChatSchema, { ...ok, visitorId }).ok, String(visitorId)).toBe(false);
    }
    expect(parseInput(publicChatSchema, { ...ok, channel: "playground" }).ok).toBe(false);
    expect(parseInput(publicChatSchema, { ...ok, message: "x".repeat(4001) })).toMatchObject({ fieldErrors: { message: "message_too_long" } });
  });
});

describe("stored launcher settings", () => {
  it("fall back field by field when the JSON is old or broken", () => {
    expect(widgetSettingsOf("{}")).toEqual({ color: "#0d6efd", position: "right", greeting: "", buttonLabel: "" });
    expect(widgetSettingsOf("not json")).toEqual({ color: "#0d6efd", position: "right", greeting: "", buttonLabel: "" });
    expect(widgetSettingsOf(JSON.stringify({ color: "#ABCDEF", position: "left", greeting: "Hi", buttonLabel: "Help" }))).toEqual({ color: "#abcdef", position: "left", greeting: "Hi", buttonLabel: "Help" });
    expect(widgetSettingsOf(JSON.stringify({ color: "red;background:url(x)", position: "top" }))).toMatchObject({ color: "#0d6efd", position: "right" });
  });

  it("get the launcher's text colour that reads best", () => {
    expect(launcherTextColor("#ffff00")).toBe("#000000");
    expect(launcherTextColor("#000080")).toBe("#ffffff");
  });
});
