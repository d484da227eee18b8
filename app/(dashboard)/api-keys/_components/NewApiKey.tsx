"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import Alert from "react-bootstrap/Alert";
import Button from "react-bootstrap/Button";
import FormControl from "react-bootstrap/FormControl";
import FormLabel from "react-bootstrap/FormLabel";
import InputGroup from "react-bootstrap/InputGroup";

/** A key just created, shown this once, read-only, to copy. */
export default function NewApiKey({ apiKey, onDone }: { apiKey: string; onDone: () => void }) {
  const t = useTranslations("apiKeys");
  const [copied, setCopied] = useState(false);

  async function copy() {
    await navigator.clipboard?.writeText(apiKey).then(() => setCopied(true), () => {});
  }

  return (
    <div data-testid="new-api-key">
      <Alert variant="warning">{t("shown_once")}</Alert>
      <FormLabel htmlFor="new-api-key-value">{t("new_key")}</FormLabel>
      <InputGroup className="mb-3">
        <FormControl id="new-api-key-value" name="apiKey" readOnly value={apiKey} className="font-monospace" dir="ltr" onFocus={(e) => e.currentTarget.select()} />
        <Button variant="outline-secondary" onClick={copy}>
          <i className={`bi ${copied ? "bi-check2" : "bi-clipboard"} me-1`} aria-hidden />
          {copied ? t("copied") : t("copy")}
        </Button>
      </InputGroup>
      <Button onClick={onDone}>{t("done")}</Button>
    </div>
  );
}
