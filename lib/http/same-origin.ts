import { problem } from "./problem";

// Cookie-authenticated route handlers and the public chat answer our own pages only (docs/security.md,
// security cases 23, 63). A cookie goes along with any site's request (SameSite=Lax lets a
// sibling subdomain's, and a top-level form post's, through), so the browser's word on who
// sent the request decides: Sec-Fetch-Site where the browser sends it, else the Origin header.

/** Whether a browser says this request came from a page of another origin (another site, a sibling subdomain, another port). */
export function fromForeignOrigin(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  // "none": typed into the address bar or a bookmark, which no other site can cause.
  if (site) return site !== "same-origin" && site !== "none";
  const origin = request.headers.get("origin");
  if (origin === null) return false; // not a browser's cross-origin request: curl, a test, an old same-origin GET
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return true; // "null": a sandboxed frame, a data: page, a redirect across origins
  }
  // As Next's own server-action check: the host the browser addressed, as the proxy forwarded it.
  const addressed = request.headers.get("x-forwarded-host")?.split(",")[0].trim() || request.headers.get("host") || new URL(request.url).host;
  return host !== addressed;
}

/** Whether the body is declared JSON: a cross-origin fetch can send JSON only after a CORS preflight, which we never grant. */
export const isJsonBody = (request: Request) => (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase() === "application/json";

/**
 * The refusal for a request our pages did not send: 403 `origin_refused` for a foreign origin,
 * 415 `unsupported_media_type` when `json` is asked and the body is not declared JSON. Null: go on.
 */
export function refuseForeignRequest(request: Request, { json = false }: { json?: boolean } = {}): Response | null {
  if (fromForeignOrigin(request)) return problem("origin_refused");
  if (json && !isJsonBody(request)) return problem("unsupported_media_type");
  return null;
}
