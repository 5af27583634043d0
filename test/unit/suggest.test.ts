import { suggestAlternatives } from '../../src/trunks/suggest.js';
import { indexTrunks } from '../../src/trunks/trunk-index.js';
import type { TrunkRequest } from '../../src/trunks/trunk-request.js';
import { aGroup, someTrunks } from '../support/trunks.js';

const AS_OF = Date.parse('2025-01-10T04:00:00Z');
const support1 = [aGroup({ groupName: 'Support Tier 1' })];
const index = indexTrunks(
  someTrunks(
    { name: 'acme-out-01', groups: support1, sipAccount: 'Acme01', prefix: '77', enabled: true, gatewayUp: true },
    { name: 'acme-out-02', groups: support1, sipAccount: 'acme02', type: 2 },
    { name: 'globex-in-01', groups: support1, gatewayIp: '203.0.113.25', type: 2, sipAccount: 'gx1' },
    {
      name: 'globex-in-02',
      groups: [aGroup({ groupName: 'Support Tier 2', number: '+442079460122' })],
      sipAccount: 'gx2',
    },
    { name: 'initech-01', groups: [aGroup({ groupName: 'Sales' })], keyId: 4242424, sipAccount: null },
  ),
  'Asia/Shanghai',
);

const suggest = (request: Omit<TrunkRequest, 'page'>) => suggestAlternatives(index, { page: 1, ...request }, AS_OF);

describe('suggestAlternatives', () => {
  test('a name that is an agent group', () => {
    expect(suggest({ name: 'support tier 1' })).toEqual([
      { field: 'group', value: 'Support Tier 1', count: 3, request: { page: 1, group: 'Support Tier 1' } },
    ]);
  });

  test('a name that matches several groups: each, most trunks first, at most three', () => {
    const suggestions = suggest({ name: 'support' });
    expect(suggestions.map((s) => [s.value, s.count])).toEqual([
      ['Support Tier 1', 3],
      ['Support Tier 2', 1],
    ]);
  });

  test.each([
    [{ name: 'ACME01' }, 'account', 'Acme01', { account: 'Acme01' }],
    [{ name: '77' }, 'prefix', '77', { prefix: '77' }],
    [{ name: '203.0.113.25' }, 'ip', '203.0.113.25', { ips: ['203.0.113.25'] }],
    [{ name: '020 7946 0122' }, 'number', '020 7946 0122', { numbers: ['020 7946 0122'] }],
    [{ name: '4242424' }, 'id', '4242424', { ids: ['4242424'] }],
    [{ group: 'initech' }, 'name', 'initech', { name: 'initech' }],
    [{ account: 'sales' }, 'group', 'Sales', { group: 'Sales' }],
  ])('%j is another field: %s', (request, field, value, filter) => {
    expect(suggest(request)).toEqual([{ field, value, count: 1, request: { page: 1, ...filter } }]);
  });

  test('the other filters are kept when the suggestion still finds trunks with them', () => {
    expect(suggest({ name: 'support tier 1', type: 2 })).toEqual([
      { field: 'group', value: 'Support Tier 1', count: 2, request: { page: 1, type: 2, group: 'Support Tier 1' } },
    ]);
  });

  test('another filter that still agrees is kept too', () => {
    expect(suggest({ name: 'support tier 1', account: 'ACME02' })).toEqual([
      {
        field: 'group',
        value: 'Support Tier 1',
        count: 1,
        request: { page: 1, account: 'ACME02', group: 'Support Tier 1' },
      },
      { field: 'account', value: 'ACME02', count: 1, request: { page: 1, account: 'ACME02' } },
    ]);
  });

  test('failing that, only the type, status and change filters are kept', () => {
    expect(suggest({ name: 'support tier 1', prefix: '77', type: 2 })).toEqual([
      { field: 'group', value: 'Support Tier 1', count: 2, request: { page: 1, type: 2, group: 'Support Tier 1' } },
      { field: 'prefix', value: '77', count: 1, request: { page: 1, prefix: '77' } },
    ]);
  });

  test('and dropped when it does not', () => {
    expect(suggest({ name: 'ACME01', type: 2, stats: true })).toEqual([
      { field: 'account', value: 'Acme01', count: 1, request: { page: 1, stats: true, account: 'Acme01' } },
    ]);
  });

  test('filters that each match but not together: each on its own', () => {
    expect(suggest({ name: 'initech', group: 'support' })).toEqual([
      { field: 'group', value: 'support', count: 4, request: { page: 1, group: 'support' } },
      { field: 'name', value: 'initech', count: 1, request: { page: 1, name: 'initech' } },
    ]);
  });

  test('a filter that fails only with a status keeps the status when it can and drops it when it cannot', () => {
    expect(suggest({ name: 'initech', status: ['disabled'] })).toEqual([
      { field: 'name', value: 'initech', count: 1, request: { page: 1, name: 'initech' } },
    ]);
    expect(suggest({ name: 'acme', prefix: '78', type: 2 })).toEqual([
      { field: 'name', value: 'acme', count: 1, request: { page: 1, type: 2, name: 'acme' } },
    ]);
  });

  test('nothing to suggest when the request already matches, or when nothing matches anywhere', () => {
    expect(suggest({ name: 'acme' })).toEqual([]);
    expect(suggest({ name: 'acme', type: 2 })).toEqual([]);
    expect(suggest({ name: 'umbrella' })).toEqual([]);
    expect(suggest({ status: ['down'] })).toEqual([]);
  });

  test('never more than three, however many filters fail together', () => {
    const suggestions = suggest({ name: 'initech', account: 'gx1', group: 'tier 2', prefix: '77' });
    expect(suggestions.map((s) => s.field)).toEqual(['name', 'account', 'group']);
  });

  test('never more than three groups', () => {
    const many = indexTrunks(
      someTrunks(...['Ops A', 'Ops B', 'Ops C', 'Ops D'].map((groupName) => ({ groups: [aGroup({ groupName })] })), {
        groups: [aGroup({ groupName: 'Ops D' })],
      }),
      'UTC',
    );
    const suggestions = suggestAlternatives(many, { page: 1, name: 'ops' }, AS_OF);
    expect(suggestions.map((s) => s.value)).toEqual(['Ops D', 'Ops A', 'Ops B']);
  });
});
