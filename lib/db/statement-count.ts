// Benchmarks only (BENCH_COUNT_STATEMENTS=true): every SQL statement and transaction the app's
// Prisma client runs in this process, read through GET /api/bench/bare?statements.

type Counts = { statements: number; transactions: number };
const globalCounts = globalThis as unknown as { chatbotFactoryStatements?: Counts; chatbotFactoryAtFirstToken?: Counts };

/** The counts now, and as they were when the latest chat reply's first token was ready. */
export function statementCounts(): Counts & { atFirstToken: Counts | null } {
  return { ...(globalCounts.chatbotFactoryStatements ?? { statements: 0, transactions: 0 }), atFirstToken: globalCounts.chatbotFactoryAtFirstToken ?? null };
}

/** Called by the chat pipeline at a reply's first token; a no-op unless statements are counted. */
export function noteFirstToken() {
  if (globalCounts.chatbotFactoryStatements) globalCounts.chatbotFactoryAtFirstToken = { ...globalCounts.chatbotFactoryStatements };
}

/**
 * Counts one query Prisma logged: a transaction by its end (Prisma logs an implied COMMIT or
 * ROLLBACK as an SQL comment), every other line as a statement.
 */
export function countStatement(query: string) {
  const counts = (globalCounts.chatbotFactoryStatements ??= { statements: 0, transactions: 0 });
  if (/^\s*(--.*)?\b(COMMIT|ROLLBACK)\b/i.test(query)) counts.transactions++;
  else if (!/^\s*BEGIN\b/i.test(query)) counts.statements++;
}
