import fc from 'fast-check';
import { vendorTimeByZoneRules, vendorTimeMs } from '../../src/trunks/vendor-time.js';
import { RUN } from './arbitraries.js';

const ZONES = ['UTC', 'Asia/Shanghai', 'Europe/London', 'America/New_York', 'America/Sao_Paulo', 'Australia/Lord_Howe'];
// Days the clocks changed in those zones, so the slow path is exercised as often as the fast one.
const SWITCH_DAYS = ['2025-03-30', '2025-10-26', '2025-03-09', '2025-11-02', '2018-11-04', '2019-02-16', '2025-04-06'];

const two = (n: number) => String(n).padStart(2, '0');
const day = fc.oneof(
  fc.constantFrom(...SWITCH_DAYS),
  fc
    .tuple(fc.integer({ min: 1970, max: 2040 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
    .map(([y, m, d]) => `${y}-${two(m)}-${two(d)}`),
);
const vendorTime = fc
  .tuple(day, fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }))
  .map(([d, h, m, s]) => `${d} ${two(h)}:${two(m)}:${two(s)}`);

describe('vendorTimeMs', () => {
  test('reads every time as the zone rules do, whatever it read before', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.array(vendorTime, { minLength: 1, maxLength: 30 }), (zone, times) => {
        for (const time of times) {
          const [y, mo, d, h, mi, s] = time.split(/[- :]/).map(Number) as [
            number,
            number,
            number,
            number,
            number,
            number,
          ];
          expect(vendorTimeMs(time, zone)).toBe(vendorTimeByZoneRules(y, mo, d, h, mi, s, zone));
        }
      }),
      { ...RUN, numRuns: 300 },
    );
  });
});
