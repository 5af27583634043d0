import { canonicalIpOrRange, formatIp, ipInRange, isIp, parseIp, parseIpOrRange } from '../../src/trunks/ip-address.js';

function range(text: string) {
  const r = parseIpOrRange(text);
  if (!r) throw new Error(`${text} should be a range`);
  return r;
}

function address(text: string) {
  const a = parseIp(text);
  if (!a) throw new Error(`${text} should be an address`);
  return a;
}

describe('parseIp', () => {
  test.each([
    ['203.0.113.25', '203.0.113.25'],
    ['0.0.0.0', '0.0.0.0'],
    ['255.255.255.255', '255.255.255.255'],
    [' 10.0.0.1 ', '10.0.0.1'],
    ['2001:db8::1', '2001:db8::1'],
    ['2001:0DB8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['::', '::'],
    ['::1', '::1'],
    ['1::', '1::'],
    ['1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0'],
    ['::ffff:1.2.3.4', '1.2.3.4'],
    ['::FFFF:C000:0280', '192.0.2.128'],
    ['64:ff9b::192.0.2.33', '64:ff9b::c000:221'],
    ['fe80::1%eth0', 'fe80::1'],
    ['fe80::1%25', 'fe80::1'],
  ])('%j reads as %s', (text, canonical) => {
    expect(formatIp(address(text))).toBe(canonical);
  });

  test.each([
    '12.325.353.2',
    '0000.000.0.00',
    '010.0.0.1',
    '1.2.3',
    '1.2.3.4.5',
    '1.2.3.-4',
    '256.1.1.1',
    '1.2.3.4/24',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7:8::',
    '1::2::3',
    ':1:2:3:4:5:6:7',
    '12345::1',
    'g::1',
    '::ffff:1.2.3.256',
    '1:2:3:4:5:6:7:1.2.3.4',
    '1.2.3.4%eth0',
    '',
    'acme',
  ])('%j is not an address', (text) => {
    expect(parseIp(text)).toBeUndefined();
  });

  test('IPv6 is compared by value, whatever the spelling', () => {
    expect(address('2001:db8::1')).toEqual(address('2001:0db8:0:0:0:0:0:1'));
    expect(address('::ffff:203.0.113.25')).toEqual(address('203.0.113.25'));
    expect(address('2001:db8::1')).not.toEqual(address('2001:db8::10'));
  });
});

describe('parseIpOrRange and canonicalIpOrRange', () => {
  test.each([
    ['203.0.113.0/24', '203.0.113.0/24'],
    ['203.0.113.77/24', '203.0.113.0/24'],
    ['10.1.2.3/8', '10.0.0.0/8'],
    ['0.0.0.0/0', '0.0.0.0/0'],
    ['10.0.0.1/32', '10.0.0.1'],
    ['10.0.0.1', '10.0.0.1'],
    ['2001:db8::/32', '2001:db8::/32'],
    ['2001:DB8:1:2::ff/48', '2001:db8:1::/48'],
    ['::/0', '::/0'],
    ['2001:db8::1/128', '2001:db8::1'],
    ['::ffff:192.0.2.0/120', '192.0.2.0/24'],
  ])('%j → %s', (text, canonical) => {
    expect(canonicalIpOrRange(text)).toBe(canonical);
    expect(isIp(text)).toBe(true);
  });

  test.each([
    '10.0.0.0/33',
    '2001:db8::/129',
    '10.0.0.0/',
    '10.0.0.0/024',
    '10.0.0.0/8/8',
    '10.0.0.0/-1',
    'fe80::%eth0/64',
    '12.325.353.2/24',
    '/24',
    'SIP/2.0',
  ])('%j is neither', (text) => {
    expect(canonicalIpOrRange(text)).toBeUndefined();
    expect(isIp(text)).toBe(false);
  });
});

describe('ipInRange', () => {
  test('an address matches exactly: 10.0.0.1 never matches 10.0.0.10', () => {
    expect(ipInRange(range('10.0.0.1'), address('10.0.0.1'))).toBe(true);
    expect(ipInRange(range('10.0.0.1'), address('10.0.0.10'))).toBe(false);
    expect(ipInRange(range('10.0.0.10'), address('10.0.0.1'))).toBe(false);
  });

  test('a range holds the addresses under its prefix, and only those', () => {
    const r = range('203.0.113.0/24');
    expect(ipInRange(r, address('203.0.113.0'))).toBe(true);
    expect(ipInRange(r, address('203.0.113.255'))).toBe(true);
    expect(ipInRange(r, address('203.0.114.0'))).toBe(false);
    expect(ipInRange(r, address('203.0.112.255'))).toBe(false);
  });

  test('a range typed with host bits set is the same range', () => {
    expect(ipInRange(range('203.0.113.77/24'), address('203.0.113.1'))).toBe(true);
  });

  test('/0 holds every address of its family and none of the other', () => {
    expect(ipInRange(range('0.0.0.0/0'), address('255.255.255.255'))).toBe(true);
    expect(ipInRange(range('0.0.0.0/0'), address('2001:db8::1'))).toBe(false);
    expect(ipInRange(range('::/0'), address('2001:db8::1'))).toBe(true);
    expect(ipInRange(range('::/0'), address('10.0.0.1'))).toBe(false);
  });

  test('IPv6 ranges and addresses', () => {
    expect(ipInRange(range('2001:db8::/32'), address('2001:0db8:ffff::1'))).toBe(true);
    expect(ipInRange(range('2001:db8::/32'), address('2001:db9::1'))).toBe(false);
    expect(ipInRange(range('2001:db8::1'), address('2001:0db8:0:0:0:0:0:1'))).toBe(true);
    expect(ipInRange(range('2001:db8::1'), address('2001:db8::1:0'))).toBe(false);
  });

  test('IPv4-mapped IPv6 and IPv4 are one address space', () => {
    expect(ipInRange(range('::ffff:192.0.2.0/120'), address('192.0.2.9'))).toBe(true);
    expect(ipInRange(range('192.0.2.0/24'), address('::ffff:192.0.2.9'))).toBe(true);
  });
});
