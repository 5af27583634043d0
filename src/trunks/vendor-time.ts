import { TZDate } from '@date-fns/tz';

// The vendor's one format, `yyyy-MM-dd HH:mm:ss`. Read with a pattern rather than date-fns' general
// parser, whose token tables cost ~40 ms of start-up for a format that never varies.
const VENDOR_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const MEMO_LIMIT = 2_000;
// Zone arithmetic is the costliest step of rendering a page, and the same trunks (and times) come
// back page after page, so answers are remembered (bounded, oldest dropped first).
const memo = new Map<string, number | null>();

/** Reads a vendor `yyyy-MM-dd HH:mm:ss` time, which carries no zone, as a time in `timeZone`. */
export function parseVendorTime(value: string | null, timeZone: string): Date | undefined {
  if (value === null) return undefined;
  const key = `${timeZone}|${value}`;
  let epoch = memo.get(key);
  if (epoch === undefined) {
    epoch = toEpoch(value.trim(), timeZone);
    if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value!);
    memo.set(key, epoch);
  }
  return epoch === null ? undefined : new Date(epoch);
}

function toEpoch(value: string, timeZone: string): number | null {
  const m = VENDOR_TIME.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new TZDate(y, mo - 1, d, h, mi, s, timeZone);
  // Out-of-range parts (month 13, 31 February, 25:00) roll over; a real vendor time reads back unchanged.
  const valid = date.getFullYear() === y && date.getMonth() === mo - 1 && date.getDate() === d && date.getHours() === h && date.getMinutes() === mi;
  return valid && !Number.isNaN(date.getTime()) ? date.getTime() : null;
}
