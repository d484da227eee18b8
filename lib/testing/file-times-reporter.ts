import type { Reporter, TestModule } from "vitest/node";

/** After the run: each test file's time (its tests, plus importing it), slowest first. */
export default class FileTimesReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    const rows = testModules
      .map((m) => {
        const d = m.diagnostic();
        return { file: m.relativeModuleId, tests: d.duration, setup: d.collectDuration + d.setupDuration + d.prepareDuration };
      })
      .sort((a, b) => b.tests + b.setup - (a.tests + a.setup));
    const width = Math.max(...rows.map((r) => r.file.length), 4);
    const s = (ms: number) => `${(ms / 1000).toFixed(1).padStart(5)} s`;
    console.log(`\nTime per file, slowest first (its tests, then importing and collecting it):`);
    for (const r of rows) console.log(`  ${r.file.padEnd(width)}  ${s(r.tests)}  +${s(r.setup)}`);
  }
}
