import "server-only";
import type { Caller } from "@/lib/db/scopes";
import { clientIp } from "@/lib/security/ip";
import type { Channel } from "@/lib/validation/channels";

/**
 * An anonymous visitor of a public page or widget as a chat caller: the random id their browser
 * keeps (already validated), the channel they came through, and their address when a trusted
 * proxy tells it. No session is read: a visitor is never the owner, even in the owner's browser.
 */
export function visitorCaller(headers: Headers, visitorId: string, channel: Channel): Caller {
  return { kind: "visitor", visitorId, channel, ip: clientIp(headers) };
}
