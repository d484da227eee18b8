import { getTranslations } from "next-intl/server";
import { findPublicBot } from "@/lib/db/channels";
import { launcherTextColor } from "@/lib/validation/colors";
import { publicIdSchema } from "@/lib/validation/channels";

export const dynamic = "force-dynamic";

/** JSON inside a script: nothing in it can close the <script> or end the line early. */
const scriptJson = (value: unknown) =>
  JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");

/**
 * The launcher's settings for widget.js, as a script that hands them over (a host page whose CSP
 * lets widget.js run lets this run too; a fetch would also need its connect-src). Only what the
 * launcher shows: the bot's name, colour, position, greeting and label, in the visitor's
 * language; `null` (nothing drawn) when the widget is off, the bot inactive or locked, or the id
 * replaced.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ publicId: string }> }) {
  const { publicId } = await params;
  const bot = publicIdSchema.safeParse(publicId).success ? await findPublicBot(publicId, "widget") : null;
  let settings = null;
  if (bot) {
    const t = await getTranslations("channels");
    const { color, position, greeting, buttonLabel } = bot.widget;
    settings = { title: bot.name, label: buttonLabel || t("default_button_label"), close: t("close"), greeting, color, text: launcherTextColor(color), position };
  }
  const call = `(window.__cbfWidget||{})[${scriptJson(publicId)}]`;
  return new Response(`typeof ${call}=="function"&&${call}(${scriptJson(settings)});\n`, {
    headers: {
      "Content-Type": "text/javascript; charset=utf-8",
      // Short: a change of settings reaches host pages within a minute.
      "Cache-Control": "public, max-age=60",
      Vary: "Accept-Language, Cookie",
      "Cross-Origin-Resource-Policy": "cross-origin",
    },
  });
}
