import { getTranslations } from "next-intl/server";
import { findPublicBot } from "@/lib/db/channels";
import { frameAncestorsFor } from "@/lib/security/embed";
import { launcherTextColor } from "@/lib/validation/colors";
import { canonicalOrigin, publicIdSchema } from "@/lib/validation/channels";

export const dynamic = "force-dynamic";

/** JSON inside a script: nothing in it can close the <script> or end the line early. */
const scriptJson = (value: unknown) =>
  JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");

/**
 * The page that asked: widget.js loads this script in CORS mode, so the browser names the page's
 * origin and the page cannot; a copy of widget.js cached before that (an hour at most) sends the
 * Referer, which browsers set to the origin across sites.
 */
function hostOrigin(request: Request): string | null {
  const origin = request.headers.get("origin");
  if (origin) return canonicalOrigin(origin);
  const referer = request.headers.get("referer");
  if (!referer || !URL.canParse(referer)) return null;
  return canonicalOrigin(new URL(referer).origin);
}

/**
 * The launcher's settings for widget.js, as a script that hands them over (a host page whose CSP
 * lets widget.js run lets this run too; a fetch would also need its connect-src). Only what the
 * launcher shows: the bot's name, colour, position, greeting and label, in the visitor's
 * language, and the version of its picture; `null` (nothing drawn) when the widget is off, the bot
 * inactive or locked, the id replaced, or the page asking is not one of the allowed websites (its
 * chat frame would be refused there: a launcher that opens an empty box is worse than none).
 */
export async function GET(request: Request, { params }: { params: Promise<{ publicId: string }> }) {
  const { publicId } = await params;
  const bot = publicIdSchema.safeParse(publicId).success ? await findPublicBot(publicId, "widget") : null;
  const host = hostOrigin(request);
  let settings = null;
  if (bot && host && (await frameAncestorsFor(publicId)).includes(host)) {
    const t = await getTranslations("channels");
    const { color, position, greeting, buttonLabel } = bot.widget;
    settings = {
      title: bot.name,
      label: buttonLabel || t("default_button_label"),
      close: t("close"),
      greeting,
      color,
      text: launcherTextColor(color),
      position,
      // widget.js loads it from /api/avatars/<publicId>?v=<picture>, our origin.
      picture: bot.avatarImageHash,
    };
  }
  const call = `(window.__cbfWidget||{})[${scriptJson(publicId)}]`;
  return new Response(`typeof ${call}=="function"&&${call}(${scriptJson(settings)});\n`, {
    headers: {
      "Content-Type": "text/javascript; charset=utf-8",
      // Short: a change of settings reaches host pages within a minute.
      "Cache-Control": "public, max-age=60",
      // The answer depends on the page asking (Origin, or the Referer of an older widget.js).
      Vary: "Accept-Language, Cookie, Origin, Referer",
      "Cross-Origin-Resource-Policy": "cross-origin",
      // Read in CORS mode (widget.js sets crossorigin), with no credentials: any page may run it.
      "Access-Control-Allow-Origin": "*",
    },
  });
}
