import { canonicalIpOrRange, looksLikeAddress } from '../../src/trunks/ip-address.js';

describe('canonicalIpOrRange refuses what is not an address', () => {
  test.each([
    '',
    'acme',
    '203.0.113',
    '203.0.113.256',
    '203.0.113.025',
    '203.0.113.25/33',
    '203.0.113.0/024',
    '203.0.113.0/',
    '/24',
    '1.2.3.4.5',
    '2001:db8:::1',
    '1::2::3',
    ':1::',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7:8::',
    '::1:2:3:4:5:6:7:8',
    '12345::',
    'g::1',
    '::1/129',
    '203.0.113.25::',
    '1.2.3.4::1',
    '[::1]',
    `${'0:'.repeat(40)}1`,
  ])('%j is not an address', (text) => {
    expect(canonicalIpOrRange(text)).toBeUndefined();
  });
});

describe('looksLikeAddress', () => {
  test.each(['203.0.113.256', '12.325.353.2', '0000.000.0.00', '1.2.3.4/99', '2001:db8:::1', '1:2:3:4:5:6:7:8:9'])(
    '%j was meant as an address',
    (word) => {
      expect(looksLikeAddress(word)).toBe(true);
    },
  );

  test.each(['14:00', '14:00:00', '1.2.3', 'v1.2.3.4', 'acme', '2025-05-08', '5000004'])('%j was not', (word) => {
    expect(looksLikeAddress(word)).toBe(false);
  });
});
