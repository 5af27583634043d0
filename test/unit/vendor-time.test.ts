import { parseVendorTime, vendorTimeMs } from '../../src/trunks/vendor-time.js';

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

describe("vendorTimeMs: each day's offset remembered, switch days by the zone rules", () => {
  test.each([
    ['Asia/Shanghai', '2025-01-10 11:31:21', '2025-01-10T03:31:21.000Z'],
    ['Europe/London', '2025-07-01 12:00:00', '2025-07-01T11:00:00.000Z'],
    ['Europe/London', '2025-01-01 12:00:00', '2025-01-01T12:00:00.000Z'],
    // The days the clocks change: the offset differs between morning and evening.
    ['Europe/London', '2025-03-30 00:30:00', '2025-03-30T00:30:00.000Z'],
    ['Europe/London', '2025-03-30 03:00:00', '2025-03-30T02:00:00.000Z'],
    ['Europe/London', '2025-10-26 00:30:00', '2025-10-25T23:30:00.000Z'],
    ['Europe/London', '2025-10-26 03:00:00', '2025-10-26T03:00:00.000Z'],
    ['America/Sao_Paulo', '2018-11-04 12:00:00', '2018-11-04T14:00:00.000Z'],
    ['Australia/Lord_Howe', '2025-04-06 12:00:00', '2025-04-06T01:30:00.000Z'],
  ])('%s %s → %s', (zone, value, iso) => {
    expect(new Date(vendorTimeMs(value, zone) ?? Number.NaN).toISOString()).toBe(iso);
  });

  test('reads each time right whatever was read before on the same day', () => {
    const read = (value: string) => vendorTimeMs(value, 'Europe/London');
    expect(read('2025-03-30 00:30:00')).toBe(Date.parse('2025-03-30T00:30:00Z'));
    expect(read('2025-03-30 12:00:00')).toBe(Date.parse('2025-03-30T11:00:00Z'));
    expect(read('2025-07-01 00:00:00')).toBe(Date.parse('2025-06-30T23:00:00Z'));
    expect(read('2025-07-01 23:59:59')).toBe(Date.parse('2025-07-01T22:59:59Z'));
  });

  test.each([
    '2025-13-01 00:00:00',
    '2025-02-31 10:00:00',
    '2025-01-10 25:00:00',
    '2025-01-10 10:60:00',
    '2025-01-10 10:00:60',
    '2025-01-10',
    'yesterday',
    '',
    null,
  ])('%j is not a vendor time', (value) => {
    expect(vendorTimeMs(value, 'UTC')).toBeUndefined();
  });
});
