import fc from 'fast-check';
import { parseAnswer } from '../../src/itnio/client.js';
import { failureOf } from '../../src/pipeline/answer-query.js';
import { describeFailure } from '../../src/trunks/render-failure.js';
import { ItnioError, type ItnioErrorCode } from '../../src/itnio/errors.js';
import type { TrunkPage } from '../../src/trunks/trunk.js';
import { DOCUMENTED_EXAMPLE_BODY as DOCUMENTED_BODY } from '../../devkit/sandbox/vendor-envelope.js';
import { RUN, hostileText } from './arbitraries.js';

const CODES: ItnioErrorCode[] = [
  'itnio_auth',
  'itnio_clock',
  'itnio_params',
  'itnio_quota',
  'itnio_vendor_error',
  'itnio_status',
  'itnio_timeout',
  'itnio_unreachable',
  'itnio_http',
  'itnio_bad_answer',
];
const PASSWORD = 'PW-SECRET-vendor';

const record = (i: number) => ({
  keyId: 5_000_000 + i,
  sipGatewayIp: '203.0.113.10',
  sipWhiteIp: null,
  type: 1,
  state: 1,
  sipTrunkName: `trunk-${i}`,
  sipPrefix: null,
  ccIp: '10.0.0.5',
  createTime: '2025-01-10 11:31:21',
  updateTime: '2025-01-10 11:31:21',
  groupList: [{ groupId: 1_000_026, groupName: 'groupName1', number: null }],
  sipAccount: 'acct',
  sipPassword: `${PASSWORD}-${i}`,
  sipTrunkState: false,
});
const envelope = (records: unknown[]) => ({
  status: 0,
  reason: 'success',
  data: { total: records.length, size: 50, current: 1, searchCount: true, pages: 1, records },
});
const VALID_BODY = JSON.stringify(envelope([record(1), record(2)]), null, 1);

type Outcome = { page: TrunkPage } | { error: ItnioError };

/**
 * The whole contract of parseAnswer: a page with sane counters, or an ItnioError with a known code whose
 * description is short, non-empty and free of the body and of passwords.
 */
function read(body: string): Outcome {
  let page: TrunkPage;
  try {
    page = parseAnswer(body);
  } catch (error) {
    expect(error).toBeInstanceOf(ItnioError);
    const err = error as ItnioError;
    expect(CODES).toContain(err.code);
    const text = describeFailure(failureOf(err));
    expect(text.trim()).not.toBe('');
    expect(text.length).toBeLessThan(500);
    if (body.trim().length >= 12) expect(text).not.toContain(body.trim());
    expect(text).not.toContain(PASSWORD);
    return { error: err };
  }
  expect(Array.isArray(page.records)).toBe(true);
  for (const n of [page.total, page.size, page.current, page.pages, page.unreadable]) {
    expect(Number.isInteger(n) && n >= 0).toBe(true);
  }
  for (const trunk of page.records) expect(Object.keys(trunk)).not.toContain('sipPassword');
  expect(JSON.stringify(page)).not.toContain(PASSWORD);
  return { page };
}

const codeOf = (body: string) => {
  const outcome = read(body);
  return 'error' in outcome ? outcome.error.code : 'page';
};

const anyJson = fc.jsonValue({ maxDepth: 3 });
const oddStatus = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '0 ',
    ' -1',
    '0x0',
    '-0',
    '1e3',
    'NaN',
    'Infinity',
    '０',
    'ok',
    'success',
    'null',
    '-16',
    '-22.0',
    '\u0000',
  ),
  fc.string({ maxLength: 12 }),
  fc.oneof(fc.integer(), fc.double()),
  anyJson,
);

/** A valid envelope with one field, anywhere in envelope, data or a record, replaced by something else. */
const oneFieldWrong = fc
  .tuple(
    fc.constantFrom(
      'status',
      'reason',
      'data',
      'data.total',
      'data.size',
      'data.current',
      'data.pages',
      'data.records',
      'data.searchCount',
      'record',
      'record.keyId',
      'record.type',
      'record.state',
      'record.sipTrunkName',
      'record.sipTrunkState',
      'record.groupList',
      'record.groupList.0',
      'record.groupList.0.groupName',
      'record.createTime',
    ),
    fc.oneof(oddStatus, anyJson, hostileText(40), fc.constant(undefined)),
  )
  .map(([path, value]) => {
    const body = envelope([record(1)]) as Record<string, unknown>;
    const [head, ...rest] = path.split('.');
    const parent = head === 'record' ? (body.data as { records: Record<string, unknown>[] }).records : body;
    const keys = head === 'record' ? ['0', ...rest] : [head!, ...rest];
    let at = parent as Record<string, unknown>;
    for (const key of keys.slice(0, -1)) at = at[key] as Record<string, unknown>;
    at[keys.at(-1)!] = value;
    return { path, body: JSON.stringify(body) };
  });

const htmlPage = fc
  .tuple(
    fc.constantFrom('502 Bad Gateway', '<h1>Service Unavailable</h1>', 'Attention Required! | Cloudflare', ''),
    hostileText(200),
  )
  .map(([title, junk]) => `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body>${junk}</body></html>`);

describe('parseAnswer on malformed vendor answers (properties)', () => {
  test('the documented example is refused for its trailing comma, and parses once the comma is fixed', () => {
    expect(codeOf(DOCUMENTED_BODY)).toBe('itnio_bad_answer');
    const fixed = read(DOCUMENTED_BODY.replace(/,(\s*[}\]])/g, '$1'));
    expect(fixed).toMatchObject({ page: { total: 1, size: 50, current: 1, pages: 1, unreadable: 0 } });
    expect('page' in fixed && fixed.page.records[0]).toMatchObject({
      keyId: 5000028,
      name: '22232',
      type: 1,
      groups: [{ groupId: 1000026, groupName: 'groupName1', number: null }],
    });
  });

  test('every truncation of a valid answer is an unexpected answer', () => {
    for (const body of [VALID_BODY, DOCUMENTED_BODY.replace(/,(\s*[}\]])/g, '$1')]) {
      expect(codeOf(body)).toBe('page');
      for (let cut = 0; cut < body.length; cut++) expect(codeOf(body.slice(0, cut))).toBe('itnio_bad_answer');
    }
  });

  test('HTML pages and arbitrary text are unexpected answers', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          htmlPage,
          hostileText(300).filter((s) => !isJson(s)),
        ),
        (body) => {
          expect(codeOf(body)).toBe('itnio_bad_answer');
        },
      ),
      { ...RUN, numRuns: 500 },
    );
  });

  test('any JSON at all gives a page or a coded error, never anything else', () => {
    fc.assert(
      fc.property(anyJson, (value) => {
        read(JSON.stringify(value) ?? 'null');
      }),
      { ...RUN, numRuns: 500 },
    );
  });

  test('any single wrong field gives a page or a coded error; one inside a record or a counter never sinks the page', () => {
    fc.assert(
      fc.property(oneFieldWrong, ({ path, body }) => {
        const outcome = read(body);
        if (path.startsWith('record') || /^data\.(total|size|current|pages|searchCount)$/.test(path)) {
          expect('page' in outcome && outcome.page.records.length + outcome.page.unreadable).toBe(1);
        }
      }),
      { ...RUN, numRuns: 1_000 },
    );
  });

  test('an odd status is a vendor error or an unexpected answer, and only a status that reads as 0 gives a page', () => {
    fc.assert(
      fc.property(oddStatus, (status) => {
        const body = JSON.stringify({ ...envelope([record(1)]), status });
        const sent: unknown = JSON.parse(body).status;
        const n = typeof sent === 'number' ? sent : typeof sent === 'string' && sent.trim() !== '' ? Number(sent) : NaN;
        const outcome = read(body);
        if (Number.isNaN(n)) expect(codeOf(body)).toBe('itnio_bad_answer');
        else if (n === 0) expect('page' in outcome).toBe(true);
        else
          expect([
            'itnio_auth',
            'itnio_clock',
            'itnio_vendor_error',
            'itnio_params',
            'itnio_quota',
            'itnio_status',
          ]).toContain(codeOf(body));
      }),
      { ...RUN, numRuns: 500 },
    );
  });

  test('missing data, or data that is not an object, is an unexpected answer on success', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constant(undefined), fc.constant(null), fc.array(anyJson), fc.string(), fc.double(), fc.boolean()),
        (data) => {
          expect(codeOf(JSON.stringify({ status: 0, reason: 'success', data }))).toBe('itnio_bad_answer');
        },
      ),
      { ...RUN, numRuns: 300 },
    );
  });

  test('every record sent is either read or counted as unreadable, even for 5,000 records', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof({ weight: 3, arbitrary: fc.nat(9).map(record) }, { weight: 1, arbitrary: anyJson }), {
          maxLength: 60,
        }),
        (records) => {
          const outcome = read(JSON.stringify(envelope(records)));
          expect('page' in outcome && outcome.page.records.length + outcome.page.unreadable).toBe(records.length);
        },
      ),
      { ...RUN, numRuns: 300 },
    );
    const huge = Array.from({ length: 5_000 }, (_, i) => (i % 7 === 0 ? 'junk' : record(i)));
    const outcome = read(JSON.stringify(envelope(huge)));
    expect('page' in outcome && [outcome.page.records.length, outcome.page.unreadable]).toEqual([4_285, 715]);
  });
});

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
