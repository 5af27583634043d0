import { TZDate } from '@date-fns/tz';
import { vendorTimeMs } from '../trunks/vendor-time.js';

const two = (n: number) => String(n).padStart(2, '0');

/** A UTC offset in minutes (positive east of Greenwich) as ISO 8601's `+08:00`. */
function formatOffset(minutes: number): string {
  const sign = minutes >= 0 ? '+' : '-';
  return `${sign}${two(Math.floor(Math.abs(minutes) / 60))}:${two(Math.abs(minutes) % 60)}`;
}

/**
 * An instant as ISO 8601 wall time in `timeZone` with that zone's offset, e.g. `2026-11-28T14:03:00+08:00`:
 * a spreadsheet reader sees the time ITNIO shows, and the offset pins it to one instant.
 */
export function isoInZone(date: Date, timeZone: string): string {
  const local = new TZDate(date.getTime(), timeZone);
  // Like Date's, TZDate's offset is UTC minus local time, in minutes.
  const offset = formatOffset(-local.getTimezoneOffset());
  const day = `${local.getFullYear()}-${two(local.getMonth() + 1)}-${two(local.getDate())}`;
  return `${day}T${two(local.getHours())}:${two(local.getMinutes())}:${two(local.getSeconds())}${offset}`;
}

/**
 * A vendor time (`yyyy-MM-dd HH:mm:ss`, wall time in `timeZone`) as ISO 8601 with the offset; text that is not a
 * vendor time, or names a wall time the zone skips, comes back as it was. Read as every vendor time is
 * (vendorTimeMs: the zone's offset looked up once per day), which a large export's 20,000 times need.
 */
export function vendorIsoTime(raw: string, timeZone: string): string {
  const text = raw.trim();
  const instant = vendorTimeMs(text, timeZone);
  if (instant === undefined) return raw;
  // The wall time read as if it were UTC, less the instant it names, is the zone's offset then.
  const wall = Date.parse(`${text.replace(' ', 'T')}Z`);
  return `${text.replace(' ', 'T')}${formatOffset(Math.round((wall - instant) / 60_000))}`;
}
