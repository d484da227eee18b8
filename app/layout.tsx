import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { cookies, headers } from "next/headers";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import "bootstrap-icons/font/bootstrap-icons.css";
import "./globals.css";
import { Navbar } from "@/components/Navbar";
import { TimeZoneCookie } from "@/components/TimeZoneCookie";
import { ToastProvider } from "@/components/ui/Toasts";
import { getSessionUser } from "@/lib/auth/session";
import { isAdmin } from "@/lib/auth/admin";
import { isRtl, type Locale } from "@/lib/i18n/locales";
import { FIRST_VISIT_THEME_SCRIPT, THEME_COOKIE, themeFrom } from "@/lib/theme";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meta");
  return { title: { default: "ChatBot Factory", template: "%s · ChatBot Factory" }, description: t("description") };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = (await getLocale()) as Locale;
  const savedTheme = (await cookies()).get(THEME_COOKIE)?.value;
  const theme = themeFrom(savedTheme);
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  const user = await getSessionUser();
  const admin = await isAdmin(user);
  const t = await getTranslations("nav");
  const rtl = isRtl(locale);

  return (
    // suppressHydrationWarning: on a first visit the script below may switch data-bs-theme before React hydrates.
    <html lang={locale} dir={rtl ? "rtl" : "ltr"} data-bs-theme={theme} suppressHydrationWarning>
      <head>
        {savedTheme ? null : <script nonce={nonce} dangerouslySetInnerHTML={{ __html: FIRST_VISIT_THEME_SCRIPT }} />}
        <link rel="stylesheet" href={rtl ? "/vendor/bootstrap.rtl.min.css" : "/vendor/bootstrap.min.css"} />
      </head>
      <body className="d-flex flex-column min-vh-100">
        <NextIntlClientProvider>
          <ToastProvider>
            <a href="#main" className="visually-hidden-focusable btn btn-primary position-absolute m-2" style={{ zIndex: 2000 }}>
              {t("skip")}
            </a>
            <TimeZoneCookie />
            <Navbar signedIn={!!user} admin={admin} locale={locale} theme={theme} />
            <main id="main" className="flex-grow-1 py-4">
              {children}
            </main>
          </ToastProvider>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
