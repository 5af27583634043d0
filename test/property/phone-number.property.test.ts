import fc from 'fast-check';
import { findPhoneNumbersInText, MIN_NUMBER_DIGITS, numbersMatch, phoneDigits } from '../../src/trunks/phone-number.js';
import { hostileText, RUN } from './arbitraries.js';

const digits = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

describe('phone number properties', () => {
  test('numbersMatch is symmetric', () => {
    // Pairs that share a tail, so both outcomes are common.
    const related = fc.tuple(digits(0, 4), digits(0, 4), digits(0, 12)).map(([a, b, tail]) => [a + tail, b + tail]);
    fc.assert(
      fc.property(fc.oneof(related, fc.tuple(digits(0, 15), digits(0, 15))), ([a, b]) => {
        expect(numbersMatch(a!, b!)).toBe(numbersMatch(b!, a!));
      }),
      { ...RUN, numRuns: 2_000 },
    );
  });

  test('a number matches itself behind any country code, but only from 7 digits on', () => {
    fc.assert(
      fc.property(digits(1, 12), digits(0, 3), (number, countryCode) => {
        const expected = number.length >= MIN_NUMBER_DIGITS;
        expect(numbersMatch(number, countryCode + number)).toBe(expected);
        expect(numbersMatch(number, number)).toBe(expected);
      }),
      { ...RUN, numRuns: 1_000 },
    );
  });

  test('national, international and E.164 spellings of one number all match', () => {
    // National significant numbers never start with 0: that digit is the trunk prefix.
    const nationalNumber = fc
      .tuple(fc.constantFrom(...'123456789'), digits(MIN_NUMBER_DIGITS - 1, 9))
      .map(([first, rest]) => first + rest);
    fc.assert(
      fc.property(fc.constantFrom('44', '1', '86', '353'), nationalNumber, (country, national) => {
        const spellings = [
          `+${country} ${national}`,
          `00${country}${national}`,
          `0${national}`,
          `+${country}${national}`,
        ];
        for (const a of spellings)
          for (const b of spellings) expect(numbersMatch(phoneDigits(a), phoneDigits(b))).toBe(true);
      }),
      { ...RUN, numRuns: 500 },
    );
  });

  test('hostile text never throws, and every number found has enough digits to match something', () => {
    fc.assert(
      fc.property(hostileText(200), (text) => {
        for (const found of findPhoneNumbersInText(text)) {
          expect(phoneDigits(found).length).toBeGreaterThanOrEqual(MIN_NUMBER_DIGITS);
        }
      }),
      { ...RUN, numRuns: 500 },
    );
  });
});
