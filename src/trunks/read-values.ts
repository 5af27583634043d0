import { type Key, STATUS_WORDS, TYPE_WORDS, typoOf } from './query-words.js';
import { canonicalIpOrRange } from './ip-address.js';
import { oneLine } from './slack-text.js';
import { stripTrailing } from './tokenize-query.js';
import type { TrunkType } from './trunk.js';
import { MAX_NAME_LENGTH, MAX_PAGE, type TrunkStatus } from './trunk-request.js';

/** A value read from what the user typed, or a problem that names the fix. */
export type Read<T> = { value: T } | { problem: string };

const MIN_PHONE_DIGITS = 7;
// E.164 allows 15 digits; a national spelling may add its trunk `0` (`+44 (0)20 …`).
const MAX_PHONE_DIGITS = 16;
const MAX_PHONE_TEXT = 40;
// A year and a day, so "since this time last year" fits; older questions take a `since:` date.
const MAX_CHANGED_DAYS = 366;

/** A word that opens a phone number typed bare: `+` or a leading `0`, then digits, dashes or parentheses. */
export const PHONE_START = /^\(?[+0][\d()-]*$/;
/** A further word of a phone number typed with spaces (`20`, `7946`, `(0)20`, `0122`). */
export const PHONE_MORE = /^[()-]*\d[\d()-]*$/;
const PHONE_TEXT = /^\(?\+?[\d\s()-]*\d[\d\s()-]*$/;

/** How each key is used, for problems that say what to type instead. */
export const KEY_EXAMPLE: Record<Key, string> = {
  name: '`name:acme` or `name:"acme corp"`',
  type: '`type:outgoing` or `type:incoming`',
  status: '`status:down`',
  ip: '`ip:203.0.113.25` or `ip:203.0.113.0/24`',
  number: '`number:+442079460122` or `number:"+44 20 7946 0122"`',
  id: '`id:5000004`',
  account: '`account:acme_5000001`',
  group: '`group:billing` or `group:"support tier 1"`',
  prefix: '`prefix:403`',
  changed: '`changed:30m`, `changed:6h`, `changed:2d` or `changed:1w`',
  since: '`since:2025-05-08` or `since:"2025-05-08 14:00"`',
  page: '`page:2`',
};

/** A `type:` value: a direction word or its number. */
export function readType(text: string): Read<TrunkType | 'all'> {
  const type = TYPE_WORDS.get(text.toLowerCase());
  if (type !== undefined) return { value: type };
  const hint = typoOf(text);
  return {
    problem: `\`type:${clip(text)}\` isn't a trunk type.${hint ? ` Did you mean \`type:${hint}\`?` : ''} Use \`outgoing\` (\`out\`, \`type:1\`) or \`incoming\` (\`in\`, \`type:2\`).`,
  };
}

/** A `status:` value. */
export function readStatus(text: string): Read<TrunkStatus> {
  const status = text.toLowerCase() as TrunkStatus;
  if (STATUS_WORDS.has(status)) return { value: status };
  return { problem: `\`status:${clip(text)}\` isn't a status: use \`down\`, \`up\`, \`enabled\` or \`disabled\`.` };
}

/**
 * An address typed as a word, before or after the punctuation a sentence adds: colons go last, as `2001:db8::`
 * ends in them (`2001:db8::,` is that address).
 */
export function readWordAddress(word: string): string | undefined {
  return (
    canonicalIpOrRange(word) ??
    canonicalIpOrRange(word.replace(/[.,;!?]+$/, '')) ??
    canonicalIpOrRange(stripTrailing(word))
  );
}

/** An `ip:` value. */
export function readIp(typed: string): Read<string> {
  const address = readWordAddress(typed);
  return address === undefined ? { problem: addressProblem(`ip:${stripTrailing(typed)}`) } : { value: address };
}

/** What to say about something meant as an address that is not one. */
export function addressProblem(shown: string): string {
  return `\`${clip(shown)}\` isn't an IP address or range: IPv4 parts run from 0 to 255, ranges end in /0 to /32 (/128 for IPv6), e.g. \`203.0.113.0/24\` or \`2001:db8::1\`.`;
}

/** A `page:` value: a whole number from 1 to MAX_PAGE. */
export function readPage(text: string): Read<number> {
  const n = /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
  if (Number.isInteger(n) && n >= 1 && n <= MAX_PAGE) return { value: n };
  return {
    problem: `\`page:${clip(text)}\` isn't a page number: use a whole number from 1 to ${MAX_PAGE}, e.g. \`page:2\`.`,
  };
}

/** A phone number as typed, white space collapsed; `viaKey` when it came after `number:` rather than bare. */
export function readPhone(text: string, viaKey: boolean): Read<string> {
  const number = oneLine(text);
  if (!PHONE_TEXT.test(number))
    return {
      problem: `\`number:${clip(number)}\` isn't a phone number: use digits with spaces, dashes or parentheses, e.g. ${KEY_EXAMPLE.number}.`,
    };
  const digits = number.replace(/\D/g, '').length;
  if (digits < MIN_PHONE_DIGITS) {
    const quote = viaKey ? '' : `; to find it in trunk names instead, quote it: \`"${clip(number)}"\``;
    return {
      problem: `\`${clip(number)}\` has only ${digits} ${digits === 1 ? 'digit' : 'digits'}: a phone number needs at least ${MIN_PHONE_DIGITS}, e.g. \`+44 20 7946 0122\`${quote}.`,
    };
  }
  if (digits > MAX_PHONE_DIGITS)
    return {
      problem: `\`${clip(number)}\` has ${digits} digits: a phone number has at most ${MAX_PHONE_DIGITS}.`,
    };
  if (number.length > MAX_PHONE_TEXT)
    return { problem: `\`${clip(number)}\` is too long for a phone number: type its digits, e.g. \`+442079460122\`.` };
  return { value: number };
}

/** An `id:` value: digits, without leading zeros. */
export function readId(text: string): Read<string> {
  if (/^\d{1,20}$/.test(text)) return { value: text.replace(/^0+(?=\d)/, '') };
  return { problem: `\`id:${clip(text)}\` isn't a trunk ID: IDs are digits, e.g. ${KEY_EXAMPLE.id}.` };
}

/** A `prefix:` value: what a dial plan can hold. */
export function readPrefix(text: string): Read<string> {
  if (/^[\d*#+]{1,20}$/.test(text)) return { value: text };
  return {
    problem: `\`prefix:${clip(text)}\` isn't a dial prefix: use digits (or \`*\`, \`#\`, \`+\`), e.g. ${KEY_EXAMPLE.prefix}.`,
  };
}

/** Free text for `account:` or `group:`, single-spaced and bounded like a name. */
export function readText(key: 'account' | 'group', text: string): Read<string> {
  const value = oneLine(text);
  if (Array.from(value).length <= MAX_NAME_LENGTH) return { value };
  return { problem: `The \`${key}:\` filter is too long: keep it under ${MAX_NAME_LENGTH} characters.` };
}

// Maps, so a unit such as `constructor` finds nothing.
const UNIT_MINUTES = new Map<string, number>([
  ...['m', 'min', 'mins', 'minute', 'minutes'].map((u) => [u, 1] as const),
  ...['h', 'hr', 'hrs', 'hour', 'hours'].map((u) => [u, 60] as const),
  ...['d', 'day', 'days'].map((u) => [u, 1_440] as const),
  ...['w', 'wk', 'wks', 'week', 'weeks'].map((u) => [u, 10_080] as const),
]);

/** A `changed:` span such as `30m`, `6h`, `2d` or `1w`, in minutes. */
export function readSpan(text: string): Read<number> {
  const m = /^(\d{1,6})([a-z]+)$/i.exec(text);
  const unit = m ? UNIT_MINUTES.get(m[2]!.toLowerCase()) : undefined;
  if (!m || unit === undefined)
    return {
      problem: `\`changed:${clip(text)}\` isn't a time span: use a number and a unit, e.g. ${KEY_EXAMPLE.changed}.`,
    };
  const minutes = Number(m[1]) * unit;
  if (minutes < 1) return { problem: `\`changed:${clip(text)}\` is no time at all: use e.g. \`changed:30m\`.` };
  if (minutes > MAX_CHANGED_DAYS * 1_440)
    return {
      problem: `\`changed:${clip(text)}\` reaches back too far: at most ${MAX_CHANGED_DAYS} days (\`changed:${MAX_CHANGED_DAYS}d\`), or use \`since:\` with a date.`,
    };
  return { value: minutes };
}

const SPAN_UNITS = [
  ['w', 10_080],
  ['d', 1_440],
  ['h', 60],
] as const;

/** A span in the largest unit that divides it: 360 → 6 h, 10080 → 1 w. */
export function splitSpan(minutes: number): { count: number; unit: 'w' | 'd' | 'h' | 'm' } {
  for (const [unit, size] of SPAN_UNITS) if (minutes % size === 0) return { count: minutes / size, unit };
  return { count: minutes, unit: 'm' };
}

/** A `since:` date, `yyyy-MM-dd` or `yyyy-MM-dd HH:mm` (a `T` works too), checked to be a real time. */
export function readSince(text: string): Read<string> {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2}))?$/i.exec(text);
  if (m) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const realDay = month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
    const realTime = m[4] === undefined || (Number(m[4]) <= 23 && Number(m[5]) <= 59);
    const time = m[4] === undefined ? '' : ` ${pad(Number(m[4]))}:${m[5]}`;
    if (realDay && realTime) return { value: `${m[1]}-${pad(month)}-${pad(day)}${time}` };
  }
  return { problem: `\`since:${clip(text)}\` isn't a date: use ${KEY_EXAMPLE.since}, in ITNIO's time zone.` };
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** User text echoed into a problem: clipped here, escaped by the renderer; backticks would end the code span. */
export function clip(text: string): string {
  const chars = Array.from(text.replace(/`/g, "'"));
  return chars.length > 40 ? `${chars.slice(0, 39).join('')}…` : chars.join('');
}
