import { TZDate } from '@date-fns/tz';

// The vendor's one format, `yyyy-MM-dd HH:mm:ss`, with no zone: a pattern reads it exactly.
const VENDOR_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** Reads a vendor `yyyy-MM-dd HH:mm:ss` time, which carries no zone, as a time in `timeZone`. */
export function parseVendorTime(value: string | null, timeZone: string): Date | undefined {
  const m = value === null ? null : VENDOR_TIME.exec(value.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new TZDate(y, mo - 1, d, h, mi, s, timeZone);
  // Out-of-range parts (month 13, 31 February, 25:00) roll over; a real vendor time reads back unchanged.
  const valid =
    date.getFullYear() === y &&
    date.getMonth() === mo - 1 &&
    date.getDate() === d &&
    date.getHours() === h &&
    date.getMinutes() === mi;
  return valid && !Number.isNaN(date.getTime()) ? new Date(date.getTime()) : undefined;
}
