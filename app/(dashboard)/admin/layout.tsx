import type { ReactNode } from "react";
import { redirect } from "next/navigation";
import { adminNeedsTwoFactor } from "@/lib/auth/admin";
import { requireUser } from "@/lib/auth/guards";

// With REQUIRE_ADMIN_2FA, an admin without two-factor sign-in is sent to set it up first. Comfort
// only: every admin page and action refuses them itself (requireAdmin).
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  if (await adminNeedsTwoFactor(user)) redirect("/profile/security?required=admin");
  return children;
}
