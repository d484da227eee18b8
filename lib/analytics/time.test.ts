import { describe, expect, it } from "vitest";
import { bucketUpperMs, lastDays, latencyBucket, localDate, percentile, slotOf, slotShifts } from "./time";

describe("the viewer's days as slots", () => {
  it("gives each local day its slots, 25 hours on the day summer time ends and 23 on the day it starts", () => {
    const autumn = lastDays("Europe/Berlin", 3, Date.parse("2026-10-26T12:00:00Z"));
    expect(autumn.map((d) => [d.date, d.endSlot - d.startSlot])).toEqual([
      ["2026-10-24", 96],
      ["2026-10-25", 100],
      ["2026-10-26", 96],
    ]);
    const spring = lastDays("Europe/Berlin", 2, Date.parse("2026-03-29T12:00:00Z"));
    expect(spring.map((d) => d.endSlot - d.startSlot)).toEqual([96, 92]);
    // Days follow each other with no slot between or shared.
    for (let i = 1; i < autumn.length; i++) expect(autumn[i].startSlot).toBe(autumn[i - 1].endSlot);
  });

  it("starts a day at local midnight at half-hour offsets and far from UTC", () => {
    const [india] = lastDays("Asia/Kolkata", 1, Date.parse("2026-12-04T12:00:00Z"));
    expect(india.startSlot).toBe(slotOf(new Date("2026-12-03T18:30:00Z")));
    expect(localDate("Pacific/Kiritimati", Date.parse("2026-12-04T10:00:00Z"))).toBe("2026-12-05");
    expect(localDate("Pacific/Pago_Pago", Date.parse("2026-12-04T10:59:00Z"))).toBe("2026-12-03");
  });

  it("splits a window at each change of offset", () => {
    const days = lastDays("Europe/Berlin", 7, Date.parse("2026-10-27T12:00:00Z"));
    const shifts = slotShifts("Europe/Berlin", days[0].startSlot, days.at(-1)!.endSlot);
    expect(shifts).toEqual([
      { fromSlot: days[0].startSlot, shift: 8 },
      { fromSlot: slotOf(new Date("2026-10-25T01:00:00Z")), shift: 4 },
    ]);
    expect(slotShifts("UTC", 0, 96 * 90)).toEqual([{ fromSlot: 0, shift: 0 }]);
  });
});

describe("latency percentiles from the histogram", () => {
  it("reads the median and the 95th percentile within a bucket's width", () => {
    const histogram = new Map<number, number>();
    for (let ms = 100; ms < 1100; ms += 10) histogram.set(latencyBucket(ms), (histogram.get(latencyBucket(ms)) ?? 0) + 1);
    const rows = [...histogram].map(([bucket, count]) => ({ bucket, count }));
    const median = percentile(rows, 0.5)!;
    const p95 = percentile(rows, 0.95)!;
    expect(median).toBeGreaterThanOrEqual(590);
    expect(median).toBeLessThanOrEqual(590 * 1.19 + 1);
    expect(p95).toBeGreaterThanOrEqual(1040);
    expect(p95).toBeLessThanOrEqual(1040 * 1.19 + 1);
    expect(percentile([], 0.5)).toBeNull();
    expect(bucketUpperMs(latencyBucket(1000))).toBeGreaterThanOrEqual(1000);
  });
});
