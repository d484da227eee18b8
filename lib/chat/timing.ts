/**
 * Time spent in each step of a request, for a `Server-Timing` header (lib/chat/pipeline.ts
 * marks its steps; the route adds the header when SERVER_TIMING is on). Costs two clock reads a step.
 */
export class StepTimer {
  private last = performance.now();
  private readonly steps: [string, number][] = [];

  mark(step: string) {
    const now = performance.now();
    this.steps.push([step, now - this.last]);
    this.last = now;
  }

  header(): string {
    return this.steps.map(([step, ms]) => `${step};dur=${ms.toFixed(2)}`).join(", ");
  }
}
