import { TZDate } from '@date-fns/tz';

// The vendor's one format, `yyyy-MM-dd HH:mm:ss`, with no zone: a pattern reads it exactly.
const VENDOR_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const DAY_MS = 86_400_000;
// Days remembered per zone before the memory starts afresh: years of distinct days, a few hundred KB.
const MAX_DAYS = 4_096;

/** Reads a vendor `yyyy-MM-dd HH:mm:ss` time, which carries no zone, as a time in `timeZone`. */
export function parseVendorTime(value: string | null, timeZone: string): Date | undefined {
  const ms = vendorTimeMs(value, timeZone);
  return ms === undefined ? undefined : new Date(ms);
}

/**
 * parseVendorTime as epoch ms, at a fraction of the zone rules' cost: each day's offset from UTC is looked
 * up once per zone (the rules take ~20 µs a time), and only a day whose offset changes (a DST switch) sends
 * every time on it to the zone rules.
 */
export function vendorTimeMs(value: string | null, timeZone: string): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  const m = VENDOR_TIME.exec(text);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const h = Number(m[4]);
  const mi = Number(m[5]);
  const wall = Date.UTC(y, mo - 1, d, h, mi, Number(m[6]));
  // Out-of-range parts (month 13, 31 February, 25:00, :60) roll over; a real vendor time reads back unchanged.
  const back = new Date(wall);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  if (back.getUTCHours() !== h || back.getUTCMinutes() !== mi) return undefined;
  const offset = steadyOffset(text.slice(0, 10), timeZone);
  return offset === undefined ? vendorTimeByZoneRules(y, mo, d, h, mi, Number(m[6]), timeZone) : wall - offset;
}

/** The reading through the zone's rules for one wall-clock time (what the day memo stands in for). */
export function vendorTimeByZoneRules(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  timeZone: string,
): number | undefined {
  const date = new TZDate(y, mo - 1, d, h, mi, s, timeZone);
  const valid =
    date.getFullYear() === y &&
    date.getMonth() === mo - 1 &&
    date.getDate() === d &&
    date.getHours() === h &&
    date.getMinutes() === mi;
  const ms = date.getTime();
  return valid && !Number.isNaN(ms) ? ms : undefined;
}

const daysByZone = new Map<string, Map<string, number | undefined>>();

// The day's offset from UTC when it is the same at its first and last second, else undefined.
function steadyOffset(day: string, timeZone: string): number | undefined {
  let days = daysByZone.get(timeZone);
  if (!days) {
    days = new Map();
    daysByZone.set(timeZone, days);
  }
  if (days.has(day)) return days.get(day);
  if (days.size >= MAX_DAYS) days.clear();
  const offset = offsetOf(day, timeZone);
  days.set(day, offset);
  return offset;
}

function offsetOf(day: string, timeZone: string): number | undefined {
  const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
  const midnight = Date.UTC(y, mo - 1, d);
  const first = vendorTimeByZoneRules(y, mo, d, 0, 0, 0, timeZone);
  const last = vendorTimeByZoneRules(y, mo, d, 23, 59, 59, timeZone);
  if (first === undefined || last === undefined) return undefined;
  const offset = midnight - first;
  return midnight + DAY_MS - 1000 - last === offset ? offset : undefined;
}
