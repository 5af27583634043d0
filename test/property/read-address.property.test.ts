import { isIP } from 'node:net';
import fc from 'fast-check';
import { readAddress } from '../../src/trunks/read-address.js';
import { RUN } from './arbitraries.js';

/** Node's own reading, for comparison: the WHATWG URL parser spells IPv6 in RFC 5952 form. */
const urlHost = (v6: string) => new URL(`http://[${v6}]/`).hostname.slice(1, -1);

// Strings made of the pieces addresses are made of, so near misses are common.
const addressLike = fc
  .array(fc.constantFrom('0', '1', '25', '255', '256', '01', 'db8', 'ffff', 'FFFF', '12345', 'g', ':', '::', '.'), {
    maxLength: 16,
  })
  .map((parts) => parts.join(''));
const withPrefix = fc
  .tuple(
    fc.oneof(addressLike, fc.ipV4(), fc.ipV6(), fc.ipV4Extended()),
    fc.option(fc.constantFrom('/0', '/24', '/32', '/33', '/128', '/129', '/024', '/')),
  )
  .map(([a, p]) => `${a}${p ?? ''}`);

describe('readAddress (properties)', () => {
  test('accepts exactly what Node accepts as an IP address (Node also allows zone ids, which we do not)', () => {
    fc.assert(
      fc.property(fc.oneof(addressLike, fc.ipV4(), fc.ipV6(), fc.ipV4Extended()), (text) => {
        expect(readAddress(text) !== undefined).toBe(isIP(text) !== 0);
      }),
      { ...RUN, numRuns: 2_000 },
    );
  });

  test('spells IPv6 as RFC 5952 does, names the same address, and reads its own spelling back unchanged', () => {
    fc.assert(
      fc.property(withPrefix, (text) => {
        const canonical = readAddress(text);
        if (canonical === undefined) return;
        expect(readAddress(canonical)).toBe(canonical);
        const [address = '', bits] = canonical.split('/');
        if (bits !== undefined) expect(Number(bits)).toBeLessThanOrEqual(address.includes(':') ? 128 : 32);
        if (!address.includes(':')) return;
        const typed = text.split('/')[0]!;
        expect(urlHost(address)).toBe(urlHost(typed));
        if (!address.startsWith('::ffff:')) expect(address).toBe(urlHost(typed));
      }),
      { ...RUN, numRuns: 2_000 },
    );
  });
});
