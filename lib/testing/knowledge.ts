import { db } from "@/lib/db/client";
import { stemming, type Analyzer } from "@/lib/knowledge/analyzer";
import { detectLanguage } from "@/lib/knowledge/stem";

// Document knowledge written straight into the database, as the indexing job writes it: each
// piece's terms by the indexing contract — the stems of its heading and text in the text's
// language (lib/knowledge/stem.ts). The analyzer can be changed for the retrieval evaluation's
// baseline (plain words).

export type TestPiece = { text: string; heading?: string | null; pageNumber?: number | null; url?: string | null };
export type TestSource = { name: string; kind?: "file" | "text" | "url" | "site"; url?: string | null; pieces: TestPiece[] };

export const termsOf = (piece: TestPiece, analyzer: Analyzer = stemming) => {
  const lang = detectLanguage(piece.text);
  return { lang, terms: analyzer.document(`${piece.heading ?? ""}\n${piece.text}`, lang).join(" ") };
};

/** A ready source of the bot with its pieces; its id. */
export async function addSource(chatbotId: string, source: TestSource, analyzer: Analyzer = stemming): Promise<string> {
  const row = await db.knowledgeSource.create({
    data: { chatbotId, kind: source.kind ?? "file", name: source.name, url: source.url ?? null, status: "ready", pieceCount: source.pieces.length },
    select: { id: true },
  });
  await db.knowledgePiece.createMany({
    data: source.pieces.map((p, position) => ({
      chatbotId,
      sourceId: row.id,
      position,
      heading: p.heading ?? null,
      pageNumber: p.pageNumber ?? null,
      url: p.url ?? null,
      text: p.text,
      ...termsOf(p, analyzer),
    })),
  });
  return row.id;
}
