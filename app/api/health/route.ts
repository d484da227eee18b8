import { NextResponse } from "next/server";
import { db } from "@/lib/db/client";

// Public on purpose (load balancers and the test harness call it): it says only whether the database answers.
export async function GET() {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return NextResponse.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    console.error("health check: database unreachable", error);
    return NextResponse.json({ status: "unavailable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}

export const dynamic = "force-dynamic";
