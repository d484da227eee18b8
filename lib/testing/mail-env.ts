import { vi } from "vitest";

/**
 * Configuration the mail tests change while they run (env() is read once per process otherwise):
 * `vi.mock("@/lib/env", () => import("@/lib/testing/mail-env"))`, then `mailEnv.SMTP_URL = …`.
 */
export const mailEnv: { SMTP_URL?: string; MAIL_FROM?: string } = {};

const actual = await vi.importActual<typeof import("@/lib/env")>("@/lib/env");
export const isPostgres = actual.isPostgres;
export const env = () => ({ ...actual.env(), ...mailEnv });
