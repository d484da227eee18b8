import "server-only";
import { embedOrigins } from "@/lib/db/channels";
import { canonicalOrigin } from "@/lib/validation/channels";

// The widget's iframe (/embed/<publicId>) may be framed only by the bot's allowed origins
// (SECURITY.md #31, #44). proxy.ts asks here for every embed request; a short cache keeps a busy
// host page from costing a query per view, and bounds how long a change takes to apply.

const TTL_MS = 5_000;
const MAX_ENTRIES = 1_000;
const processWide = globalThis as { chatbotFactoryEmbedOrigins?: Map<string, { origins: string[]; until: number }> };

/** The public id in an /embed/<publicId> path, or null for any other path. */
export function embedPublicId(pathname: string): string | null {
  const match = /^\/embed\/([A-Za-z0-9_-]{16,64})\/?$/.exec(pathname);
  return match ? match[1] : null;
}

/** The origins that may frame this bot's widget (none when the widget is off or the bot answers nowhere), cached briefly. */
export async function frameAncestorsFor(publicId: string, now = Date.now()): Promise<string[]> {
  const cache = (processWide.chatbotFactoryEmbedOrigins ??= new Map());
  const hit = cache.get(publicId);
  if (hit && hit.until > now) return hit.origins;
  // Stored origins were validated on save; checked again, as they go into a header.
  const origins = (await embedOrigins(publicId)).map(canonicalOrigin).filter((o): o is string => !!o);
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(publicId, { origins, until: now + TTL_MS });
  return origins;
}
