import { z } from "zod";
import { chatMessageSchema } from "./chat";
import { checkbox, optionalText } from "./fields";
import { parseOrigins } from "./origins";

// The Channels tab (one form, shared by client and server) and what a visitor's browser sends.

export const CHANNEL_LIMITS = { allowedOrigins: 4000, origins: 20, greeting: 200, buttonLabel: 40 } as const;

export const WIDGET_POSITIONS = ["right", "left"] as const;
export type WidgetPosition = (typeof WIDGET_POSITIONS)[number];

/** The launcher as its owner sets it; stored as JSON in Chatbot.widgetSettings. */
export type WidgetSettings = { color: string; position: WidgetPosition; greeting: string; buttonLabel: string };
export const DEFAULT_WIDGET: WidgetSettings = { color: "#0d6efd", position: "right", greeting: "", buttonLabel: "" };

const COLOR = /^#[0-9a-f]{6}$/i;
export { canonicalOrigin, originsReport, parseOrigins, readOrigin, type OriginsReport } from "./origins";

/** What the browser keeps: 128 random bits, base64url (22 characters); a longer random token is accepted too. */
export const VISITOR_ID = /^[A-Za-z0-9_-]{22,64}$/;
export const visitorId = z.string("invalid_data").regex(VISITOR_ID, "invalid_data");

export const CHANNELS = ["page", "widget"] as const;
export type Channel = (typeof CHANNELS)[number];

/** A visitor's message: the playground's message rules, plus who is asking and through which channel. */
export const publicChatSchema = chatMessageSchema.extend({ visitorId, channel: z.enum(CHANNELS, "invalid_data") });

/** A bot's public id as it appears in a URL (base64url of 16 bytes, or an older uuid). */
export const publicIdSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

/** The Channels tab's fields; `channelsSchema` adds the rules between them. */
export const channelsFields = z.object({
  publicPageEnabled: checkbox,
  widgetEnabled: checkbox,
  allowedOrigins: optionalText(CHANNEL_LIMITS.allowedOrigins)
    // The form names the line (originsReport) beside this code.
    .refine((text) => parseOrigins(text) !== null, "origin_invalid")
    .refine((text) => (parseOrigins(text)?.length ?? 0) <= CHANNEL_LIMITS.origins, "too_long"),
  widgetColor: z.string("color_invalid").trim().regex(COLOR, "color_invalid"),
  widgetPosition: z.enum(WIDGET_POSITIONS, "invalid_data"),
  widgetGreeting: optionalText(CHANNEL_LIMITS.greeting),
  widgetButtonLabel: optionalText(CHANNEL_LIMITS.buttonLabel),
  apiEnabled: checkbox,
});

/** At least one allowed origin for the widget to be on; origins stored canonical, one per line. */
export const withChannelRules = <S extends typeof channelsFields>(schema: S) =>
  schema
    .superRefine((data, ctx) => {
      if (data.widgetEnabled && parseOrigins(data.allowedOrigins)?.length === 0) ctx.addIssue({ code: "custom", path: ["allowedOrigins"], message: "origins_required" });
    })
    .transform((data) => ({ ...data, allowedOrigins: (parseOrigins(data.allowedOrigins) ?? []).join("\n") }));

export const channelsSchema = withChannelRules(channelsFields);

export type ChannelsInput = z.input<typeof channelsSchema>;
export type ChannelsData = z.output<typeof channelsSchema>;

/** Stored launcher settings, read defensively (older or hand-edited JSON falls back field by field). */
export function widgetSettingsOf(json: string): WidgetSettings {
  let raw: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(json);
    if (parsed && typeof parsed === "object") raw = parsed;
  } catch {}
  const text = (v: unknown, max: number) => (typeof v === "string" ? v.slice(0, max) : "");
  return {
    color: typeof raw.color === "string" && COLOR.test(raw.color) ? raw.color.toLowerCase() : DEFAULT_WIDGET.color,
    position: raw.position === "left" ? "left" : "right",
    greeting: text(raw.greeting, CHANNEL_LIMITS.greeting),
    buttonLabel: text(raw.buttonLabel, CHANNEL_LIMITS.buttonLabel),
  };
}
