import { describeRequest } from '../../src/trunks/describe-request.js';
import type { TrunkRequest } from '../../src/trunks/trunk-request.js';

describe('describeRequest', () => {
  test.each<[TrunkRequest, string]>([
    [{ page: 1 }, 'SIP trunks'],
    [{ page: 4, type: 2 }, 'Incoming trunks'],
    [
      { page: 1, type: 1, name: 'acme', ips: ['203.0.113.0/24'], status: ['down'], changed: { withinMinutes: 360 } },
      'Outgoing trunks matching “acme” · IP 203.0.113.0/24 · down · changed in the last 6 h',
    ],
    [{ page: 1, stats: true, type: 1 }, 'Summary of outgoing trunks'],
    [{ page: 1, numbers: ['+44 20 7946 0122'] }, 'SIP trunks · number +44 20 7946 0122'],
    [{ page: 1, ids: ['5000004', '5000005'] }, 'SIP trunks · ID 5000004 or 5000005'],
    [{ page: 1, idsOrNumbers: ['5000004'] }, 'SIP trunks · ID or number 5000004'],
    [
      { page: 1, account: 'acme_5000001', group: 'Support Tier 1', prefix: '403' },
      'SIP trunks · account acme_5000001 · group has “Support Tier 1” · prefix 403',
    ],
    [{ page: 1, status: ['enabled', 'up'] }, 'SIP trunks · enabled or up'],
    [{ page: 1, changed: { withinMinutes: 30 } }, 'SIP trunks · changed in the last 30 min'],
    [{ page: 1, changed: { withinMinutes: 1_440 } }, 'SIP trunks · changed in the last 1 day'],
    [{ page: 1, changed: { withinMinutes: 20_160 } }, 'SIP trunks · changed in the last 2 weeks'],
    [{ page: 1, changed: { since: '2025-05-08 14:00' } }, 'SIP trunks · changed since 2025-05-08 14:00'],
  ])('%j → %j', (request, words) => {
    expect(describeRequest(request)).toBe(words);
  });

  test('clips long values and long lists', () => {
    const words = describeRequest({
      page: 1,
      name: 'x'.repeat(300),
      ips: ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5'],
    });
    expect(words).toBe(`SIP trunks matching “${'x'.repeat(39)}…” · IP 10.0.0.1 or 10.0.0.2 or 10.0.0.3 +2 more`);
  });
});
