import { tz } from '@date-fns/tz';
import { isValid, parse } from 'date-fns';

const VENDOR_FORMAT = 'yyyy-MM-dd HH:mm:ss';

/** Reads a vendor `yyyy-MM-dd HH:mm:ss` time, which carries no zone, as a time in `timeZone`. */
export function parseVendorTime(value: string | null, timeZone: string): Date | undefined {
  if (value === null) return undefined;
  const date = parse(value.trim(), VENDOR_FORMAT, new Date(0), { in: tz(timeZone) });
  return isValid(date) ? new Date(date.getTime()) : undefined;
}
