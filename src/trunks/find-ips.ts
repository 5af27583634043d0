import { formatIp, type IpAddress, parseIp } from './ip-address.js';

// Vendor fields list addresses with whatever came to hand: commas, semicolons, spaces, pipes, slashes.
const FIELD_SEPARATORS = /[^0-9A-Za-z:.%_-]+/;
const V4_WITH_PORT = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/;
// Runs of the characters an address is written with, plus an optional zone; everything else separates.
const ADDRESS_RUN = /[0-9A-Fa-f.:]+(?:%[\w.-]+)?/g;
const WORD_CHAR = /\w/;
// `Asterisk/16.2.1.3`, `FPBX-16.0.40.7`: a product name followed by a dotted version, not an address.
const AFTER_PRODUCT_NAME = /[A-Za-z][/-]$/;
const SENTENCE_END = /[^:][.:]$/;

/** Every address in a vendor field holding several (`203.0.113.10, 198.51.100.7/24; 2001:db8::1`). */
// A range stands for its address part. Junk such as `12.325.353.2` is a vendor quirk: skipped, never an error.
export function addressesIn(field: string | null): IpAddress[] {
  if (field === null) return [];
  // A prefix length left over from `1.2.3.4/24` is never an address itself, so it drops out on its own.
  return field.split(FIELD_SEPARATORS).flatMap((token) => looseAddress(token) ?? []);
}

// One plain dotted quad with nothing else around it: most gateway fields.
const PLAIN_V4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** Whether a vendor field holds at least one address (addressesIn is not empty), cheaply for a plain IPv4. */
export function hasAddress(field: string | null): boolean {
  return field !== null && (PLAIN_V4.test(field) || field.split(FIELD_SEPARATORS).some((token) => looseAddress(token)));
}

/** The distinct addresses in pasted text (SIP traces, emails), canonical, in order of appearance. */
// Ports, brackets and `sip:` are stepped over. Versions (`SIP/2.0`, `Asterisk/16.2.1.3`), dates and times are not
// addresses, nor are `0.0.0.0` and `::`: SDP uses them for "on hold", and no trunk has them.
export function findIpsInText(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(ADDRESS_RUN)) {
    // `sip:203.0.113.25` leaves a run starting with the scheme's colon; `::1` keeps its own.
    const scheme = match[0].startsWith(':') && !match[0].startsWith('::');
    const run = scheme ? match[0].slice(1) : match[0];
    const start = match.index;
    const end = start + match[0].length;
    // Hex digits glued to letters are identifiers (`z9hG4bK…`, `pc33`), not addresses.
    if ((!scheme && WORD_CHAR.test(text[start - 1] ?? '')) || WORD_CHAR.test(text[end] ?? '')) continue;
    if (AFTER_PRODUCT_NAME.test(text.slice(Math.max(0, start - 2), start))) continue;
    const address = looseAddress(run);
    if (address && address.value !== 0 && address.value !== 0n) found.add(formatIp(address));
  }
  return [...found];
}

function addressWithOptionalPort(text: string): IpAddress | undefined {
  return parseIp(text) ?? parseIp(V4_WITH_PORT.exec(text)?.[1] ?? '');
}

function looseAddress(run: string): IpAddress | undefined {
  const address = addressWithOptionalPort(run);
  if (address) return address;
  // Sentence punctuation: "the gateway is 203.0.113.25." or "at 2001:db8::1: it timed out".
  return SENTENCE_END.test(run) ? addressWithOptionalPort(run.slice(0, -1)) : undefined;
}
