import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { createChatbot } from "@/lib/db/chatbots";
import { addSource, type TestPiece } from "@/lib/testing/knowledge";
import { botInput, makeUser } from "@/lib/testing/factories";
import { plainWords, stemming, type Analyzer } from "../analyzer";
import { builtinAnswer, findKnowledge } from "../answer";
import { chunkSections } from "../chunk";
import { extractFile } from "../extract";
import { KnowledgeIndex } from "../retrieval";
import { EVAL_QA, EVAL_QUESTIONS } from "./questions";

// The retrieval evaluation: the documents of ./docs and the Q&A of ./questions.ts indexed into
// the real database, each question asked as the pipeline asks it (lib/knowledge/answer.ts). It
// prints hit@1 and hit@3 (the expected source first / among the first three), the built-in
// model's answers from the right source, and its fallback precision (of the questions it fell
// back on, the share that had no answer) and recall (of the questions with no answer, the share
// it fell back on) — with stemming (the product) and with plain normalised words (the baseline).
// It fails below the floors, set from the first honest run.

const DOCS = path.join(import.meta.dirname, "docs");

/** A document as the indexing job cuts it: extracted (lib/knowledge/extract.ts), then chunked by structure (lib/knowledge/chunk.ts). */
async function piecesOf(file: string): Promise<TestPiece[]> {
  const extracted = await extractFile(new Uint8Array(readFileSync(path.join(DOCS, file))), file, { maxBytes: 1_000_000, maxPdfPages: 10 });
  return chunkSections(extracted.sections);
}

type Figures = { hit1: number; hit3: number; answeredRight: number; fallbackPrecision: number; fallbackRecall: number; misses: string[] };

async function evaluate(analyzer: Analyzer): Promise<Figures> {
  const owner = await makeUser();
  const bot = await createChatbot(owner, botInput());
  for (const file of readdirSync(DOCS).sort()) await addSource(bot.id, { name: file, pieces: await piecesOf(file) }, analyzer);
  const knowledge = { botId: bot.id, index: new KnowledgeIndex(EVAL_QA, analyzer), hasPieces: true };

  let hit1 = 0;
  let hit3 = 0;
  let answeredRight = 0;
  let fellBack = 0;
  let fellBackRight = 0;
  const misses: string[] = [];
  const answerable = EVAL_QUESTIONS.filter((q) => q.from);
  for (const { q, from } of EVAL_QUESTIONS) {
    const found = await findKnowledge(knowledge, q, { entries: 3, passages: 3 }, analyzer);
    const ranked = [...new Set(found.map((f) => (f.kind === "qa" ? `qa:${f.entry.question}` : f.piece.source.name)))].slice(0, 3);
    const answer = await builtinAnswer(knowledge, q, analyzer);
    const answeredFrom = answer ? (answer.source.kind === "qa" ? `qa:${answer.source.name}` : answer.source.name) : null;
    if (!answer) {
      fellBack++;
      if (!from) fellBackRight++;
    }
    if (from) {
      if (ranked[0] === from) hit1++;
      if (ranked.includes(from)) hit3++;
      if (answeredFrom === from) answeredRight++;
    }
    if (answeredFrom !== from) misses.push(`${q} → expected ${from ?? "fallback"}, answered ${answeredFrom ?? "fallback"} (ranked: ${ranked.join(", ") || "nothing"})`);
  }
  const unanswerable = EVAL_QUESTIONS.length - answerable.length;
  return {
    hit1: hit1 / answerable.length,
    hit3: hit3 / answerable.length,
    answeredRight: answeredRight / answerable.length,
    fallbackPrecision: fellBack ? fellBackRight / fellBack : 1,
    fallbackRecall: fellBackRight / unanswerable,
    misses,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const line = (name: string, f: Figures) =>
  `${name.padEnd(22)} hit@1 ${pct(f.hit1).padStart(6)}   hit@3 ${pct(f.hit3).padStart(6)}   built-in answered from the right source ${pct(f.answeredRight).padStart(6)}   fallback precision ${pct(f.fallbackPrecision).padStart(6)}   recall ${pct(f.fallbackRecall).padStart(6)}`;

it(`finds the right source for ${EVAL_QUESTIONS.length} questions, and falls back when nothing answers`, async () => {
  expect(EVAL_QUESTIONS.length).toBeGreaterThanOrEqual(40);
  const plain = await evaluate(plainWords);
  const stemmed = await evaluate(stemming);
  console.log(
    [
      `Retrieval evaluation: ${EVAL_QUESTIONS.length} questions (${EVAL_QUESTIONS.filter((q) => q.from).length} answerable), ${readdirSync(DOCS).length} documents, ${EVAL_QA.length} Q&A entries`,
      line("plain words (baseline)", plain),
      line("stemming", stemmed),
      ...stemmed.misses.map((m) => `  miss (stemming): ${m}`),
    ].join("\n"),
  );
  // Floors from the first honest run (stemming: hit@1 97.8%, hit@3 100%, answered from the right
  // source 97.8%, fallback precision 100%, recall 90%; plain words: 95.6%, 97.8%, 84.4%, 60%, 90%),
  // one question's slack below them: the product's figures may not fall further.
  expect(stemmed.hit1).toBeGreaterThanOrEqual(0.95);
  expect(stemmed.hit3).toBeGreaterThanOrEqual(0.97);
  expect(stemmed.answeredRight).toBeGreaterThanOrEqual(0.95);
  expect(stemmed.fallbackPrecision).toBeGreaterThanOrEqual(0.9);
  expect(stemmed.fallbackRecall).toBeGreaterThanOrEqual(0.9);
  // And stemming must keep beating the baseline where it matters to a visitor.
  expect(stemmed.answeredRight).toBeGreaterThan(plain.answeredRight);
});
