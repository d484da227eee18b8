import "server-only";
import { Secret, TOTP } from "otpauth";

// TOTP (RFC 6238) through otpauth: SHA-1, 6 digits, 30-second steps — what every authenticator
// app reads from a QR code. A code is accepted for its own step and one step either side (clock
// drift), and never for a step at or before the last one accepted (replay), which the caller stores.

export const TOTP_PERIOD = 30;
export const TOTP_DIGITS = 6;
export const TOTP_ISSUER = "ChatBot Factory";

/** A new random secret, 160 bits (RFC 4226's recommended length), as base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secretBase32: string, label = "") {
  return new TOTP({ issuer: TOTP_ISSUER, label, algorithm: "SHA1", digits: TOTP_DIGITS, period: TOTP_PERIOD, secret: Secret.fromBase32(secretBase32) });
}

/** The otpauth:// URI an authenticator app reads (from the QR code). */
export function totpUri(secretBase32: string, accountName: string): string {
  return totp(secretBase32, accountName).toString();
}

/** The time step a moment falls in. */
export const stepAt = (timestamp: number) => Math.floor(timestamp / 1000 / TOTP_PERIOD);

/**
 * The step `code` is valid for at `timestamp` (its own, or one either side), or null. It is the
 * caller's job to refuse a step at or before the last one it accepted.
 */
export function totpStep(secretBase32: string, code: string, timestamp = Date.now()): number | null {
  const token = code.replace(/\s+/g, "");
  if (!new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(token)) return null;
  const delta = totp(secretBase32).validate({ token, timestamp, window: 1 });
  return delta === null ? null : stepAt(timestamp) + delta;
}

/** The code for a moment (tests, and nothing else in the app). */
export function totpCode(secretBase32: string, timestamp = Date.now()): string {
  return totp(secretBase32).generate({ timestamp });
}
