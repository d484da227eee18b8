import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "./parse";
import { registerSchema, loginSchema } from "./auth";
import { NEW_CHATBOT, chatbotSchema } from "./chatbot";
import { passwordChangeSchema, profileSchema } from "./profile";

const errorsOf = (schema: { safeParse: (v: unknown) => { success: boolean; error?: unknown } }, input: unknown) => {
  const result = schema.safeParse(input);
  return result.success ? {} : fieldErrorsOf(result.error as never);
};

const validRegistration = {
  username: "Ada.Baker",
  email: " Ada@Example.TEST ",
  password: "correct horse battery staple",
  confirmPassword: "correct horse battery staple",
};

describe("registration", () => {
  it("reports every field's problem at once", () => {
    expect(errorsOf(registerSchema, { username: "a", email: "nope", password: "short", confirmPassword: "other" })).toEqual({
      username: "username_invalid",
      email: "email_invalid",
      password: "password_too_short",
      confirmPassword: "password_mismatch",
    });
  });

  it("asks for what is missing", () => {
    expect(errorsOf(registerSchema, {})).toMatchObject({ username: "required", email: "required", password: "required" });
  });

  it("normalises username and email to lower case, trimmed", () => {
    const parsed = registerSchema.parse(validRegistration);
    expect(parsed).toMatchObject({ username: "ada.baker", email: "ada@example.test", firstName: "", lastName: "" });
  });

  it("counts characters as people do: 12 emoji are a 12-character password", () => {
    const emoji = "🔑".repeat(12);
    expect(registerSchema.safeParse({ ...validRegistration, password: emoji, confirmPassword: emoji }).success).toBe(true);
    const eleven = "🔑".repeat(11);
    expect(errorsOf(registerSchema, { ...validRegistration, password: eleven, confirmPassword: eleven })).toEqual({ password: "password_too_short" });
  });

  it("accepts a 64-character and a 64-emoji password, refuses over 256", () => {
    for (const password of ["p".repeat(64), "🎉".repeat(64)]) {
      expect(registerSchema.safeParse({ ...validRegistration, password, confirmPassword: password }).success).toBe(true);
    }
    const long = "p".repeat(257);
    expect(errorsOf(registerSchema, { ...validRegistration, password: long, confirmPassword: long })).toEqual({ password: "password_too_long" });
  });

  it("refuses the most common long passwords, in any case", () => {
    for (const password of ["qwerty123456", "PasswordPassword", "1q2w3e4r5t6y"]) {
      expect(errorsOf(registerSchema, { ...validRegistration, password, confirmPassword: password }), password).toEqual({ password: "password_common" });
    }
    expect(errorsOf(passwordChangeSchema, { currentPassword: "x", newPassword: "123456789012", confirmNewPassword: "123456789012" })).toEqual({
      newPassword: "password_common",
    });
  });
});

describe("login", () => {
  it("takes the remember box as a form posts it or as a boolean", () => {
    expect(loginSchema.parse({ identifier: "A", password: "x", remember: "on" }).remember).toBe(true);
    expect(loginSchema.parse({ identifier: "A", password: "x", remember: true }).remember).toBe(true);
    expect(loginSchema.parse({ identifier: "A", password: "x" }).remember).toBe(false);
    expect(loginSchema.parse({ identifier: " Ada ", password: "x" }).identifier).toBe("ada");
  });
});

describe("chatbot", () => {
  it("requires a name and caps every field", () => {
    expect(errorsOf(chatbotSchema, { name: "   " })).toEqual({ name: "required" });
    expect(
      errorsOf(chatbotSchema, { name: "n".repeat(101), description: "d".repeat(501), systemPrompt: "s".repeat(8001) }),
    ).toEqual({ name: "too_long", description: "too_long", systemPrompt: "too_long" });
    expect(chatbotSchema.safeParse({ name: "n".repeat(100), description: "d".repeat(500), systemPrompt: "s".repeat(8000) }).success).toBe(true);
  });

  it("reads an absent active box as off and drops fields it does not know", () => {
    const parsed = chatbotSchema.parse({ name: "Bot", ownerId: "someone-else", id: "x" });
    expect(parsed).toEqual({ ...NEW_CHATBOT, name: "Bot", isActive: false });
    expect(NEW_CHATBOT).toMatchObject({ provider: "builtin", temperature: 0.7, maxOutputTokens: 512 });
  });

  it("bounds the model settings and asks for a model when an LLM answers", () => {
    expect(errorsOf(chatbotSchema, { name: "B", provider: "skynet", temperature: "3", maxOutputTokens: "0" })).toEqual({
      provider: "provider_unavailable",
      temperature: "number_out_of_range",
      maxOutputTokens: "number_out_of_range",
    });
    expect(errorsOf(chatbotSchema, { name: "B", temperature: "warm", maxOutputTokens: "1.5" })).toEqual({
      temperature: "number_invalid",
      maxOutputTokens: "number_invalid",
    });
    expect(errorsOf(chatbotSchema, { name: "B", provider: "openai" })).toEqual({ model: "model_required" });
    expect(chatbotSchema.parse({ name: "B", provider: "anthropic", model: "claude", temperature: "0", maxOutputTokens: "4096" })).toMatchObject({
      temperature: 0,
      maxOutputTokens: 4096,
    });
    expect(errorsOf(chatbotSchema, { name: "B", welcomeMessage: "w".repeat(1001), fallbackMessage: "f".repeat(1001) })).toEqual({
      welcomeMessage: "too_long",
      fallbackMessage: "too_long",
    });
  });
});

describe("profile", () => {
  it("takes only the five languages", () => {
    expect(errorsOf(profileSchema, { email: "a@b.co", locale: "xx" })).toEqual({ locale: "locale_invalid" });
    expect(profileSchema.parse({ email: "A@B.CO", locale: "ar" })).toMatchObject({ email: "a@b.co", locale: "ar" });
  });

  it("checks the new password twice", () => {
    expect(errorsOf(passwordChangeSchema, { currentPassword: "", newPassword: "long enough pass", confirmNewPassword: "other" })).toEqual({
      currentPassword: "required",
      confirmNewPassword: "password_mismatch",
    });
  });
});
