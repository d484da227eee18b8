import { NextResponse } from "next/server";

// Liveness, public on purpose (load balancers, orchestrators and the test harness call it): the
// process answers. It touches no database, so a database outage does not get every instance
// restarted; /api/ready says whether this instance can serve.
export function GET() {
  return NextResponse.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}

export const dynamic = "force-dynamic";
