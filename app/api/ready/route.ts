import { NextResponse } from "next/server";
import { readiness } from "@/lib/ops/readiness";

// Readiness, public on purpose (a load balancer takes an instance out while this answers 503):
// the database answers, and Redis when REDIS_URL is set. Which one failed, never why (the log says).
export async function GET() {
  const { ready, checks } = await readiness();
  return NextResponse.json({ status: ready ? "ok" : "unavailable", checks }, { status: ready ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}

export const dynamic = "force-dynamic";
