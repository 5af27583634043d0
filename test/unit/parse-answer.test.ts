import { parseAnswer } from '../../src/itnio/client.js';
import { ItnioError } from '../../src/itnio/errors.js';

const record = {
  keyId: 5000028,
  sipGatewayIp: '12.325.353.2',
  sipWhiteIp: null,
  type: 1,
  state: 1,
  sipTrunkName: '22232',
  sipPrefix: null,
  ccIp: '0000.000.0.00',
  createTime: '2025-01-10 11:31:21',
  updateTime: '2025-01-10 11:31:21',
  groupList: [{ groupId: 1000026, groupName: 'groupName1', number: null }],
  sipAccount: null,
  sipPassword: 'never-show-me',
  sipTrunkState: false,
};

const envelope = (overrides: object = {}, data: object = {}) =>
  JSON.stringify({
    status: 0,
    reason: 'success',
    data: { total: 1, size: 50, current: 1, searchCount: true, pages: 1, records: [record], ...data },
    ...overrides,
  });

function codeOf(body: string): string | undefined {
  try {
    parseAnswer(body);
  } catch (err) {
    return err instanceof ItnioError ? err.code : 'not an ItnioError';
  }
  return undefined;
}

describe('parseAnswer', () => {
  test('reads the vendor example, quirks included, and drops the SIP password', () => {
    const page = parseAnswer(envelope({ status: '0' }));
    expect(page).toMatchObject({ total: 1, pages: 1, current: 1 });
    expect(page.records[0]).toEqual({
      keyId: 5000028,
      name: '22232',
      type: 1,
      enabled: true,
      gatewayUp: false,
      gatewayIp: '12.325.353.2',
      whiteIp: null,
      prefix: null,
      ccIp: '0000.000.0.00',
      sipAccount: null,
      createTime: '2025-01-10 11:31:21',
      updateTime: '2025-01-10 11:31:21',
      groups: [{ groupId: 1000026, groupName: 'groupName1', number: null }],
    });
    expect(JSON.stringify(page)).not.toContain('never-show-me');
  });

  test('accepts voiceGroupId as the group id, and missing optional fields', () => {
    const page = parseAnswer(
      envelope({}, { records: [{ keyId: 1, groupList: [{ voiceGroupId: 7, groupName: 'G' }] }] }),
    );
    expect(page.records[0]).toMatchObject({
      keyId: 1,
      name: null,
      enabled: null,
      gatewayUp: null,
      groups: [{ groupId: 7, groupName: 'G', number: null }],
    });
  });

  test('one odd record does not sink the page: odd fields read as unknown, non-objects are counted out', () => {
    const page = parseAnswer(
      envelope(
        {},
        {
          total: 4,
          records: [
            {
              ...record,
              keyId: null,
              state: 'abc',
              type: 7,
              sipTrunkState: 'maybe',
              groupList: [null, 5, { groupId: 9, groupName: 42 }],
            },
            null,
            'garbage',
            { ...record, keyId: '77', state: '0', type: '2', sipTrunkState: 1, sipGatewayIp: 10 },
          ],
        },
      ),
    );
    expect(page.unreadable).toBe(2);
    expect(page.records).toHaveLength(2);
    expect(page.records[0]).toMatchObject({
      keyId: null,
      enabled: null,
      type: null,
      gatewayUp: null,
      groups: [{ groupId: 9, groupName: '42', number: null }],
    });
    expect(page.records[1]).toMatchObject({ keyId: '77', enabled: false, type: 2, gatewayUp: true, gatewayIp: '10' });
  });

  test('missing or odd page counters fall back to what the records say', () => {
    const page = parseAnswer(envelope({}, { total: null, pages: 'many', size: null, current: undefined }));
    expect(page).toMatchObject({ total: 1, size: 1, pages: 1, current: 1 });
  });

  test('null records mean an empty page', () => {
    expect(parseAnswer(envelope({}, { records: null, total: 0, pages: 0 })).records).toEqual([]);
  });

  test.each([
    ['the docs example with a trailing comma', envelope().replace('"number":null', '"number":null,')],
    ['truncated JSON', envelope().slice(0, 80)],
    ['an HTML error page', '<html><body>502 Bad Gateway</body></html>'],
    ['an empty body', ''],
    ['a JSON array', '[]'],
    ['no status', JSON.stringify({ reason: 'ok', data: null })],
    ['a non-numeric status', JSON.stringify({ status: 'ok', data: null })],
    ['missing data on success', JSON.stringify({ status: 0, reason: 'success' })],
    ['records of the wrong type', envelope({}, { records: 'lots' })],
  ])('%s is an unexpected answer', (_label, body) => {
    expect(codeOf(body)).toBe('itnio_bad_answer');
  });

  test.each([
    [-1, 'itnio_auth'],
    ['-16', 'itnio_clock'],
    [-23, 'itnio_quota'],
    [-77, 'itnio_status'],
  ])('vendor status %j becomes %s', (status, code) => {
    expect(codeOf(JSON.stringify({ status, reason: 'x', data: null }))).toBe(code);
  });
});
