"use client";

import { useMemo, useState } from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import Button from "react-bootstrap/Button";
import Container from "react-bootstrap/Container";
import Nav from "react-bootstrap/Nav";
import NavbarBrand from "react-bootstrap/NavbarBrand";
import NavbarCollapse from "react-bootstrap/NavbarCollapse";
import NavbarContext from "react-bootstrap/NavbarContext";
import NavbarToggle from "react-bootstrap/NavbarToggle";
import { logoutAction } from "@/app/(auth)/actions";
import type { Locale } from "@/lib/i18n/locales";
import type { Theme } from "@/lib/theme";
import { LocaleMenu } from "./LocaleMenu";
import { ThemeToggle } from "./ThemeToggle";

type Props = { signedIn: boolean; admin: boolean; locale: Locale; theme: Theme };

// react-bootstrap's navbar parts: brand, toggler, collapse (closed again when a link is followed), navs, the
// language NavDropdown. Its Navbar root is replaced by its context and markup: that component carries
// Navbar.Offcanvas, and with it the whole offcanvas and modal stack (~7 kB gzip), to every page.
export function Navbar({ signedIn, admin, locale, theme }: Props) {
  const t = useTranslations("nav");
  // The widget's iframe is the chat alone, and a bot's public page is its business's: nothing of
  // the platform around them (the public page draws its own language and theme choice).
  const pathname = usePathname() ?? "";
  const embedded = pathname.startsWith("/embed/") || pathname.startsWith("/b/");
  // The phone menu's state, given to react-bootstrap's toggler and collapse as its Navbar would.
  const [expanded, setExpanded] = useState(false);
  const navbar = useMemo(() => ({ onToggle: () => setExpanded((open) => !open), bsPrefix: "navbar", expanded, expand: "lg" as const }), [expanded]);
  const close = () => setExpanded(false);

  if (embedded) return null;
  return (
    <NavbarContext.Provider value={navbar}>
      <nav className="navbar navbar-expand-lg navbar-light border-bottom bg-body-tertiary">
        <Container>
          <NavbarBrand as={Link} href={signedIn ? "/dashboard" : "/"}>
            <i className="bi bi-robot me-2" aria-hidden />
            ChatBot Factory
          </NavbarBrand>
          <NavbarToggle aria-controls="main-nav" aria-label={t("toggle_menu")} />
          <NavbarCollapse id="main-nav">
            <Nav className="me-auto" onSelect={close}>
              {signedIn && (
                <>
                  <Nav.Link as={Link} href="/dashboard">
                    {t("dashboard")}
                  </Nav.Link>
                  <Nav.Link as={Link} href="/chatbots">
                    {t("chatbots")}
                  </Nav.Link>
                  <Nav.Link as={Link} href="/api-keys">
                    {t("api_keys")}
                  </Nav.Link>
                  <Nav.Link as={Link} href="/profile">
                    {t("profile")}
                  </Nav.Link>
                  {admin && (
                    <Nav.Link as={Link} href="/admin">
                      {t("admin")}
                    </Nav.Link>
                  )}
                </>
              )}
            </Nav>
            <Nav className="align-items-lg-center gap-lg-2" onSelect={close}>
              <LocaleMenu locale={locale} />
              <ThemeToggle initial={theme} />
              {signedIn ? (
                <form action={logoutAction}>
                  <Button type="submit" variant="outline-secondary" size="sm" className="my-2 my-lg-0">
                    <i className="bi bi-box-arrow-right me-1" aria-hidden />
                    {t("logout")}
                  </Button>
                </form>
              ) : (
                <>
                  <Nav.Link as={Link} href="/login">
                    {t("login")}
                  </Nav.Link>
                  <Link href="/register" className="btn btn-primary btn-sm my-2 my-lg-0">
                    {t("register")}
                  </Link>
                </>
              )}
            </Nav>
          </NavbarCollapse>
        </Container>
      </nav>
    </NavbarContext.Provider>
  );
}
