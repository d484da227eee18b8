import type { ReactNode } from "react";
import { requireUser } from "@/lib/auth/guards";

// Comfort only: every page, action and data function below checks the session again itself.
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  await requireUser();
  return <div className="container">{children}</div>;
}
