// The security headers every response carries (docs/security.md cases 31, 32), built in one place so
// the proxy and the tests agree on them.

/**
 * A Content-Security-Policy for pages: scripts and styles only from us or with this request's nonce.
 * `dev` (next dev only) lets Next's tooling work: the overlay injects <style> and inline scripts
 * without a nonce, React Refresh uses eval, HMR talks over a WebSocket. A nonce in a directive
 * makes browsers ignore 'unsafe-inline', so the dev policy leaves the nonce out instead.
 */
export function contentSecurityPolicy(nonce: string, { dev = false, frameAncestors = null as string[] | null } = {}): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts our nonce'd scripts load are trusted; nothing else runs.
    dev ? "script-src 'self' 'unsafe-inline' 'unsafe-eval'" : `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    // React-Bootstrap positions dialogs and toasts with style attributes: attributes only, never <style>.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    dev ? "connect-src 'self' ws: wss:" : "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    // Pages are never framed; the widget's chat (/embed) only by the bot's allowed origins.
    `frame-ancestors ${frameAncestors?.length ? frameAncestors.join(" ") : "'none'"}`,
  ].join("; ");
}

export const STATIC_SECURITY_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
  "X-Frame-Options": "DENY",
};

export const HSTS = "max-age=63072000; includeSubDomains";
