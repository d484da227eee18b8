import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AVATAR_ICONS, AVATAR_COLORS } from "./avatar";
import { AVATAR_ICON_SVG, avatarSvg } from "./avatar-icons";

describe("avatar icons as SVG", () => {
  it("holds every avatar icon, drawn as bootstrap-icons draws it", () => {
    for (const icon of AVATAR_ICONS) {
      const file = readFileSync(`node_modules/bootstrap-icons/icons/${icon}.svg`, "utf8");
      const inner = file.replace(/^<svg[^>]*>/, "").replace(/<\/svg>\s*$/, "").trim().replace(/\n\s*/g, "");
      expect(AVATAR_ICON_SVG[icon], icon).toBe(inner);
    }
  });

  it("draws the bot's icon on its colour, and the default for anything unknown", () => {
    expect(avatarSvg({ avatarIcon: "shop", avatarColor: "teal" })).toContain(`fill="${AVATAR_COLORS.teal}"`);
    expect(avatarSvg({ avatarIcon: "shop", avatarColor: "teal" })).toContain(AVATAR_ICON_SVG.shop);
    const fallback = avatarSvg({ avatarIcon: '"><script>', avatarColor: "url(x)" });
    expect(fallback).toContain(AVATAR_ICON_SVG.robot);
    expect(fallback).toContain(`fill="${AVATAR_COLORS.indigo}"`);
    expect(fallback).not.toContain("script");
  });
});
