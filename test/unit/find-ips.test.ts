import { addressesIn, findIpsInText } from '../../src/trunks/find-ips.js';
import { formatIp } from '../../src/trunks/ip-address.js';

const spelled = (field: string | null) => addressesIn(field).map(formatIp);

describe('addressesIn', () => {
  test('a field may hold one address, several, or none', () => {
    expect(spelled('203.0.113.10')).toEqual(['203.0.113.10']);
    expect(spelled(null)).toEqual([]);
    expect(spelled('')).toEqual([]);
  });

  test.each([
    ['203.0.113.10,203.0.113.11', ['203.0.113.10', '203.0.113.11']],
    ['203.0.113.10; 203.0.113.11', ['203.0.113.10', '203.0.113.11']],
    ['203.0.113.10 203.0.113.11\n203.0.113.12', ['203.0.113.10', '203.0.113.11', '203.0.113.12']],
    ['203.0.113.10|2001:db8::1', ['203.0.113.10', '2001:db8::1']],
    ['203.0.113.10/203.0.113.11', ['203.0.113.10', '203.0.113.11']],
  ])('separators: %j', (field, addresses) => {
    expect(spelled(field)).toEqual(addresses);
  });

  test('a range in a field stands for its address part, and its length is no second address', () => {
    expect(spelled('198.51.100.7/24')).toEqual(['198.51.100.7']);
    expect(spelled('198.51.100.7/24, 10.0.0.1/32/10.0.0.2')).toEqual(['198.51.100.7', '10.0.0.1', '10.0.0.2']);
    expect(spelled('2001:db8::/32')).toEqual(['2001:db8::']);
  });

  test('junk addresses are skipped, not errors', () => {
    expect(spelled('12.325.353.2')).toEqual([]);
    expect(spelled('0000.000.0.00')).toEqual([]);
    expect(spelled('12.325.353.2, 203.0.113.10, n/a, 0000.000.0.00')).toEqual(['203.0.113.10']);
  });

  test('ports, brackets and zones are stepped over', () => {
    expect(spelled('203.0.113.9:5060')).toEqual(['203.0.113.9']);
    expect(spelled('[2001:db8::2]:5060')).toEqual(['2001:db8::2']);
    expect(spelled('fe80::1%eth0')).toEqual(['fe80::1']);
  });

  test('IPv6 in any spelling, and IPv4-mapped IPv6 as IPv4', () => {
    expect(spelled('2001:0DB8:0:0:0:0:0:1, ::ffff:203.0.113.25')).toEqual(['2001:db8::1', '203.0.113.25']);
  });
});

describe('findIpsInText', () => {
  test.each([
    ['Via: SIP/2.0/UDP 203.0.113.25:5060;branch=z9hG4bK776', ['203.0.113.25']],
    ['Contact: <sip:[2001:db8::1]:5060>', ['2001:db8::1']],
    ['sip:+442079460122@203.0.113.25', ['203.0.113.25']],
    ['Route: <sip:203.0.113.30:5060;lr>', ['203.0.113.30']],
    ['The gateway is 203.0.113.25.', ['203.0.113.25']],
    ['it was 2001:db8::7: timed out', ['2001:db8::7']],
    ['link-local fe80::1%eth0 answered', ['fe80::1']],
    ['203.0.113.25 and again 203.0.113.25', ['203.0.113.25']],
  ])('%j', (text, addresses) => {
    expect(findIpsInText(text)).toEqual(addresses);
  });

  test.each([
    'SIP/2.0 200 OK',
    'Server: Asterisk/16.2.1.3',
    'User-Agent: FPBX-16.0.40.7',
    'firmware v1.2.3.4',
    'Date: 2025-01-10 11:31:21',
    'on 10.01.2025 at 11:31',
    'MAC 00:1a:2b:3c:4d:5e',
    'c=IN IP4 0.0.0.0',
    'unspecified ::',
    'not one: 12.325.353.2 or 1.2.3.4.5',
    'branch=z9hG4bKdead:beef::1x',
  ])('no address in %j', (text) => {
    expect(findIpsInText(text)).toEqual([]);
  });
});
