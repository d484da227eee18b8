import { OPENAPI_DOCUMENT } from "@/lib/api/openapi";

/** GET /api/v1/openapi.json: the HTTP API's OpenAPI 3.1 description. Public: it holds nothing of any account. */
export function GET() {
  return Response.json(OPENAPI_DOCUMENT, { headers: { "Cache-Control": "public, max-age=3600" } });
}
