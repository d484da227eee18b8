import "server-only";
import { AVATAR_UPLOAD } from "@/lib/chatbots/avatar";
import type { AvatarImage } from "@/lib/chatbots/avatar-image";

// A bot's picture over HTTP: always our own re-encoded WebP, with headers that keep a browser
// from reading it as anything else (docs/security.md, case 48).

/** The picture, cached for good when the URL names its version; 304 when the browser has it. */
export function avatarResponse(request: Request, image: AvatarImage, { shared }: { shared: boolean }): Response {
  const etag = `"${image.hash}"`;
  const versioned = new URL(request.url).searchParams.get("v") === image.hash;
  const headers: Record<string, string> = {
    "Content-Type": AVATAR_UPLOAD.contentType,
    "Content-Disposition": 'inline; filename="avatar.webp"',
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "Cross-Origin-Resource-Policy": shared ? "cross-origin" : "same-origin",
    ETag: etag,
    // The owner's copy stays in their browser only; a public one may sit in shared caches.
    "Cache-Control": versioned ? `${shared ? "public" : "private"}, max-age=31536000, immutable` : `${shared ? "public" : "private"}, no-cache`,
  };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(image.bytes, { headers });
}
