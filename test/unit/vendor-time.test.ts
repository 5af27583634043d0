import { parseVendorTime } from '../../src/trunks/vendor-time.js';

describe('parseVendorTime', () => {
  test.each([
    ['2025-01-10 11:31:21', 'UTC', '2025-01-10T11:31:21.000Z'],
    ['2025-01-10 11:31:21', 'Asia/Shanghai', '2025-01-10T03:31:21.000Z'],
    ['2025-07-01 12:00:00', 'Europe/London', '2025-07-01T11:00:00.000Z'],
    ['2025-01-01 12:00:00', 'Europe/London', '2025-01-01T12:00:00.000Z'],
    ['  2025-01-10 11:31:21\n', 'UTC', '2025-01-10T11:31:21.000Z'],
  ])('%j in %s', (value, zone, iso) => {
    expect(parseVendorTime(value, zone)?.toISOString()).toBe(iso);
  });

  test.each([
    '2025-13-01 00:00:00',
    '2025-02-31 10:00:00',
    '2025-01-10 25:00:00',
    '2025-01-10',
    'yesterday',
    '',
    '2025-01-10T11:31:21Z',
  ])('%j is not a vendor time', (value) => {
    expect(parseVendorTime(value, 'UTC')).toBeUndefined();
  });

  test('null stays unknown, and repeated reads give equal but separate dates', () => {
    expect(parseVendorTime(null, 'UTC')).toBeUndefined();
    const a = parseVendorTime('2025-01-10 11:31:21', 'Asia/Shanghai');
    const b = parseVendorTime('2025-01-10 11:31:21', 'Asia/Shanghai');
    expect(a).toEqual(b);
    expect(a).not.toBe(b);
  });
});
