"use client";

import Link from "next/link";
// When even the root layout failed there are no translations to load: one line in each language.
export default function GlobalError() {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", padding: "2rem", background: "#212529", color: "#f8f9fa" }}>
        <h1>Something went wrong · Algo salió mal · Etwas ist schiefgelaufen · Une erreur est survenue · حدث خطأ ما</h1>
        <p>
          <Link href="/" style={{ color: "#6ea8fe" }}>
            ChatBot Factory
          </Link>
        </p>
      </body>
    </html>
  );
}
