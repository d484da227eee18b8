import { getSessionUser } from "@/lib/auth/session";
import { findChatbotAvatarImage } from "@/lib/db/chatbots";
import { avatarResponse } from "@/lib/http/avatar";
import { problem } from "@/lib/http/problem";
import { refuseForeignRequest } from "@/lib/http/same-origin";

export const dynamic = "force-dynamic";

/** The picture of one of the signed-in user's bots; someone else's bot, or none, is 404. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const foreign = refuseForeignRequest(request);
  if (foreign) return foreign;
  const user = await getSessionUser();
  if (!user) return problem("unauthenticated");
  const image = await findChatbotAvatarImage(user, (await params).id);
  return image ? avatarResponse(request, image, { shared: false }) : problem("not_found");
}
