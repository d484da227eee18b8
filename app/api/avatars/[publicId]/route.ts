import { findPublicAvatarImage } from "@/lib/db/chatbots";
import { avatarResponse } from "@/lib/http/avatar";
import { problem } from "@/lib/http/problem";

export const dynamic = "force-dynamic";

/**
 * A bot's picture for its public page and widget, by its public id and with no session: an
 * avatar is no secret, but only a bot a public channel shows has one here (else 404).
 */
export async function GET(request: Request, { params }: { params: Promise<{ publicId: string }> }) {
  const image = await findPublicAvatarImage((await params).publicId);
  return image ? avatarResponse(request, image, { shared: true }) : problem("not_found");
}
