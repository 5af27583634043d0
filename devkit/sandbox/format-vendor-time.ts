import { zoneOffsetMs } from '../../src/trunks/zone-clock.js';

const DAY_MS = 86_400_000;
const dayOffsets = new Map<string, number>();

/** Writes an instant as the vendor does: `yyyy-MM-dd HH:mm:ss` wall-clock time in `timeZone`, no zone given. */
export function formatVendorTime(ms: number, timeZone = 'UTC'): string {
  const local = new Date(ms + offsetAt(ms, timeZone));
  const p = (n: number): string => String(n).padStart(2, '0');
  return (
    `${local.getUTCFullYear()}-${p(local.getUTCMonth() + 1)}-${p(local.getUTCDate())} ` +
    `${p(local.getUTCHours())}:${p(local.getUTCMinutes())}:${p(local.getUTCSeconds())}`
  );
}

// Asking Intl for every time is what makes a 10 000-trunk seed slow; a zone's offset only changes a
// couple of times a year, so one answer per UTC day serves every time in it unless the day has a change.
function offsetAt(ms: number, timeZone: string): number {
  const day = Math.floor(ms / DAY_MS);
  const key = `${timeZone} ${day}`;
  let offset = dayOffsets.get(key);
  if (offset === undefined) {
    const first = zoneOffsetMs(day * DAY_MS, timeZone);
    offset = first === zoneOffsetMs((day + 1) * DAY_MS - 1000, timeZone) ? first : Number.NaN;
    dayOffsets.set(key, offset);
  }
  return Number.isNaN(offset) ? zoneOffsetMs(ms, timeZone) : offset;
}
