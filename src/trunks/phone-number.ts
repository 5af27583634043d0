/** Fewer digits than this are a fragment, which would match unrelated numbers. */
export const MIN_NUMBER_DIGITS = 7;
/** E.164 numbers have at most 15 digits; longer digit runs in text are IDs or timestamps. */
const MAX_NUMBER_DIGITS = 15;

// `+44 (0) 20 …`: the bracketed trunk zero is dialled only from inside the country.
const BRACKETED_TRUNK_ZERO = /\(0\)/g;
const NON_DIGITS = /\D+/g;

/** The digits of a number without `+`, international `00` or national trunk `0`: `020 7946 0122` → `2079460122`. */
export function phoneDigits(text: string): string {
  const digits = text.replace(BRACKETED_TRUNK_ZERO, '').replace(NON_DIGITS, '');
  if (text.trimStart().startsWith('+')) return digits;
  if (digits.startsWith('00')) return digits.slice(2);
  return digits.startsWith('0') ? digits.slice(1) : digits;
}

/** Whether two phoneDigits strings are one line: one ends with the other, which has MIN_NUMBER_DIGITS digits. */
// Ending with the other lets a country code be missing on either side; the minimum keeps fragments from matching.
export function numbersMatch(a: string, b: string): boolean {
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  return shorter.length >= MIN_NUMBER_DIGITS && longer.endsWith(shorter);
}

// Digit groups separated by one space, dot or hyphen, optionally bracketed (`(020) 7946-0122`, `+1 (555) 123-0000`).
const SEP = '[ \\u00a0.-]';
const CANDIDATE = new RegExp(`\\+?(?:\\(\\d+\\)|\\d+)(?:${SEP}?\\(\\d+\\)|${SEP}\\d+|(?<=\\))\\d+)*`, 'g');
// Anything IPv4-shaped, valid or not, is an address: its dots must not join octets into a number.
const IPV4_SHAPED = /\d{1,3}(?:\.\d{1,3}){3}/g;
const DATE = /^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{4})$/;
const LAST_GROUP = new RegExp(`${SEP}?\\(?\\d+\\)?$`);
// Letters or digits mean an ID inside a word; `=` a SIP parameter (`tag=1928301774`); `#` a ticket; `/` a path.
const BLOCKED_BEFORE = /[\p{L}\p{N}_=#/.-]/u;
const BLOCKED_AFTER = /[\p{L}\p{N}_]/u;
// SDP lines (`o=- 2890844526 2890844526 IN IP4 …`) carry session IDs and ports, never phone numbers.
const SDP_LINE = /^[ \t]*[a-z]=.*$/gm;

/** The distinct phone numbers in free text, as written, in order; not addresses, dates, times or IDs in words. */
export function findPhoneNumbersInText(text: string): string[] {
  const masked = text.replace(SDP_LINE, blank).replace(IPV4_SHAPED, blank);
  const seen = new Set<string>();
  const found: string[] = [];
  for (const match of masked.matchAll(CANDIDATE)) {
    const start = match.index;
    const end = start + match[0].length;
    let candidate = match[0];
    if (BLOCKED_BEFORE.test(masked[start - 1] ?? '') || BLOCKED_AFTER.test(masked[end] ?? '')) continue;
    // `2025-01-10 11:31` or `… 0122 10:30`: the group before a colon is an hour, not part of the number.
    if (masked[end] === ':' && /\d/.test(masked[end + 1] ?? '')) candidate = candidate.replace(LAST_GROUP, '');
    // `…@host` is a SIP URI's user part only right after its scheme (`sip:`); otherwise it is a Call-ID.
    if (masked[end] === '@' && masked[start - 1] !== ':') continue;
    if (DATE.test(candidate)) continue;
    const digits = phoneDigits(candidate);
    if (digits.length < MIN_NUMBER_DIGITS || candidate.replace(NON_DIGITS, '').length > MAX_NUMBER_DIGITS) continue;
    if (seen.has(digits)) continue;
    seen.add(digits);
    found.push(candidate.trim());
  }
  return found;
}

function blank(text: string): string {
  return ' '.repeat(text.length);
}
