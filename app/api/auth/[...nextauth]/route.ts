import { handlers } from "@/lib/auth/auth";

// Auth.js's own endpoints (CSRF token, sign-out, future OAuth callbacks), guarded by Auth.js itself.
export const { GET, POST } = handlers;
