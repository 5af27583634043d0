import { isDown, indexTrunks } from '../../src/trunks/trunk-index.js';
import { summarize } from '../../src/trunks/trunk-stats.js';
import { aTrunk, someTrunks } from '../support/trunks.js';

const ZONE = 'Asia/Shanghai';
// 2025-01-10 12:00 in Shanghai.
const AS_OF = Date.parse('2025-01-10T04:00:00Z');

describe('isDown', () => {
  test.each([
    [true, false, true],
    [true, true, false],
    [true, null, false],
    [false, false, false],
    [null, false, false],
  ])('enabled %j, gateway up %j → %j', (enabled, gatewayUp, down) => {
    expect(isDown(aTrunk({ enabled, gatewayUp }))).toBe(down);
  });
});

describe('summarize', () => {
  const trunks = someTrunks(
    { type: 1, enabled: true, gatewayUp: true, updateTime: '2025-01-10 11:00:00' },
    { type: 1, enabled: true, gatewayUp: false, name: 'down-1', updateTime: '2025-01-09 12:00:00' },
    { type: 1, enabled: true, gatewayUp: false, name: 'down-2', updateTime: '2025-01-09 11:59:59' },
    { type: 2, enabled: false, gatewayUp: false, updateTime: null, createTime: '2025-01-10 08:00:00' },
    { type: 2, enabled: true, gatewayUp: null, updateTime: '2025-01-10 12:04:00' },
    { type: null, enabled: null, gatewayUp: true, updateTime: '2025-01-10 13:00:00' },
  );
  const stats = summarize(trunks, AS_OF, indexTrunks(trunks, ZONE));

  test('counts by direction, enabled flag and gateway state', () => {
    expect(stats.total).toBe(6);
    expect(stats.counts.outgoing.enabled).toEqual({ up: 1, down: 2, unknown: 0 });
    expect(stats.counts.outgoing.disabled).toEqual({ up: 0, down: 0, unknown: 0 });
    expect(stats.counts.incoming.disabled).toEqual({ up: 0, down: 1, unknown: 0 });
    expect(stats.counts.incoming.enabled).toEqual({ up: 0, down: 0, unknown: 1 });
    expect(stats.counts.unknown.unknown).toEqual({ up: 1, down: 0, unknown: 0 });
  });

  test('every combination is there, and they add up to the total', () => {
    const cells = Object.values(stats.counts).flatMap((byEnabled) =>
      Object.values(byEnabled).flatMap((byGateway) => Object.values(byGateway)),
    );
    expect(cells).toHaveLength(27);
    expect(cells.reduce((a, b) => a + b, 0)).toBe(stats.total);
  });

  test('enabled-but-down trunks, in the order given, and how many', () => {
    expect(stats.downTrunks.map((t) => t.name)).toEqual(['down-1', 'down-2']);
    expect(stats.down).toBe(2);
  });

  test('changed in the 24 hours before as-of, in the vendor zone, allowing a little clock skew', () => {
    // 11:00 today, 12:00 yesterday (exactly 24 h), created 08:00 today, 12:04 (skew); not 11:59:59 yesterday or 13:00.
    expect(stats.changedLast24h).toBe(4);
  });

  test('a trunk the index does not hold is read in the index zone', () => {
    const other = aTrunk({ updateTime: '2025-01-10 11:00:00' });
    expect(summarize([other], AS_OF, indexTrunks([], ZONE)).changedLast24h).toBe(1);
    expect(summarize([other], AS_OF, indexTrunks([], 'America/New_York')).changedLast24h).toBe(0);
  });

  test('nothing to summarize', () => {
    const empty = summarize([], AS_OF, indexTrunks([], ZONE));
    expect(empty).toMatchObject({ total: 0, down: 0, downTrunks: [], changedLast24h: 0 });
  });
});
