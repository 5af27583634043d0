import fc from 'fast-check';
import { canonicalIpOrRange } from '../../src/trunks/ip-address.js';
import { MAX_NAME_LENGTH, MAX_PAGE, type TrunkRequest, type TrunkStatus } from '../../src/trunks/trunk-request.js';
import { hostileUnit } from './arbitraries.js';

// Characters the parser never hands over in a value: decodeSlackInput turns smart quotes straight and control
// characters into spaces, and white space is collapsed to single spaces.
const NEVER_IN_VALUES = /[\u201C-\u201F\u2033\u00AB\u00BB\u2018-\u201B\u2032\p{Cc}\u2028\u2029]|(?! )\s/u;

/** Free text as the parser hands it over: single-spaced, trimmed, at most `max` code points, never empty. */
export function parsedText(max: number, { maxLength = 40 } = {}): fc.Arbitrary<string> {
  return fc
    .oneof(
      { weight: 3, arbitrary: fc.string({ unit: hostileUnit, minLength: 1, maxLength }) },
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          'acme',
          'Globex Inbound EU',
          'support tier 1',
          "o'reilly",
          'say "hi"',
          'in',
          'down stats',
          'page 2',
          '12',
          '5000004',
          '+44 20',
          '203.0.113.25',
          'name:x',
          'AT&T <eu>',
          '&lt; &amp;',
          '<@U123|bob>',
          'acme?',
          'outgoign',
          'trunks',
          '-x',
        ),
      },
    )
    .map((s) =>
      Array.from(s)
        .filter((ch) => !NEVER_IN_VALUES.test(ch))
        .slice(0, max)
        .join('')
        .replace(/ +/g, ' ')
        .trim()
        .split(' ')
        // A word holding both kinds of quote is refused by the parser.
        .map((w) => (w.includes('"') ? w.replace(/'/g, '') : w))
        .join(' ')
        .replace(/ +/g, ' ')
        .trim(),
    )
    .filter((s) => s !== '');
}

/** An IPv4 or IPv6 address or range, in the parser's canonical spelling. */
export const canonicalIp: fc.Arbitrary<string> = fc
  .oneof(
    fc.ipV4(),
    fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 32 })).map(([ip, bits]) => `${ip}/${bits}`),
    fc.ipV6(),
    fc.tuple(fc.ipV6(), fc.integer({ min: 0, max: 128 })).map(([ip, bits]) => `${ip}/${bits}`),
  )
  .map((ip) => canonicalIpOrRange(ip)!);

/** A phone number as a user types it, white space already single. */
export const phoneNumber: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('', '+', '0', '(0', '+44 (0)'),
    fc.array(fc.stringMatching(/^\d{1,4}$/), { minLength: 2, maxLength: 5 }),
    fc.constantFrom(' ', '-', ' - '),
  )
  .map(([lead, groups, sep]) => `${lead}${groups.join(sep)}${lead === '(0' ? ')' : ''}`)
  .filter((n) => {
    const digits = n.replace(/\D/g, '').length;
    return digits >= 7 && digits <= 16;
  });

const STATUS_SETS: TrunkStatus[][] = [
  ['down'],
  ['up'],
  ['enabled'],
  ['disabled'],
  ['enabled', 'down'],
  ['up', 'enabled'],
];

const sinceDate = fc
  .tuple(fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), fc.boolean())
  .map(([d, withTime]) => {
    const iso = d.toISOString();
    return withTime ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : iso.slice(0, 10);
  });

/** A value for `account:` or `group:`: with a space it was typed in quotes, so it holds one kind of quote at most. */
const filterText = parsedText(100).filter((v) => !(v.includes(' ') && v.includes('"') && v.includes("'")));

const unique = <T>(arb: fc.Arbitrary<T>) => fc.uniqueArray(arb, { minLength: 1, maxLength: 3 });

/** Any request the parser can produce, every filter included: what buttons carry and formatRequest writes. */
export const validRequest: fc.Arbitrary<TrunkRequest> = fc.record(
  {
    page: fc.oneof(fc.constantFrom(1, 2, MAX_PAGE), fc.integer({ min: 1, max: MAX_PAGE })),
    type: fc.constantFrom(1 as const, 2 as const),
    name: parsedText(MAX_NAME_LENGTH),
    ips: unique(canonicalIp),
    numbers: unique(phoneNumber),
    ids: unique(fc.oneof(fc.constant('0'), fc.stringMatching(/^[1-9]\d{0,19}$/))),
    idsOrNumbers: unique(fc.stringMatching(/^[1-9]\d{6,19}$/)),
    account: filterText,
    group: filterText,
    prefix: fc.stringMatching(/^[\d*#+]{1,20}$/),
    status: fc.constantFrom(...STATUS_SETS),
    changed: fc.oneof(
      fc.integer({ min: 1, max: 366 * 1_440 }).map((withinMinutes) => ({ withinMinutes })),
      sinceDate.map((since) => ({ since })),
    ),
    stats: fc.constant(true),
  },
  { requiredKeys: ['page'] },
);
