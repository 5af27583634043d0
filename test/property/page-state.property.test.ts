import fc from 'fast-check';
import { createButtonSeal } from '../../src/trunks/button-seal.js';
import { decodePageState, encodePageState, type PageState } from '../../src/trunks/page-state.js';
import { MAX_NAME_LENGTH, MAX_PAGE, type TrunkRequest } from '../../src/trunks/trunk-request.js';
import { RUN, hostileText, hostileUnit, slackUserId } from './arbitraries.js';

const seal = createButtonSeal('page-state-property-secret');

const secret = fc.string({ unit: 'binary', minLength: 1, maxLength: 40 });
const twoSecrets = fc.tuple(secret, secret).filter(([a, b]) => a !== b);

/** Any state the renderer may put on a button: every name the wire format allows, lone surrogates included. */
const validState: fc.Arbitrary<PageState> = fc
  .record(
    {
      page: fc.oneof(fc.constantFrom(1, MAX_PAGE), fc.integer({ min: 1, max: MAX_PAGE })),
      type: fc.constantFrom(1 as const, 2 as const),
      name: fc
        .string({ unit: hostileUnit, minLength: 1, maxLength: MAX_NAME_LENGTH })
        .map((n) => Array.from(n).slice(0, MAX_NAME_LENGTH).join('')),
      sharedBy: slackUserId,
    },
    { requiredKeys: ['page'] },
  )
  .map(({ page, type, name, sharedBy }) => {
    const request: TrunkRequest = { page };
    if (type !== undefined) request.type = type;
    if (name !== undefined) request.name = name;
    return sharedBy === undefined ? { request } : { request, sharedBy };
  });

/** Payloads shaped like the wire format but wrong in one or more ways, plus any JSON at all. */
const nearWire = fc.record(
  {
    p: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -1, MAX_PAGE + 1, '1', null, true)),
    t: fc.oneof(fc.integer({ min: -1, max: 3 }), fc.constantFrom('1', null, [1])),
    n: fc.oneof(
      hostileText(120),
      fc.constantFrom('', null, 7, 'x'.repeat(MAX_NAME_LENGTH + 1), '😀'.repeat(MAX_NAME_LENGTH + 1)),
    ),
    s: fc.oneof(slackUserId, hostileText(40), fc.constantFrom('u123', 'U1', `U${'A'.repeat(31)}`)),
    extra: fc.jsonValue(),
    __proto__: fc.jsonValue(),
  },
  { requiredKeys: [] },
);
const anyPayload = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null'),
  nearWire.map((v) => JSON.stringify(v)),
  fc.string({ unit: hostileUnit, maxLength: 200 }),
);

/** Whatever decodes is a state the bot could have encoded. */
function expectInRange(state: PageState): void {
  const { request, sharedBy } = state;
  expect(Object.keys(state).every((k) => k === 'request' || k === 'sharedBy')).toBe(true);
  expect(Number.isInteger(request.page) && request.page >= 1 && request.page <= MAX_PAGE).toBe(true);
  expect([undefined, 1, 2]).toContain(request.type);
  if (request.name !== undefined) expect(Array.from(request.name).length).toBeGreaterThanOrEqual(1);
  if (request.name !== undefined) expect(Array.from(request.name).length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
  if (sharedBy !== undefined) expect(sharedBy).toMatch(/^[UW][A-Z0-9]{2,30}$/);
}

describe('page state on buttons (properties)', () => {
  test('decoding never throws, and anything that is not a string this seal made is undefined', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.anything(), fc.jsonValue(), hostileText(300), fc.string({ unit: 'binary', maxLength: 2_500 })),
        (value) => {
          expect(decodePageState(value, seal)).toBeUndefined();
        },
      ),
      { ...RUN, numRuns: 1_000 },
    );
  });

  test('a payload sealed with the right secret never throws, and decodes to undefined or an in-range state', () => {
    fc.assert(
      fc.property(anyPayload, (payload) => {
        const state = decodePageState(seal.seal(payload), seal);
        if (state !== undefined) expectInRange(state);
      }),
      { ...RUN, numRuns: 1_000 },
    );
  });

  test('valid states round-trip, and a button value stays within Slack’s 2,000 characters', () => {
    fc.assert(
      fc.property(validState, (state) => {
        const value = encodePageState(state, seal);
        expect(value.length).toBeLessThanOrEqual(2_000);
        expect(decodePageState(value, seal)).toEqual(state);
      }),
      { ...RUN, numRuns: 1_000 },
    );
  });

  test('a state sealed with another secret is refused', () => {
    fc.assert(
      fc.property(validState, twoSecrets, (state, [mine, theirs]) => {
        const value = encodePageState(state, createButtonSeal(theirs));
        expect(decodePageState(value, createButtonSeal(mine))).toBeUndefined();
        expect(decodePageState(value, createButtonSeal(theirs))).toEqual(state);
      }),
      { ...RUN, numRuns: 300 },
    );
  });

  test('changing, removing or inserting any single character of a sealed value makes it undefined', () => {
    fc.assert(
      fc.property(validState, fc.string({ unit: hostileUnit, minLength: 1, maxLength: 1 }), (state, ch) => {
        const value = encodePageState(state, seal);
        for (let i = 0; i < value.length; i++) {
          const other = ch === value[i] ? (value[i] === 'A' ? 'B' : 'A') : ch;
          for (const altered of [
            value.slice(0, i) + other + value.slice(i + 1),
            value.slice(0, i) + value.slice(i + 1),
            value.slice(0, i) + ch + value.slice(i),
          ]) {
            expect(decodePageState(altered, seal)).toBeUndefined();
          }
        }
      }),
      { ...RUN, numRuns: 100 },
    );
  });
});
