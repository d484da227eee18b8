import { wordingKey } from "@/lib/knowledge/group-questions";

// Time arithmetic for the analytics rollups, free of the database: 15-minute slots (UTC) and the
// viewer's days. Every time zone's offset is a multiple of 15 minutes, so a local day is a whole
// run of slots, and a slot falls into exactly one local day.

export const SLOT_MS = 15 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
export const SLOTS_PER_DAY = DAY_MS / SLOT_MS;

/** The slot an instant falls in: 15-minute steps since 1970-01-01 UTC. */
export const slotOf = (at: Date) => Math.floor(at.getTime() / SLOT_MS);

/** A UTC day as the daily rollups key it. */
export const utcDay = (at: Date) => at.toISOString().slice(0, 10);

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's offset from UTC at an instant, in minutes (east positive). */
export function offsetMinutes(timeZone: string, at: number): number {
  const parts = Object.fromEntries(partsFormatter(timeZone).formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return Math.round((asUtc - Math.floor(at / 1000) * 1000) / 60000);
}

/** The local calendar date ("YYYY-MM-DD") of an instant in the zone. */
export const localDate = (timeZone: string, at: number) => new Date(at + offsetMinutes(timeZone, at) * 60000).toISOString().slice(0, 10);

/** The first instant of a local date (its midnight, or the first minute after a gap at midnight). */
function localMidnight(timeZone: string, date: string): number {
  const nominal = Date.parse(`${date}T00:00:00Z`);
  let at = nominal - offsetMinutes(timeZone, nominal) * 60000;
  // Once more with the offset in force at the first guess: right on either side of a change.
  at = nominal - offsetMinutes(timeZone, at) * 60000;
  return localDate(timeZone, at) === date ? at : at + 60 * 60000;
}

export type Day = { date: string; startSlot: number; endSlot: number };

/** The last `count` local days in the zone, today the last, each as the slots it spans. */
export function lastDays(timeZone: string, count: number, now = Date.now()): Day[] {
  const today = localDate(timeZone, now);
  const dates = Array.from({ length: count + 1 }, (_, i) => new Date(Date.parse(`${today}T00:00:00Z`) - (count - 1 - i) * DAY_MS).toISOString().slice(0, 10));
  const starts = dates.map((d) => Math.floor(localMidnight(timeZone, d) / SLOT_MS));
  return dates.slice(0, count).map((date, i) => ({ date, startSlot: starts[i], endSlot: starts[i + 1] }));
}

/**
 * How SQL turns a slot into its local date: runs of slots with one offset, each a shift to add
 * before dividing into days. A window crossing daylight-saving changes has a run per offset.
 */
export type Shift = { fromSlot: number; shift: number };
export function slotShifts(timeZone: string, startSlot: number, endSlot: number): Shift[] {
  const shiftAt = (slot: number) => offsetMinutes(timeZone, slot * SLOT_MS) / 15;
  const shifts: Shift[] = [{ fromSlot: startSlot, shift: shiftAt(startSlot) }];
  // Offsets change a few times a year at most: look once a day, then find the slot it changed at.
  for (let day = startSlot; day < endSlot; day += SLOTS_PER_DAY) {
    const next = Math.min(day + SLOTS_PER_DAY, endSlot - 1);
    const last = shifts.at(-1)!.shift;
    if (shiftAt(next) === last) continue;
    let lo = day;
    let hi = next; // shiftAt(lo) === last, shiftAt(hi) !== last
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (shiftAt(mid) === last) lo = mid;
      else hi = mid;
    }
    shifts.push({ fromSlot: hi, shift: shiftAt(hi) });
  }
  return shifts;
}

/** The epoch day (days since 1970-01-01) a shifted slot count falls in, as a date. */
export const epochDayDate = (epochDay: number) => new Date(epochDay * DAY_MS).toISOString().slice(0, 10);

/** The UTC days that overlap a run of slots: the daily rollups (latency, top questions) read these. */
export function utcDaysOf(startSlot: number, endSlot: number) {
  return { from: utcDay(new Date(startSlot * SLOT_MS)), to: utcDay(new Date(endSlot * SLOT_MS - 1)) };
}

/** Latency histogram: bucket b holds replies up to 2^(b/4) ms (each about 19 % wider than the last). */
export const latencyBucket = (ms: number) => (ms <= 1 ? 0 : Math.ceil(4 * Math.log2(ms)));
export const bucketUpperMs = (bucket: number) => Math.round(2 ** (bucket / 4));

/** The value under which `share` (0–1) of the counted replies fall, as its bucket's upper bound. */
export function percentile(histogram: { bucket: number; count: number }[], share: number): number | null {
  const sorted = [...histogram].filter((h) => h.count > 0).sort((a, b) => a.bucket - b.bucket);
  const total = sorted.reduce((n, h) => n + h.count, 0);
  if (!total) return null;
  const rank = Math.ceil(share * total);
  let seen = 0;
  for (const h of sorted) {
    seen += h.count;
    if (seen >= rank) return bucketUpperMs(h.bucket);
  }
  return bucketUpperMs(sorted.at(-1)!.bucket);
}

/** A question's wording as the top-questions list compares it (as the unanswered list does), bounded. */
export const questionKey = (text: string) => wordingKey(text).slice(0, 200);
