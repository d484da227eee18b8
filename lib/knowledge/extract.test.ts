import { afterAll, describe, expect, it } from "vitest";
import { ExtractError, extractFile, extractHtml, type ExtractErrorCode, type ExtractLimits } from "./extract";
import { docxParts, encryptedPdf, imageOnlyPdf, textPdf, wp, wtable, zipFile } from "./fixtures/make-files";

const limits: ExtractLimits = { maxBytes: 10 * 1024 * 1024, maxPdfPages: 50 };
const timings: string[] = [];

async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    timings.push(`${name}: ${(performance.now() - start).toFixed(1)} ms`);
  }
}

async function refusal(bytes: Uint8Array, name: string, limit = limits): Promise<ExtractErrorCode> {
  try {
    await extractFile(bytes, name, limit);
  } catch (error) {
    if (error instanceof ExtractError) return error.code;
    throw error;
  }
  throw new Error(`${name} was extracted, expected a refusal`);
}

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, "utf8"));

afterAll(() => {
  console.log(`extraction times:\n  ${timings.join("\n  ")}`);
});

describe("PDF", () => {
  it("reads a text PDF with its title and page label", async () => {
    const pdf = textPdf([["Menu", "Gluten free bread every Saturday."]], { title: "Our menu" });
    const out = await timed("text PDF", () => extractFile(pdf, "menu.pdf", limits));
    expect(out.kind).toBe("pdf");
    expect(out.title).toBe("Our menu");
    expect(out.pages).toBe(1);
    expect(out.sections).toEqual([{ label: "p. 1", text: "Menu\nGluten free bread every Saturday." }]);
  });

  it("labels each page and joins words hyphenated at a line end", async () => {
    const pdf = textPdf([
      ["Our sour-", "dough bread is baked daily."],
      ["Opening hours:", "Saturdays   8 to 14"],
    ]);
    const out = await timed("two-page PDF", () => extractFile(pdf, "two.pdf", limits));
    expect(out.pages).toBe(2);
    expect(out.title).toBeNull();
    expect(out.sections.map((s) => s.label)).toEqual(["p. 1", "p. 2"]);
    expect(out.sections[0].text).toBe("Our sourdough bread is baked daily.");
    expect(out.sections[1].text).toBe("Opening hours:\nSaturdays 8 to 14");
  });

  it("refuses an image-only PDF as having no text", async () => {
    expect(await timed("image-only PDF", () => refusal(imageOnlyPdf(), "scan.pdf"))).toBe("file_no_text");
  });

  it("refuses a password-protected PDF", async () => {
    expect(await timed("encrypted PDF", () => refusal(encryptedPdf(), "secret.pdf"))).toBe("file_encrypted");
  });

  it("refuses a PDF over the page cap, and any file over the size cap", async () => {
    const three = textPdf([["one"], ["two"], ["three"]]);
    expect(await refusal(three, "long.pdf", { ...limits, maxPdfPages: 2 })).toBe("file_too_many_pages");
    expect(await refusal(three, "long.pdf", { ...limits, maxBytes: three.length - 1 })).toBe("file_too_large");
    await expect(extractFile(three, "long.pdf", { ...limits, maxPdfPages: 3, maxBytes: three.length })).resolves.toMatchObject({ pages: 3 });
  });

  it("stops a PDF that takes too long on its own thread, and the server goes on", async () => {
    const pdf = textPdf([["Menu", "Gluten free bread every Saturday."]], { title: "Our menu" });
    // A timer on this thread still fires while the PDF is read: the reading is elsewhere.
    let ticks = 0;
    const tick = setInterval(() => ticks++, 1);
    expect(await refusal(pdf, "slow.pdf", { ...limits, pdfTimeoutMs: 1 })).toBe("file_timeout");
    clearInterval(tick);
    expect(ticks).toBeGreaterThan(0);
    // The next file is read as usual.
    await expect(extractFile(pdf, "menu.pdf", limits)).resolves.toMatchObject({ kind: "pdf", pages: 1 });
  });

  it("refuses a broken PDF as corrupt", async () => {
    expect(await refusal(utf8("%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage"), "broken.pdf")).toBe("file_corrupt");
  });
});

describe("DOCX", () => {
  const body =
    wp("Returns policy", "Heading1") +
    wp("Unused items can be returned.") +
    wp("Time limits", "Heading2") +
    wtable([
      ["Item", "Days"],
      ["Bread", "1"],
      ["Cakes", "2"],
    ]) +
    wp("Refunds", "Heading2") +
    wp("Refunds go back to the card you paid with.");

  it("keeps headings as labels and table rows as cell | cell lines", async () => {
    const docx = zipFile(docxParts(body, "Returns &amp; refunds"));
    const out = await timed("DOCX", () => extractFile(docx, "returns.docx", limits));
    expect(out.kind).toBe("docx");
    expect(out.title).toBe("Returns & refunds");
    expect(out.sections).toEqual([
      { label: "Returns policy", text: "Unused items can be returned." },
      { label: "Time limits", text: "Item | Days\nBread | 1\nCakes | 2" },
      { label: "Refunds", text: "Refunds go back to the card you paid with." },
    ]);
  });

  it("accepts a well-compressed image inside (images are never inflated)", async () => {
    const bmp = { name: "word/media/image1.bmp", data: new Uint8Array(3 * 1024 * 1024) };
    const out = await timed("DOCX with a 3 MiB BMP", () => extractFile(zipFile([...docxParts(body), bmp]), "pictures.docx", limits));
    expect(out.sections).toHaveLength(3);
  });

  it("is recognised by its content whatever its name says", async () => {
    const out = await extractFile(zipFile(docxParts(body)), "notes.txt", limits);
    expect(out.kind).toBe("docx");
    expect(out.title).toBe("Returns policy");
  });

  it("refuses a zip that is no DOCX, and a broken one", async () => {
    expect(await refusal(zipFile([{ name: "a.txt", data: "hello" }]), "archive.docx")).toBe("file_type_unsupported");
    const docx = zipFile(docxParts(body));
    expect(await refusal(docx.slice(0, docx.length - 30), "cut.docx")).toBe("file_corrupt");
  });

  it("refuses a password-protected DOCX (an OLE container holding EncryptedPackage)", async () => {
    const cfb = Buffer.concat([Buffer.from("d0cf11e0a1b11ae1", "hex"), Buffer.alloc(500), Buffer.from("EncryptedPackage", "utf16le"), Buffer.alloc(100)]);
    expect(await refusal(new Uint8Array(cfb), "locked.docx")).toBe("file_encrypted");
    const doc = Buffer.concat([Buffer.from("d0cf11e0a1b11ae1", "hex"), Buffer.alloc(600)]);
    expect(await refusal(new Uint8Array(doc), "old.doc")).toBe("file_type_unsupported");
  });
});

describe("zip bombs named .docx", () => {
  const fast = async (name: string, bytes: Uint8Array) => {
    const start = performance.now();
    const code = await refusal(bytes, name);
    const ms = performance.now() - start;
    timings.push(`zip bomb refusal (${name}, ${(bytes.length / 1024).toFixed(0)} KiB): ${ms.toFixed(1)} ms`);
    expect(ms).toBeLessThan(500);
    return code;
  };

  it("refuses a part that inflates 1000× (64 MiB from ~64 KiB)", async () => {
    const huge = `<w:p><w:r><w:t>${" ".repeat(64 * 1024 * 1024)}</w:t></w:r></w:p>`;
    const parts = docxParts(huge);
    expect(await fast("ratio.docx", zipFile(parts))).toBe("file_archive_bomb");
  });

  it("refuses a part that lies about its size, without inflating past the lie", async () => {
    const big = wp("x".repeat(20 * 1024 * 1024));
    const bytes = zipFile(docxParts(big), (name, size) => (name === "word/document.xml" ? 4096 : size));
    expect(await fast("lying.docx", bytes)).toBe("file_archive_bomb");
  });

  it("refuses declared sizes over the total, and too many entries", async () => {
    const declared = zipFile(docxParts(wp("small")), (name, size) => (name === "word/document.xml" ? 3_000_000_000 : size));
    expect(await fast("declared.docx", declared)).toBe("file_archive_bomb");
    const many = zipFile([...docxParts(wp("x")), ...Array.from({ length: 2000 }, (_, i) => ({ name: `word/media/p${i}.xml`, data: "<a/>" }))]);
    expect(await fast("many.docx", many)).toBe("file_archive_bomb");
  });

  it("refuses an XML bomb (a DTD with entities) inside a DOCX", async () => {
    const parts = docxParts(wp("&lol9;"));
    parts[parts.length - 1].data = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol9 "&lol;&lol;">]>` + String(parts[parts.length - 1].data).replace(/^<\?xml[^>]*>/, "");
    expect(await fast("entities.docx", zipFile(parts))).toBe("file_archive_bomb");
  });
});

describe("text kinds", () => {
  it("reads a CSV as header: value lines, one section per row", async () => {
    const out = await timed("CSV", () => extractFile(utf8('name,price,notes\nBread,2.50,"baked daily, at 6"\nCake,4.00,\n'), "prices.csv", limits));
    expect(out.kind).toBe("csv");
    expect(out.sections).toEqual([
      { label: null, text: "name: Bread\nprice: 2.50\nnotes: baked daily, at 6" },
      { label: null, text: "name: Cake\nprice: 4.00" },
    ]);
  });

  it("reads a semicolon CSV with decimal commas, and one saved as Windows-1252", async () => {
    const out = await timed("semicolon CSV", () => extractFile(utf8("Produkt;Preis\nBrötchen;0,50\nBrot;3,20\n"), "preise.csv", limits));
    expect(out.sections.map((s) => s.text)).toEqual(["Produkt: Brötchen\nPreis: 0,50", "Produkt: Brot\nPreis: 3,20"]);
    const latin1 = new Uint8Array(Buffer.from("plat;prix\ncaf\u00e9 cr\u00e8me;2,10\n", "latin1"));
    const french = await extractFile(latin1, "prix.csv", limits);
    expect(french.sections[0].text).toBe("plat: café crème\nprix: 2,10");
  });

  it("splits Markdown at its headings", async () => {
    const md = "# Bakery guide\n\nWelcome to **our** [bakery](https://example.com).\n\n## Opening hours\n\n- Monday to Friday: 7–18\n- Saturdays: 8–14\n\n```\n# not a heading\n```\n\nAllergens\n---------\n\n| Item | Gluten |\n|---|---|\n| Bread | yes |\n";
    const out = await timed("Markdown", () => extractFile(utf8(md), "guide.md", limits));
    expect(out.kind).toBe("markdown");
    expect(out.title).toBe("Bakery guide");
    expect(out.sections).toEqual([
      { label: "Bakery guide", text: "Welcome to our bakery." },
      { label: "Opening hours", text: "- Monday to Friday: 7–18\n- Saturdays: 8–14\n\n# not a heading" },
      { label: "Allergens", text: "Item | Gluten\nBread | yes" },
    ]);
  });

  it("splits plain text into paragraphs, whitespace collapsed", async () => {
    const out = await timed("TXT", () => extractFile(utf8("\ufeffFirst   paragraph\r\nstill first.\r\n\r\n\r\nSecond\tone.\n"), "notes.txt", limits));
    expect(out).toEqual({
      kind: "txt",
      title: null,
      sections: [
        { label: null, text: "First paragraph\nstill first." },
        { label: null, text: "Second one." },
      ],
    });
  });

  it("reads an HTML file's main content with headings as labels", async () => {
    const html = `<!doctype html><html><head><title>Bakery FAQ</title><script>alert(1)</script></head><body>
      <nav><a href="/">Home</a> <a href="/menu">Menu</a></nav>
      <main><h1>Questions</h1><p>Ask us anything.</p>
      <h2>Do you bake gluten free bread?</h2><p>Yes, every Saturday, in a separate oven.</p>
      <h2>Can I order a cake?</h2><p>Call us two days ahead.</p></main>
      <footer>© Bakery</footer></body></html>`;
    const out = await timed("HTML", () => extractFile(utf8(html), "faq.htm", limits));
    expect(out.kind).toBe("html");
    expect(out.title).toBe("Bakery FAQ");
    const joined = out.sections.map((s) => `${s.label}: ${s.text}`).join("\n");
    expect(joined).toContain("Do you bake gluten free bread?: Yes, every Saturday, in a separate oven.");
    expect(joined).toContain("Can I order a cake?: Call us two days ahead.");
    expect(joined).not.toContain("alert");
  });

  it("reads an HTML file without <html> or <body>", async () => {
    const out = await extractFile(utf8("<!doctype html><title>Hours</title><h1>Opening hours</h1><p>Saturdays 8 to 14.</p>"), "hours.html", limits);
    expect(out).toMatchObject({ kind: "html", title: "Hours", sections: [{ label: "Opening hours", text: "Saturdays 8 to 14." }] });
    const fragment = await extractFile(utf8("<h2>Allergens</h2><ul><li>Gluten</li><li>Nuts</li></ul>"), "allergens.html", limits);
    expect(fragment.sections).toEqual([{ label: "Allergens", text: "Gluten\n\nNuts" }]);
  });

  it("refuses an empty or blank file as having no text", async () => {
    expect(await refusal(utf8(" \n\n \t"), "empty.txt")).toBe("file_no_text");
    expect(await refusal(utf8("name;price\n"), "header-only.csv")).toBe("file_no_text");
  });
});

describe("lying extensions and binary files", () => {
  const png = new Uint8Array(Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6300010000050001", "hex"));

  it("refuses PNG bytes named .pdf", async () => {
    expect(await timed("PNG named .pdf", () => refusal(png, "menu.pdf"))).toBe("file_type_unsupported");
  });

  it("extracts PDF bytes named .txt as a PDF", async () => {
    const out = await timed("PDF named .txt", () => extractFile(textPdf([["Sourdough"]]), "menu.txt", limits));
    expect(out.kind).toBe("pdf");
    expect(out.sections[0].text).toBe("Sourdough");
  });

  it("refuses binary garbage named .txt or .csv", async () => {
    const garbage = new Uint8Array(4096);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919 + 13) % 251;
    expect(await refusal(garbage, "notes.txt")).toBe("file_type_unsupported");
    expect(await refusal(garbage.filter((b) => b !== 0), "table.csv")).toBe("file_type_unsupported");
  });
});

describe("extractHtml", () => {
  const para = (topic: string, n: number) =>
    Array.from({ length: n }, (_, i) => `<p>${topic} ${i}: our sourdough rises for thirty-six hours before baking, which gives it a deep flavour and a crisp crust.</p>`).join("");
  const article = `<!doctype html><html><head><title>Sourdough | Bakery</title></head><body>
    <header><a href="/">Logo</a><nav><ul><li><a href="/menu">Menu</a></li><li><a href="hours?x=1#today">Hours</a></li></ul></nav></header>
    <div class="sidebar"><h3>Newsletter</h3><p>Sign up for our newsletter!</p><a href="https://social.example/bakery">Social</a></div>
    <article><h1>Sourdough</h1>${para("Intro", 3)}<h2>Prices</h2><table><tr><th>Item</th><th>Price</th></tr><tr><td>Loaf</td><td>4.50</td></tr></table>
    <h2>Storage</h2>${para("Storage", 2)}</article>
    <footer><p>© 2026 Bakery</p><a href="mailto:a@example.com">Mail</a><a href="javascript:alert(1)">x</a><a href="/menu#top">Menu again</a></footer></body></html>`;

  it("keeps the main content under its headings, without navigation, sidebar or footer", async () => {
    const out = await timed("HTML article (extractHtml)", () => extractHtml(article, "https://bakery.example/bread/sourdough"));
    expect(out.title).toBe("Sourdough | Bakery");
    expect(out.sections.map((s) => s.label)).toEqual(["Sourdough", "Prices", "Storage"]);
    expect(out.sections[0].text).toMatch(/^Intro 0: our sourdough/);
    expect(out.sections[1].text).toBe("Item | Price\nLoaf | 4.50");
    const all = out.sections.map((s) => s.text).join("\n");
    expect(all).not.toMatch(/newsletter|© 2026|Logo/i);
  });

  it("lists every link of the page as an absolute http(s) URL without its fragment, once", async () => {
    const out = await extractHtml(article, "https://bakery.example/bread/sourdough");
    expect(out.links).toEqual(["https://bakery.example/", "https://bakery.example/menu", "https://bakery.example/bread/hours?x=1", "https://social.example/bakery"]);
    expect((await extractHtml(article, null)).links).toEqual(["https://social.example/bakery"]);
  });
});
