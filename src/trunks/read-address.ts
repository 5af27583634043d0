// Written for the query grammar alone; it only has to say "valid or not" and spell the value one way.
const OCTET = /^(?:0|[1-9]\d{0,2})$/;
const HEX_GROUP = /^[0-9a-f]{1,4}$/i;
const PREFIX_LENGTH = /^(?:0|[1-9]\d{0,2})$/;
// The longest valid spelling, `ffff:…:ffff:255.255.255.255/128`, is 49 characters.
const MAX_ADDRESS_TEXT = 64;

const IPV4_LIKE = /^\d+(?:\.\d+){3}(?:\/\d*)?$/;
const IPV6_LIKE = /^[\da-f:.]+(?:\/\d*)?$/i;

/**
 * An IPv4 or IPv6 address, or a CIDR range of either, in canonical text (lowercase; IPv6 shortened as in
 * RFC 5952, e.g. `2001:db8::1`; IPv4 octets without leading zeros), or undefined when `text` is neither.
 */
export function readAddress(text: string): string | undefined {
  if (text.length > MAX_ADDRESS_TEXT) return undefined;
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  const bits = slash < 0 ? undefined : text.slice(slash + 1);
  if (bits !== undefined && !PREFIX_LENGTH.test(bits)) return undefined;
  const range = bits === undefined ? '' : `/${Number(bits)}`;
  if (!address.includes(':')) {
    const octets = readV4(address);
    return octets === undefined || Number(bits ?? 0) > 32 ? undefined : `${octets.join('.')}${range}`;
  }
  const groups = readV6(address);
  return groups === undefined || Number(bits ?? 0) > 128 ? undefined : `${formatV6(groups)}${range}`;
}

/** Whether a word that is not a valid address was still meant as one (`203.0.113.256`, `2001:db8:::1`). */
export function looksLikeAddress(word: string): boolean {
  if (IPV4_LIKE.test(word)) return true;
  // Four colons or a `::` set an IPv6 attempt apart from a time of day such as 14:00:00.
  return IPV6_LIKE.test(word) && (word.includes('::') || word.split(':').length > 4);
}

function readV4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => OCTET.test(p))) return undefined;
  const octets = parts.map(Number);
  return octets.every((o) => o <= 255) ? octets : undefined;
}

/** The eight 16-bit groups of an IPv6 address; a dotted IPv4 tail counts as the last two. */
function readV6(text: string): number[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = readGroups(halves[0]!, halves.length === 1);
  const tail = halves.length === 2 ? readGroups(halves[1]!, true) : [];
  if (head === undefined || tail === undefined) return undefined;
  if (halves.length === 1) return head.length === 8 ? head : undefined;
  // `::` stands for at least one group of zeros.
  const zeros = 8 - head.length - tail.length;
  return zeros >= 1 ? [...head, ...new Array<number>(zeros).fill(0), ...tail] : undefined;
}

function readGroups(text: string, mayEndInV4: boolean): number[] | undefined {
  if (text === '') return [];
  const pieces = text.split(':');
  const groups: number[] = [];
  for (const [i, piece] of pieces.entries()) {
    if (HEX_GROUP.test(piece)) {
      groups.push(Number.parseInt(piece, 16));
      continue;
    }
    const octets = mayEndInV4 && i === pieces.length - 1 ? readV4(piece) : undefined;
    if (octets === undefined) return undefined;
    groups.push(octets[0]! * 256 + octets[1]!, octets[2]! * 256 + octets[3]!);
  }
  return groups;
}

/** RFC 5952: lowercase, no leading zeros, the first longest run of two or more zero groups as `::`. */
function formatV6(groups: number[]): string {
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [hi, lo] = [groups[6]!, groups[7]!];
    return `::ffff:${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  let best = { start: 0, length: 0 };
  for (let i = 0; i < 8; i++) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.length) best = { start: i, length: j - i };
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.length < 2) return hex.join(':');
  return `${hex.slice(0, best.start).join(':')}::${hex.slice(best.start + best.length).join(':')}`;
}
