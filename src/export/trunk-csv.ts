import { type Trunk, typeLabel } from '../trunks/trunk.js';
import { vendorIsoTime } from './iso-time.js';

/**
 * The columns of an export: every field of the trunk record, then its agent groups. One row per trunk,
 * so a spreadsheet's row count, filters and COUNTIFs count trunks; the groups share one cell. Never the
 * SIP password: the domain Trunk does not hold it, and its keyed fingerprint is left out too.
 */
export const CSV_HEADER = [
  'ID',
  'Name',
  'Direction',
  'Enabled',
  'Gateway up',
  'Gateway IP',
  'Whitelist IP',
  'Call-center IP',
  'Prefix',
  'SIP account',
  'Created',
  'Updated',
  'Agent groups',
  'Agent group IDs',
] as const;

// OWASP's CSV injection guidance: a cell a spreadsheet could read as a formula (= + - @), also after leading
// spaces, or one starting with a tab or carriage return, is prefixed with a single quote.
const FORMULA_START = /^(?:[\t\r]|\s*[=+\-@])/;
const NEEDS_QUOTES = /[",\r\n]/;
// Control characters other than tab and line breaks only garble a spreadsheet cell.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/**
 * One field, safe for a spreadsheet and quoted as RFC 4180 says: formula-like text neutralised, then
 * fields holding a comma, quote, CR or LF enclosed in quotes with inner quotes doubled.
 */
export function csvCell(value: string): string {
  const text = value.replace(CONTROL, '');
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One record: its fields, comma-separated, ending in CRLF (RFC 4180). */
function csvLine(values: readonly string[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/** The header line, then one line per trunk, made as they are read: nothing holds the whole file. */
export function* trunkCsvLines(trunks: Iterable<Trunk>, timeZone: string): Generator<string> {
  yield csvLine(CSV_HEADER);
  for (const trunk of trunks) yield csvLine(trunkRow(trunk, timeZone));
}

/** A trunk's fields in CSV_HEADER order, as text. */
function trunkRow(trunk: Trunk, timeZone: string): string[] {
  return [
    trunk.keyId === null ? '' : String(trunk.keyId),
    trunk.name ?? '',
    trunk.type === null ? '' : typeLabel(trunk.type),
    yesNo(trunk.enabled),
    yesNo(trunk.gatewayUp),
    trunk.gatewayIp ?? '',
    trunk.whiteIp ?? '',
    trunk.ccIp ?? '',
    trunk.prefix ?? '',
    trunk.sipAccount ?? '',
    trunk.createTime === null ? '' : vendorIsoTime(trunk.createTime, timeZone),
    trunk.updateTime === null ? '' : vendorIsoTime(trunk.updateTime, timeZone),
    trunk.groups
      .map((g) => `${g.groupName ?? `group ${g.groupId ?? '?'}`}${g.number ? ` (${g.number})` : ''}`)
      .join('; '),
    trunk.groups.map((g) => (g.groupId === null ? '' : String(g.groupId))).join('; '),
  ];
}

function yesNo(value: boolean | null): string {
  return value === null ? '' : value ? 'yes' : 'no';
}
