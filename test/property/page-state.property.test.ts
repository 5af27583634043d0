import fc from 'fast-check';
import { createButtonSeal } from '../../src/trunks/button-seal.js';
import { formatRequest, MAX_QUERY_TEXT } from '../../src/trunks/format-request.js';
import { decodePageState, encodePageState, type PageState } from '../../src/trunks/page-state.js';
import { parseQuery } from '../../src/trunks/parse-query.js';
import { MAX_PAGE } from '../../src/trunks/trunk-request.js';
import { RUN, hostileText, hostileUnit, slackUserId } from './arbitraries.js';
import { validRequest } from './request-arbitraries.js';

const seal = createButtonSeal('page-state-property-secret');

const secret = fc.string({ unit: 'binary', minLength: 1, maxLength: 40 });
const twoSecrets = fc.tuple(secret, secret).filter(([a, b]) => a !== b);

// Slack sends UTF-8, so a lone surrogate never reaches a request; the seal's MAC reads text as UTF-8 too, where
// every lone surrogate becomes the same replacement character.
const LONE_SURROGATE = /\p{Cs}/u;

/** Any state the renderer may put on a button: every request the grammar can produce, with or without a sharer. */
const validState: fc.Arbitrary<PageState> = fc
  .tuple(
    validRequest.filter((r) => !LONE_SURROGATE.test(formatRequest(r))),
    fc.option(slackUserId, { nil: undefined }),
  )
  .map(([request, sharedBy]) => (sharedBy === undefined ? { request } : { request, sharedBy }));

/** Payloads shaped like the wire format but wrong in one or more ways, plus any text at all. */
const nearWire = fc
  .tuple(
    fc.constantFrom('v2', 'v1', 'V2', '', '{"p":1}'),
    fc.oneof(
      fc.integer({ min: -2, max: MAX_PAGE + 2 }).map(String),
      fc.constantFrom('01', '1.5', '1e3', '', ' 1', '\u0663'),
    ),
    fc.oneof(slackUserId, fc.constantFrom('', 'u123', 'U1', `U${'A'.repeat(31)}`, '<!channel>'), hostileText(40)),
    fc.oneof(
      validRequest.map((r) => formatRequest(r)),
      validRequest.map((r) => `${formatRequest(r)} `),
      fc.constantFrom('', 'help', 'page:2', 'type:9', 'out acme', 'a  b', 'x'.repeat(MAX_QUERY_TEXT + 1)),
      hostileText(200),
    ),
  )
  .map((parts) => parts.join(';'));
const anyPayload = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null'),
  nearWire,
  fc.string({ unit: hostileUnit, maxLength: 200 }),
);

/** Whatever decodes is a state the bot could have encoded. */
function expectInRange(state: PageState): void {
  const { request, sharedBy } = state;
  expect(Object.keys(state).every((k) => k === 'request' || k === 'sharedBy')).toBe(true);
  expect(Number.isInteger(request.page) && request.page >= 1 && request.page <= MAX_PAGE).toBe(true);
  if (sharedBy !== undefined) expect(sharedBy).toMatch(/^[UW][A-Z0-9]{2,30}$/);
  const text = formatRequest({ ...request, page: 1 });
  expect(text.length).toBeLessThanOrEqual(MAX_QUERY_TEXT);
  expect(parseQuery(text)).toEqual({ kind: 'query', request: { ...request, page: 1 } });
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
