import { TZDate } from '@date-fns/tz';
import { parseVendorTime } from '../trunks/vendor-time.js';
import { zoneOffsetMs } from '../trunks/zone-clock.js';

const two = (n: number) => String(n).padStart(2, '0');
const VENDOR_TIME = /^((\d{4})-(\d{2})-(\d{2})) ((\d{2}):(\d{2}):(\d{2}))$/;
const ISO_OFFSET = /^[+-]\d{2}:\d{2}$/;
const HOUR_MS = 3_600_000;

/**
 * An instant as ISO 8601 wall time in `timeZone` with that zone's offset, e.g. `2026-11-28T14:03:00+08:00`:
 * a spreadsheet reader sees the time ITNIO shows, and the offset pins it to one instant.
 */
export function isoInZone(date: Date, timeZone: string): string {
  const local = new TZDate(date.getTime(), timeZone);
  // Like Date's, TZDate's offset is UTC minus local time, in minutes.
  const ahead = -local.getTimezoneOffset();
  const sign = ahead >= 0 ? '+' : '-';
  const offset = `${sign}${two(Math.floor(Math.abs(ahead) / 60))}:${two(Math.abs(ahead) % 60)}`;
  const day = `${local.getFullYear()}-${two(local.getMonth() + 1)}-${two(local.getDate())}`;
  return `${day}T${two(local.getHours())}:${two(local.getMinutes())}:${two(local.getSeconds())}${offset}`;
}

/**
 * A vendor time (`yyyy-MM-dd HH:mm:ss`, wall time in `timeZone`) as ISO 8601 with the offset; text that is not a
 * vendor time, or names a wall time the zone skips, comes back as it was.
 * Reading one zoned time exactly costs tens of microseconds, too slow for the 20,000 times of a large export, so
 * the offset is looked up once per day and zone; only the times of a day on which the zone switches offset
 * (daylight saving) are each read exactly.
 */
export function vendorIsoTime(raw: string, timeZone: string): string {
  const m = VENDOR_TIME.exec(raw.trim());
  if (!m) return raw;
  const [, , y, mo, d, , h, mi, s] = m.map(Number) as number[];
  const wall = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  const back = new Date(wall);
  // Month 13, 31 February or 25:00 are not times, whatever the zone.
  const real =
    back.getUTCMonth() === mo! - 1 &&
    back.getUTCDate() === d &&
    back.getUTCHours() === h &&
    back.getUTCMinutes() === mi;
  if (!real || s! > 59) return raw;
  const offset = dayOffset(m[1]!, wall, timeZone);
  if (offset !== undefined) return `${m[1]}T${m[5]}${offset}`;
  const exact = parseVendorTime(raw, timeZone);
  return exact ? isoInZone(exact, timeZone) : raw;
}

const dayOffsets = new Map<string, string | null>();
// Days actually seen in one inventory number in the thousands; the cap only stops endless growth.
const MAX_REMEMBERED_DAYS = 50_000;

/** The zone's one offset on local day `day` (`wall` is a wall time on it, read as UTC); undefined if it switches. */
function dayOffset(day: string, wall: number, timeZone: string): string | undefined {
  const key = `${timeZone} ${day}`;
  let offset = dayOffsets.get(key);
  if (offset === undefined) {
    const midnight = wall - (wall % (24 * HOUR_MS));
    // Offsets lie within -12 h and +14 h, so the local day lies within these two instants: if the offset is the
    // same at both (and zones never switch twice within two days), it holds for the whole day.
    const first = offsetAt(midnight - 14 * HOUR_MS, timeZone);
    const last = offsetAt(midnight + 36 * HOUR_MS, timeZone);
    offset = first === last && ISO_OFFSET.test(first) ? first : null;
    if (dayOffsets.size >= MAX_REMEMBERED_DAYS) dayOffsets.clear();
    dayOffsets.set(key, offset);
  }
  return offset ?? undefined;
}

/** The zone's UTC offset at an instant, as `+08:00`. */
function offsetAt(instant: number, timeZone: string): string {
  const minutes = Math.round(zoneOffsetMs(instant, timeZone) / 60_000);
  const sign = minutes >= 0 ? '+' : '-';
  return `${sign}${two(Math.floor(Math.abs(minutes) / 60))}:${two(Math.abs(minutes) % 60)}`;
}
