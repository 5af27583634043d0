import fc from 'fast-check';
import { parseAnswer } from '../../src/itnio/client.js';
import { blockKitProblem } from '../../devkit/sandbox/block-kit-limits.js';
import { createButtonSeal } from '../../src/trunks/button-seal.js';
import type { TrunkPage } from '../../src/trunks/trunk.js';
import type { SlackMessage } from '../../src/trunks/message.js';
import { renderProblem, renderUsage } from '../../src/trunks/render-notice.js';
import { renderTrunkPage } from '../../src/trunks/render-page.js';
import { MAX_NAME_LENGTH, MAX_PAGE, type TrunkRequest } from '../../src/trunks/trunk-request.js';
import { RUN, hostileText, hostileUnit, slackUserId } from './arbitraries.js';

const seal = createButtonSeal('render-property-secret');
const PASSWORD = 'PW-SECRET-';

const junk = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom([], {}, '', ' ', 'null', 'undefined', [null], { text: '<!channel>' }),
);
const vendorText = fc.oneof({ weight: 6, arbitrary: hostileText(3_000) }, { weight: 1, arbitrary: junk });

// Vendor times come as `yyyy-MM-dd HH:mm:ss`, sometimes padded; padded ones still parse and feed Slack date tokens.
const vendorTime = fc
  .tuple(
    fc.date({ min: new Date('1971-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
    fc.constantFrom('', ' ', '\n', '\t '),
  )
  .map(([d, pad]) => `${pad}${d.toISOString().slice(0, 19).replace('T', ' ')}${pad}`);

const rawGroup = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record(
      {
        groupId: fc.oneof(fc.integer(), vendorText),
        voiceGroupId: fc.oneof(fc.integer(), vendorText),
        groupName: vendorText,
        number: vendorText,
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: junk },
);

/** A record as ITNIO might send it: documented fields with any type, extra keys, and always a password. */
const rawRecord = fc.record(
  {
    keyId: fc.oneof(fc.integer(), vendorText),
    sipTrunkName: vendorText,
    type: fc.oneof(fc.constantFrom(1, 2, '1', '2', 3, 0, ' 1', '1.0'), junk),
    state: fc.oneof(fc.constantFrom(0, 1, '0', '1', 2), junk),
    sipTrunkState: fc.oneof(fc.constantFrom(true, false, 0, 1, '0', '1', 'true', 'false', 'maybe'), junk),
    sipGatewayIp: vendorText,
    sipWhiteIp: vendorText,
    sipPrefix: vendorText,
    ccIp: vendorText,
    sipAccount: vendorText,
    createTime: fc.oneof(vendorTime, vendorText),
    updateTime: fc.oneof(vendorTime, vendorText),
    groupList: fc.oneof(
      { weight: 4, arbitrary: fc.array(rawGroup, { maxLength: 60 }) },
      { weight: 1, arbitrary: fc.constantFrom(null, undefined) },
    ),
    extra: junk,
  },
  { requiredKeys: [] },
);

const counter = fc.oneof(fc.nat({ max: 1_000_000 }), fc.constantFrom(null, '12', 'many', -1, 1.5, 2 ** 53));

/** A successful vendor body, parsed by the real client code. */
const vendorPage = fc
  .record({
    status: fc.constantFrom(0, '0'),
    records: fc.array(fc.oneof({ weight: 12, arbitrary: rawRecord }, { weight: 1, arbitrary: junk }), {
      maxLength: 30,
      size: 'medium',
    }),
    total: counter,
    size: counter,
    current: counter,
    pages: counter,
  })
  .map(({ status, records, ...counters }) => {
    const withPasswords = records.map((r, i) =>
      typeof r === 'object' && r !== null && !Array.isArray(r) ? { ...r, sipPassword: `${PASSWORD}${i}-x7Q` } : r,
    );
    return parseAnswer(
      JSON.stringify({ status, reason: 'success', data: { ...counters, searchCount: true, records: withPasswords } }),
    );
  });

/** The worst a vendor can do: every field of `count` records is the same run of `n` copies of one hostile unit. */
function worstPage(unit: string, n: number, count: number): TrunkPage {
  const v = unit.repeat(n);
  const fields = [
    'keyId',
    'sipTrunkName',
    'sipGatewayIp',
    'sipWhiteIp',
    'sipPrefix',
    'ccIp',
    'sipAccount',
    'updateTime',
  ];
  const record = {
    ...Object.fromEntries(fields.map((f) => [f, v])),
    sipPassword: `${PASSWORD}0`,
    groupList: Array(8).fill({ groupName: v, number: v }),
  };
  return parseAnswer(
    JSON.stringify({ status: 0, data: { total: 1_000, pages: 100, records: Array(count).fill(record) } }),
  );
}
const uniformJunk = fc.tuple(hostileUnit, fc.integer({ min: 1, max: 3_000 })).map(([unit, n]) => unit.repeat(n));

/** A name as the parser hands it over: trimmed, single-spaced, no control characters, at most 100 code points. */
const requestName = fc
  .string({ unit: hostileUnit, minLength: 1, maxLength: 140 })
  .map((s) =>
    Array.from(
      s
        .replace(/[\p{Cc}\u2028\u2029]/gu, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    )
      .slice(0, MAX_NAME_LENGTH)
      .join('')
      .trim(),
  )
  .filter((s) => s !== '');

const request: fc.Arbitrary<TrunkRequest> = fc
  .record(
    {
      page: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: MAX_PAGE })),
      type: fc.constantFrom(1 as const, 2 as const),
      name: requestName,
    },
    { requiredKeys: ['page'] },
  )
  .map((r) => ({
    page: r.page,
    ...(r.type !== undefined && { type: r.type }),
    ...(r.name !== undefined && { name: r.name }),
  }));

/** Everything but the vendor data: what was asked, when, where, and for whom. */
const view = fc.record(
  {
    request,
    fetchedAt: fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
    timeZone: fc.constantFrom('Asia/Shanghai', 'UTC', 'America/St_Johns', 'Asia/Kathmandu'),
    shareable: fc.boolean(),
    sharedBy: slackUserId,
  },
  { requiredKeys: ['request', 'fetchedAt', 'timeZone', 'shareable'] },
);

/** Text Slack parses for mentions and links: the top-level text and every mrkdwn object. */
function mrkdwnTexts(message: SlackMessage): string[] {
  const inBlocks = message.blocks.flatMap((b) => {
    if (b.type === 'section')
      return [
        b.text?.type === 'mrkdwn' ? b.text.text : '',
        ...(b.fields ?? []).map((f) => (f.type === 'mrkdwn' ? f.text : '')),
      ];
    if (b.type === 'context') return b.elements.map((e) => (e.type === 'mrkdwn' ? e.text : ''));
    return [];
  });
  return [message.text, ...inBlocks];
}

// The only markup the bot writes itself: Slack date tokens (escaped fallback) and the sharer's mention.
const DATE_TOKEN = /<!date\^-?\d+\^\{[a-z_]+\}(?: \{[a-z_]+\})?\|([^<>|]*)>/g;
// Characters JSON writes as six-character `\uXXXX` escapes. They cannot reach a notice in bulk: Slack input arrives as
// UTF-8 and decodeSlackInput turns control characters into spaces; the only vendor text echoed is a reason cut to 200.
const JSON_SIX_FOLD = /[\p{Cc}\uD800-\uDFFF]/u;

/**
 * Slack's limits and the suite's 12,000-character JSON budget (Slack answers msg_blocks_too_long from about 13,200,
 * slackapi/bolt-js#2509), plus: no text can ping, link or leave a broken entity.
 */
function expectSafeForSlack(
  message: SlackMessage,
  { sharedBy, jsonBudget = true }: { sharedBy?: string; jsonBudget?: boolean } = {},
): void {
  expect(blockKitProblem(message.blocks)).toBeUndefined();
  if (jsonBudget) expect(JSON.stringify(message).length).toBeLessThan(12_000);
  expect(message.text.length).toBeGreaterThan(0);
  expect(message.text.length).toBeLessThan(3_000);
  for (const text of mrkdwnTexts(message)) {
    // A date token's fallback is shown to old clients, so it is checked like any other text.
    let rest = text.replace(DATE_TOKEN, (_token, fallback: string) => fallback);
    if (sharedBy !== undefined) rest = rest.split(`<@${sharedBy}>`).join('');
    expect(rest).not.toMatch(/[<>]/);
    expect(rest).not.toMatch(/&(?!amp;|lt;|gt;)/);
  }
}

describe('rendering (properties)', () => {
  test('any vendor page renders inside Slack’s limits, with nothing that pings, links or leaks the SIP password', () => {
    fc.assert(
      fc.property(view, vendorPage, (options, page) => {
        const message = renderTrunkPage({ ...options, page, seal });
        expectSafeForSlack(message, { sharedBy: options.sharedBy });
        expect(JSON.stringify(message)).not.toContain(PASSWORD);
      }),
      { ...RUN, numRuns: 200 },
    );
  });

  test('even when every vendor field is the same long run of one hostile character, the page keeps the same limits', () => {
    fc.assert(
      fc.property(
        hostileUnit,
        fc.integer({ min: 1, max: 3_000 }),
        fc.integer({ min: 1, max: 12 }),
        view,
        (unit, n, count, options) => {
          const message = renderTrunkPage({ ...options, page: worstPage(unit, n, count), seal });
          expectSafeForSlack(message, { sharedBy: options.sharedBy });
          expect(JSON.stringify(message)).not.toContain(PASSWORD);
        },
      ),
      { ...RUN, numRuns: 200 },
    );
  });

  test('the usage correction stays inside Slack’s limits and escaped for any list of problems', () => {
    const problems = fc.oneof(
      fc.array(hostileText(60), { maxLength: 1_000, size: 'large' }),
      fc.array(hostileText(3_000), { maxLength: 8 }),
      fc.array(uniformJunk, { minLength: 5, maxLength: 8 }),
    );
    fc.assert(
      fc.property(problems, fc.constantFrom('command' as const, 'mention' as const), (list, surface) => {
        const message = renderUsage(surface, list);
        expectSafeForSlack(message, { jsonBudget: !list.some((p) => JSON_SIX_FOLD.test(p)) });
        if (list.length > 5) expect(message.text).toContain(`and ${list.length - 5} more`);
      }),
      { ...RUN, numRuns: 300 },
    );
  });

  test('a problem notice stays inside Slack’s limits and escaped for any text', () => {
    fc.assert(
      // Callers always have something to say; an empty notice is not a case.
      fc.property(
        fc.oneof(hostileText(5_000), uniformJunk).filter((text) => text !== ''),
        (text) => {
          expectSafeForSlack(renderProblem(text), { jsonBudget: !JSON_SIX_FOLD.test(text) });
        },
      ),
      { ...RUN, numRuns: 300 },
    );
  });
});
