import { findPhoneNumbersInText, numbersMatch, phoneDigits } from '../../src/trunks/phone-number.js';

describe('phoneDigits', () => {
  test.each([
    ['+44 20 7946 0122', '442079460122'],
    ['0044 20 7946 0122', '442079460122'],
    ['020 7946 0122', '2079460122'],
    ['(020) 7946-0122', '2079460122'],
    ['+44 (0) 20 7946 0122', '442079460122'],
    ['+1-555-123-0000', '15551230000'],
    ['442079460122', '442079460122'],
    ['  +15551230000', '15551230000'],
    ['', ''],
    ['acme', ''],
  ])('%j → %s', (text, digits) => {
    expect(phoneDigits(text)).toBe(digits);
  });
});

describe('numbersMatch', () => {
  const match = (a: string, b: string) => numbersMatch(phoneDigits(a), phoneDigits(b));

  test('a national number finds the international one, and the other way round', () => {
    expect(match('020 7946 0122', '+442079460122')).toBe(true);
    expect(match('+44 20 7946 0122', '442079460122')).toBe(true);
    expect(match('+442079460122', '020 7946 0122')).toBe(true);
  });

  test('different numbers do not match: the whole shorter one must be the tail, not just a part of it', () => {
    expect(match('020 7946 0122', '+442079460123')).toBe(false);
    expect(match('020 7946 0122', '+441179460122')).toBe(false);
    expect(match('+442079460122', '+4420794601229')).toBe(false);
  });

  test('the shorter side needs 7 digits: a fragment never matches', () => {
    expect(match('7946 01', '+442079460122')).toBe(false);
    expect(match('460122', '+442079460122')).toBe(false);
    expect(match('9460122', '+442079460122')).toBe(true);
    expect(numbersMatch('794601', '794601')).toBe(false);
    expect(numbersMatch('7946012', '7946012')).toBe(true);
    expect(numbersMatch('', '')).toBe(false);
  });
});

describe('findPhoneNumbersInText', () => {
  test.each([
    ['call +44 20 7946 0122 now', ['+44 20 7946 0122']],
    ['(020) 7946-0122', ['(020) 7946-0122']],
    ['+1-555-123-0000', ['+1-555-123-0000']],
    ['+1 (555) 123-0000', ['+1 (555) 123-0000']],
    ['sip:+442079460122@203.0.113.25', ['+442079460122']],
    ['tel:+44-20-7946-0123;phone-context=x', ['+44-20-7946-0123']],
    ['020.7946.0122', ['020.7946.0122']],
    ['+44 20 7946 0122, 020 7946 0122 and +442079460122', ['+44 20 7946 0122', '020 7946 0122']],
    ['ring 020 7946 0122 10:30 please', ['020 7946 0122']],
    ['end of sentence: 07700 900123.', ['07700 900123']],
  ])('%j', (text, numbers) => {
    expect(findPhoneNumbersInText(text)).toEqual(numbers);
  });

  test.each([
    ['fewer than 7 digits', 'extension 7946 01'],
    ['an IP address', 'gateway 203.0.113.25 is down'],
    ['an IP address with a port', 'gateway 203.0.113.25:5060 is down'],
    ['a junk IP address', 'gateway 12.325.353.2 is down'],
    ['an ISO date', 'since 2025-01-10'],
    ['a date and time', 'since 2025-01-10 11:31:21'],
    ['an ISO timestamp', 'at 2025-01-10T11:31:21Z'],
    ['a European date', 'on 10.01.2025'],
    ['a time', 'at 11:31:21'],
    ['an ID inside a word', 'Call-ID a84b4c76e66710 and order AB12345678 and 12345678xyz'],
    ['a SIP tag', 'From: <sip:alice@example.com>;tag=1928301774'],
    ['a Call-ID', 'Call-ID: 3848276298@198.51.100.7'],
    ['a ticket', 'see ticket #4512345'],
    ['a URL path', 'https://noc.example.com/tickets/4512345'],
    ['too many digits', 'session 28908445262890844526'],
    ['SDP lines', 'o=- 2890844526 2890844526 IN IP4 198.51.100.7'],
  ])('no number in %s', (_, text) => {
    expect(findPhoneNumbersInText(text)).toEqual([]);
  });
});
