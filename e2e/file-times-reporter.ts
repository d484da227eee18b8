import path from "node:path";
import type { FullResult, Reporter, TestCase, TestResult } from "@playwright/test/reporter";

/** After the run: each spec file's summed test time, slowest first, and the run's wall clock. */
export default class FileTimesReporter implements Reporter {
  private readonly files = new Map<string, { ms: number; tests: number; failed: number }>();
  private started = Date.now();

  onBegin() {
    this.started = Date.now();
  }

  onTestEnd(test: TestCase, result: TestResult) {
    const file = path.relative(process.cwd(), test.location.file);
    const entry = this.files.get(file) ?? { ms: 0, tests: 0, failed: 0 };
    entry.ms += result.duration;
    // A retried test is one test; each failed attempt shows, so a flaky file stays visible.
    if (result.retry === 0) entry.tests += 1;
    if (result.status !== "passed" && result.status !== "skipped") entry.failed += 1;
    this.files.set(file, entry);
  }

  onEnd(result: FullResult) {
    const rows = [...this.files].sort((a, b) => b[1].ms - a[1].ms);
    const width = Math.max(...rows.map(([file]) => file.length), 4);
    const lines = rows.map(([file, e]) => `  ${file.padEnd(width)}  ${(e.ms / 1000).toFixed(1).padStart(6)} s  ${e.tests} test${e.tests === 1 ? "" : "s"}${e.failed ? `, ${e.failed} failed attempt${e.failed === 1 ? "" : "s"}` : ""}`);
    const wall = ((Date.now() - this.started) / 1000).toFixed(1);
    console.log(`\nTime per file (summed over its tests; files run two at a time), ${result.status} in ${wall} s wall clock:\n${lines.join("\n")}`);
  }

  printsToStdio() {
    return false;
  }
}
