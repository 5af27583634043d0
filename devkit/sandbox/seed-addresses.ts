/** How many trunks the base inventory has; the addresses below are unique within it. */
export const BASE_TRUNK_COUNT = 120;

/** Several trunks behind one carrier border controller: an IP search for it finds all of them. */
export const SHARED_CARRIER_IP = '203.0.113.200';

// Exact values that docs and tests search for, each on one trunk (by index) so a search finds just it.
const FIXED_GATEWAY: Record<number, string> = { 10: '203.0.113.10, 203.0.113.11' };
const FIXED_WHITE: Record<number, string> = { 11: '198.51.100.7;198.51.100.8' };
// One London number in three spellings on three trunks: a number search must see through the spelling.
const SHARED_NUMBER: Record<number, string> = { 21: '+442079460122', 50: '02079460122', 94: '442079460122' };

/**
 * The gateway IP field of trunk `i`: mostly one IPv4, some lists, some IPv6, a shared carrier address,
 * nulls, and the vendor's own invalid values (`12.325.353.2`, `0000.000.0.00`), which are the point.
 */
export function gatewayIpOf(i: number): string | null {
  const fixed = FIXED_GATEWAY[i];
  if (fixed) return fixed;
  if (i % 17 === 0) return null;
  if (i % 23 === 5) return '12.325.353.2';
  if (i % 29 === 7) return '0000.000.0.00';
  if (i % 19 === 9) return `2001:db8:10::${(Math.floor(i / 19) + 5).toString(16)}`;
  if (i % 20 === 13) return SHARED_CARRIER_IP;
  const own = ipv4(i, '203.0.113', 172, 16);
  // Carriers hand out a primary and a standby signalling address; the vendor keeps both in one field.
  return i % 11 === 4 ? `${own}, ${secondIpv4(i, '203.0.113', 11, 172, 16)}` : own;
}

/** The whitelisted IP field of trunk `i`: null for a third, some `;`-separated pairs, some IPv6. */
export function whiteIpOf(i: number): string | null {
  const fixed = FIXED_WHITE[i];
  if (fixed) return fixed;
  if (i % 3 === 0) return null;
  if (i % 19 === 14) return `2001:db8:20::${(Math.floor(i / 19) + 1).toString(16)}`;
  const own = ipv4(i, '198.51.100', 100, 64);
  return i % 7 === 2 ? `${own};${secondIpv4(i, '198.51.100', 7, 100, 64)}` : own;
}

// The documentation /24s hold only the base inventory; a large one spills into a private range.
function ipv4(i: number, docNet: string, firstOctet: number, secondOctet: number): string {
  if (i < BASE_TRUNK_COUNT) return `${docNet}.${20 + i}`;
  return `${firstOctet}.${secondOctet + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`;
}

function secondIpv4(i: number, docNet: string, every: number, firstOctet: number, secondOctet: number): string {
  if (i < BASE_TRUNK_COUNT) return `${docNet}.${150 + Math.floor(i / every)}`;
  return ipv4(i + (1 << 19), docNet, firstOctet, secondOctet);
}

/**
 * The phone number of agent group `j` on trunk `i`, in the spellings the vendor stores: E.164 (`+44…`),
 * national (`0…`), bare (`44…`), spaced (`+44 20 7946 0…`), or null. Numbers come from Ofcom's drama
 * ranges (020 7946 0xxx, then 07700 900xxx), so none is anyone's real phone.
 */
export function groupNumberOf(i: number, j: number): string | null {
  const shared = j === 0 ? SHARED_NUMBER[i] : undefined;
  if (shared) return shared;
  const form = (i + 2 * j) % 6;
  if (form === 0) return null;
  const plan = numberPlan(i, j);
  if (form === 3) return `0${plan.national}`;
  if (form === 4) return `44${plan.national}`;
  if (form === 5) return `+44 ${plan.spaced}`;
  return `+44${plan.national}`;
}

/** The number of overflow queue `j` on the one trunk with 40 groups (Ofcom's Leeds drama range). */
export function overflowNumberOf(j: number): string {
  return `+441134960${String(j).padStart(3, '0')}`;
}

function numberPlan(i: number, j: number): { national: string; spaced: string } {
  if (i < BASE_TRUNK_COUNT) {
    // 0200–0559: unique per group in the base inventory, clear of the shared 0122.
    const line = String(200 + i * 3 + j).padStart(4, '0');
    return { national: `207946${line}`, spaced: `20 7946 ${line}` };
  }
  // The mobile drama range has only 1000 numbers: a large inventory reuses them.
  const line = String((i * 3 + j) % 1000).padStart(3, '0');
  return { national: `7700900${line}`, spaced: `7700 900${line}` };
}
