/** An IP address by value: IPv4 as an unsigned 32-bit number, IPv6 as a 128-bit bigint. */
// IPv4-mapped IPv6 (`::ffff:1.2.3.4`) is stored as the IPv4 address it carries, so both spellings match.
export type IpAddress = { readonly family: 4; readonly value: number } | { readonly family: 6; readonly value: bigint };

/** A CIDR range with its host bits cleared; a single address is the range of its full length (`/32`, `/128`). */
export type IpRange =
  | { readonly family: 4; readonly base: number; readonly mask: number; readonly bits: number }
  | { readonly family: 6; readonly base: bigint; readonly mask: bigint; readonly bits: number };

// Strict dotted decimal: no leading zeros, since `010` reads as octal to some tools and so is ambiguous.
const DOTTED_QUAD = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/;
const HEX_GROUP = /^[0-9a-f]{1,4}$/i;
const PREFIX_LENGTH = /^(?:0|[1-9]\d{0,2})$/;
// A zone (`fe80::1%eth0`) names an interface on the sender's host: it says nothing about which trunk it is.
const ZONE = /%[\w.-]+$/;
const V6_ALL = (1n << 128n) - 1n;
const MAPPED_PREFIX = 0xffffn;

/** Reads an IPv4 or IPv6 literal (any zone id dropped); undefined for anything else, such as `12.325.353.2`. */
export function parseIp(text: string): IpAddress | undefined {
  const s = text.trim();
  if (s.includes(':')) {
    const value = parseV6(s.replace(ZONE, ''));
    return value === undefined ? undefined : fromV6(value);
  }
  const value = parseV4(s);
  return value === undefined ? undefined : { family: 4, value };
}

/** Reads an address or a CIDR range; host bits set in a range (`10.1.2.3/8`) are cleared rather than refused. */
export function parseIpOrRange(text: string): IpRange | undefined {
  const s = text.trim();
  const slash = s.indexOf('/');
  if (slash < 0) {
    const address = parseIp(s);
    return address && rangeOf(address, address.family === 4 ? 32 : 128);
  }
  const [addressText, bitsText = ''] = [s.slice(0, slash), s.slice(slash + 1)];
  if (!PREFIX_LENGTH.test(bitsText)) return undefined;
  const bits = Number(bitsText);
  if (!addressText.includes(':')) {
    const value = parseV4(addressText);
    return value === undefined || bits > 32 ? undefined : rangeOf({ family: 4, value }, bits);
  }
  const value = parseV6(addressText);
  if (value === undefined || bits > 128) return undefined;
  // `::ffff:192.0.2.0/120` is an IPv4 range; a shorter prefix reaches outside the mapped block and stays IPv6.
  if (bits >= 96 && value >> 32n === MAPPED_PREFIX) return rangeOf(fromV6(value), bits - 96);
  return rangeOf({ family: 6, value }, bits);
}

/** The canonical spelling of an address or range (RFC 5952 for IPv6), or undefined when it is neither. */
export function canonicalIpOrRange(text: string): string | undefined {
  const range = parseIpOrRange(text);
  return range && formatIpRange(range);
}

/** Whether the text is an address or a CIDR range, as a filter value. */
export function isIp(text: string): boolean {
  return parseIpOrRange(text) !== undefined;
}

/** Whether the range holds the address; a full-length range holds only that one address. */
export function ipInRange(range: IpRange, address: IpAddress): boolean {
  if (range.family === 4) return address.family === 4 && (address.value & range.mask) >>> 0 === range.base;
  return address.family === 6 && (address.value & range.mask) === range.base;
}

/** The canonical spelling of an address: dotted decimal, or RFC 5952 IPv6 (lowercase, longest zero run as `::`). */
export function formatIp(address: IpAddress): string {
  if (address.family === 4) {
    const v = address.value;
    return [v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff].join('.');
  }
  const groups = Array.from({ length: 8 }, (_, i) => Number((address.value >> BigInt(112 - 16 * i)) & 0xffffn));
  let best = { start: -1, length: 1 };
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.length) best = { start: i, length: j - i };
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.start < 0) return hex.join(':');
  return `${hex.slice(0, best.start).join(':')}::${hex.slice(best.start + best.length).join(':')}`;
}

/** The canonical spelling of a range; a full-length range is spelled as its address. */
export function formatIpRange(range: IpRange): string {
  const address: IpAddress = range.family === 4 ? { family: 4, value: range.base } : { family: 6, value: range.base };
  const full = range.bits === (range.family === 4 ? 32 : 128);
  return full ? formatIp(address) : `${formatIp(address)}/${range.bits}`;
}

function rangeOf(address: IpAddress, bits: number): IpRange {
  if (address.family === 4) {
    // `<<` works modulo 32, so a /0 mask has to be spelled out.
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    return { family: 4, base: (address.value & mask) >>> 0, mask, bits };
  }
  const mask = (V6_ALL << BigInt(128 - bits)) & V6_ALL;
  return { family: 6, base: address.value & mask, mask, bits };
}

function fromV6(value: bigint): IpAddress {
  return value >> 32n === MAPPED_PREFIX ? { family: 4, value: Number(value & 0xffffffffn) } : { family: 6, value };
}

function parseV4(text: string): number | undefined {
  const m = DOTTED_QUAD.exec(text);
  if (!m) return undefined;
  const [a, b, c, d] = m.slice(1).map(Number) as [number, number, number, number];
  return a > 255 || b > 255 || c > 255 || d > 255 ? undefined : a * 0x1000000 + b * 0x10000 + c * 0x100 + d;
}

function parseV6(text: string): bigint | undefined {
  let s = text;
  const lastColon = s.lastIndexOf(':');
  if (lastColon < 0) return undefined;
  // An embedded IPv4 tail (`::ffff:1.2.3.4`, `64:ff9b::1.2.3.4`) stands for the last two groups.
  if (s.includes('.', lastColon)) {
    const v4 = parseV4(s.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    s = `${s.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves[1] ? halves[1].split(':') : [];
  const compressed = halves.length === 2;
  if (compressed ? head.length + tail.length > 7 : head.length !== 8) return undefined;
  const groups = [...head, ...Array<string>(8 - head.length - tail.length).fill('0'), ...tail];
  if (!groups.every((g) => HEX_GROUP.test(g))) return undefined;
  // One conversion of 32 hex digits is far cheaper than eight bigint shifts.
  return BigInt(`0x${groups.map((g) => g.padStart(4, '0')).join('')}`);
}

const IPV4_LIKE = /^\d+(?:\.\d+){3}(?:\/\d*)?$/;
const IPV6_LIKE = /^[\da-f:.]+(?:\/\d*)?$/i;

/** Whether a word that is not a valid address was still meant as one (`203.0.113.256`, `2001:db8:::1`). */
export function looksLikeAddress(word: string): boolean {
  if (IPV4_LIKE.test(word)) return true;
  // Four colons or a `::` set an IPv6 attempt apart from a time of day such as 14:00:00.
  return IPV6_LIKE.test(word) && (word.includes('::') || word.split(':').length > 4);
}
