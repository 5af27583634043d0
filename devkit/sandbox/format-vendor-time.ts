const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
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
    const first = exactOffsetAt(day * DAY_MS, timeZone);
    offset = first === exactOffsetAt((day + 1) * DAY_MS - 1000, timeZone) ? first : Number.NaN;
    dayOffsets.set(key, offset);
  }
  return Number.isNaN(offset) ? exactOffsetAt(ms, timeZone) : offset;
}

function exactOffsetAt(ms: number, timeZone: string): number {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const { type, value } of formatter.formatToParts(ms)) part[type] = Number(value);
  const wall = Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!, part.second!);
  return wall - Math.floor(ms / 1000) * 1000;
}
