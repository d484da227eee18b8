import { describe, expect, it } from "vitest";
import { chatBot } from "./scopes";
import { whereOf } from "./direct";

describe("the scopes as SQL for the direct statements", () => {
  it("writes each caller's bot scope with numbered parameters", () => {
    expect(whereOf(chatBot({ kind: "owner", id: "u1" }, "b1"))).toEqual({ text: `"id" = $1 AND "ownerId" = $2`, params: ["b1", "u1"] });
    expect(whereOf(chatBot({ kind: "visitor", visitorId: "v", channel: "widget", ip: null }, "p1"))).toEqual({
      text: `"publicId" = $1 AND "isActive" = true AND "adminLocked" = false AND "widgetEnabled" = true`,
      params: ["p1"],
    });
    expect(whereOf(chatBot({ kind: "apiKey", keyId: "k", ownerId: "u1", botIds: ["b1", "b2"] }, "p1"), 3)).toEqual({
      text: `"publicId" = $3 AND "ownerId" = $4 AND "apiEnabled" = true AND "id" IN ($5, $6)`,
      params: ["p1", "u1", "b1", "b2"],
    });
    expect(whereOf({ id: { in: [] } }).text).toBe("1 = 0");
  });

  it("refuses what it cannot write rather than dropping a condition", () => {
    expect(() => whereOf({ chatbot: { ownerId: "u1" } } as never)).toThrow(/cannot write/);
    expect(() => whereOf({ 'id" OR 1=1 --': "x" })).toThrow(/not a column/);
  });
});
