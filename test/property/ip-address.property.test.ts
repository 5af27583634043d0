import { isIP } from 'node:net';
import fc from 'fast-check';
import { addressesIn, findIpsInText, hasAddress } from '../../src/trunks/find-ips.js';
import { formatIp, ipInRange, parseIp, parseIpOrRange } from '../../src/trunks/ip-address.js';
import { hostileText, RUN } from './arbitraries.js';

const V6_MAX = (1n << 128n) - 1n;
const isMapped = (value: bigint) => value >> 32n === 0xffffn;

/** An address in both forms the reference needs: its text, and its bits as a string of 0s and 1s. */
interface Spelled {
  text: string;
  bits: string;
}

const v4Text = (value: number) => [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
const v4Bits = (value: number) => value.toString(2).padStart(32, '0');
const v6Groups = (value: bigint) => Array.from({ length: 8 }, (_, i) => (value >> BigInt(112 - 16 * i)) & 0xffffn);
const v6Text = (value: bigint) =>
  v6Groups(value)
    .map((g) => g.toString(16))
    .join(':');
const v6Bits = (value: bigint) => value.toString(2).padStart(128, '0');

// Groups of zeros and all-ones are common in real addresses and exercise `::` compression.
const v6Value = fc
  .array(fc.oneof(fc.constant(0n), fc.constant(0xffffn), fc.bigInt({ min: 0n, max: 0xffffn })), {
    minLength: 8,
    maxLength: 8,
  })
  .map((groups) => groups.reduce((acc, g) => (acc << 16n) | g, 0n))
  .filter((v) => !isMapped(v));

/** Two related addresses of one family (sharing a random-length prefix) and a prefix length. */
const pairAndBits = fc.oneof(
  fc
    .tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 0xffffffff }), fc.nat(32))
    .chain(([a, r, shift]) => {
      const b = (a ^ (shift === 32 ? 0 : r >>> shift)) >>> 0;
      const spell = (v: number): Spelled => ({ text: v4Text(v), bits: v4Bits(v) });
      return fc.tuple(fc.constant(spell(a)), fc.constant(spell(b)), fc.nat(32));
    }),
  fc
    .tuple(v6Value, fc.bigInt({ min: 0n, max: V6_MAX }), fc.nat(128))
    .map(([a, r, shift]) => [a, a ^ (r >> BigInt(shift))] as const)
    .filter(([, b]) => !isMapped(b))
    .chain(([a, b]) => {
      const spell = (v: bigint): Spelled => ({ text: v6Text(v), bits: v6Bits(v) });
      return fc.tuple(fc.constant(spell(a)), fc.constant(spell(b)), fc.nat(128));
    }),
);

describe('IP address properties', () => {
  test('CIDR membership agrees with comparing the first bits as text', () => {
    fc.assert(
      fc.property(pairAndBits, ([base, other, bits]) => {
        const length = Math.min(bits, base.bits.length);
        const range = parseIpOrRange(`${base.text}/${length}`);
        const address = parseIp(other.text);
        expect(range && address && ipInRange(range, address)).toBe(
          base.bits.slice(0, length) === other.bits.slice(0, length),
        );
      }),
      { ...RUN, numRuns: 2_000 },
    );
  });

  test('canonical IPv6 is what the WHATWG URL serializer writes, and reads back to the same value', () => {
    fc.assert(
      fc.property(v6Value, (value) => {
        const canonical = formatIp({ family: 6, value });
        expect(canonical).toBe(new URL(`http://[${v6Text(value)}]/`).hostname.slice(1, -1));
        expect(parseIp(canonical)).toEqual({ family: 6, value });
      }),
      { ...RUN, numRuns: 1_000 },
    );
  });

  test('an address is accepted exactly when node:net accepts it', () => {
    const nearAddress = fc.oneof(
      fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF:.'), maxLength: 45 }),
      v6Value.map((v) => formatIp({ family: 6, value: v })),
      fc.integer({ min: 0, max: 0xffffffff }).map(v4Text),
      fc.tuple(v6Value, fc.integer({ min: 0, max: 0xffffffff })).map(([v, w]) => `${v6Text(v >> 32n)}:${v4Text(w)}`),
    );
    // A zone goes only at the end: node:net also takes colons inside one, which would end the address for us.
    const edited = fc
      .tuple(nearAddress, fc.nat(45), fc.constantFrom('', ':', '.', '0', '1', 'f', '00', '::', '256'), fc.boolean())
      .map(([s, at, insert, zone]) => {
        const text = s.slice(0, at) + insert + s.slice(at + (insert === '' ? 1 : 0));
        return zone ? `${text}%eth0` : text;
      });
    fc.assert(
      fc.property(fc.oneof(nearAddress, edited), (text) => {
        expect(parseIp(text) !== undefined).toBe(isIP(text) !== 0);
      }),
      { ...RUN, numRuns: 5_000 },
    );
  });

  test('an address between separators in a field or a text is found, canonical', () => {
    const anyAddress = fc.oneof(
      fc.integer({ min: 1, max: 0xffffffff }).map((v) => v4Text(v)),
      v6Value.filter((v) => v !== 0n).map(v6Text),
    );
    const filler = fc.constantFrom('', 'gw ', 'Via: SIP/2.0/UDP ', 'sip:alice@', 'see ', '(', '<', '[');
    fc.assert(
      fc.property(anyAddress, filler, fc.constantFrom('', ' ', ', ', ';', '.', ')', '>', ']:5060'), (a, b, c) => {
        const canonical = formatIp(parseIp(a)!);
        expect(findIpsInText(`${b}${a}${c}`)).toEqual([canonical]);
        expect(addressesIn(`${b}${a}${c}`).map(formatIp)).toContain(canonical);
      }),
      { ...RUN, numRuns: 1_000 },
    );
  });

  test('hostile text never throws, and whatever is found is a canonical address', () => {
    fc.assert(
      fc.property(hostileText(200), (text) => {
        for (const found of findIpsInText(text)) expect(formatIp(parseIp(found)!)).toBe(found);
        for (const address of addressesIn(text)) expect(parseIp(formatIp(address))).toEqual(address);
      }),
      { ...RUN, numRuns: 500 },
    );
  });
});

describe('hasAddress', () => {
  test('says what addressesIn says, for plain addresses and for anything a vendor field could hold', () => {
    const octet = fc.integer({ min: 0, max: 300 }).map(String);
    const quad = fc.tuple(octet, octet, octet, octet).map((parts) => parts.join('.'));
    const field = fc.oneof(
      quad,
      fc.tuple(quad, fc.constantFrom('', ' ', ',', '/24', ':5060', 'x', ' ; ')).map(([q, tail]) => q + tail),
      fc.constantFrom('00.1.2.3', '1.2.3.04', '1.2.3', '1.2.3.4.5', '::1', '2001:db8::1', '', ' ', 'n/a'),
      fc.string({ unit: fc.constantFrom('0', '1', '2', '5', '9', '.', ':', ' ', 'a') }),
    );
    fc.assert(
      fc.property(field, (value) => {
        expect(hasAddress(value)).toBe(addressesIn(value).length > 0);
      }),
      { ...RUN, numRuns: 2_000 },
    );
  });
});
