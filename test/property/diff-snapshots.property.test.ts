import fc from 'fast-check';
import {
  changedFields,
  diffSnapshots,
  trunksById,
  WATCHED_FIELDS,
  type WatchedField,
} from '../../src/watch/diff-snapshots.js';
import type { Trunk } from '../../src/trunks/trunk.js';
import { aTrunk } from '../support/trunks.js';
import { RUN } from './arbitraries.js';

// One way to change each watched field to a value it did not have.
const CHANGE: Record<WatchedField, (t: Trunk) => Partial<Trunk>> = {
  name: (t) => ({ name: `${t.name ?? ''}-renamed` }),
  type: (t) => ({ type: t.type === 1 ? 2 : 1 }),
  enabled: (t) => ({ enabled: !t.enabled }),
  gateway: (t) => ({ gatewayUp: !t.gatewayUp }),
  gatewayIp: () => ({ gatewayIp: '192.0.2.99' }),
  whiteIp: () => ({ whiteIp: '192.0.2.98' }),
  ccIp: () => ({ ccIp: '192.0.2.97' }),
  prefix: (t) => ({ prefix: `${t.prefix ?? ''}7` }),
  sipAccount: (t) => ({ sipAccount: `${t.sipAccount ?? ''}x` }),
  groups: (t) => ({ groups: [...t.groups, { groupId: 99, groupName: 'New group', number: '+15550000000' }] }),
  credentials: (t) => ({ credentialTag: `${t.credentialTag ?? ''}z` }),
};

const trunk = fc
  .record({
    keyId: fc.integer({ min: 1, max: 1_000_000 }),
    name: fc.string({ maxLength: 12 }),
    type: fc.constantFrom(1 as const, 2 as const),
    enabled: fc.boolean(),
    gatewayUp: fc.boolean(),
    prefix: fc.stringMatching(/^\d{0,3}$/),
    sipAccount: fc.string({ maxLength: 8 }),
    credentialTag: fc.string({ maxLength: 6 }).map((mac) => `key1.${mac}`),
  })
  .map((r) => aTrunk(r));

describe('diffSnapshots (property)', () => {
  it('reports exactly the fields that changed, and nothing for untouched trunks', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(trunk, { selector: (t) => t.keyId, minLength: 1, maxLength: 8 }),
        fc.array(fc.subarray([...WATCHED_FIELDS]), { minLength: 8, maxLength: 8 }),
        (trunks, fieldSets) => {
          const after = trunks.map((t, i) =>
            Object.assign({}, t, ...(fieldSets[i] ?? []).map((field) => CHANGE[field](t))),
          );
          const changes = diffSnapshots(trunksById(trunks), trunksById(after));
          const touched = trunks.filter((_, i) => (fieldSets[i] ?? []).length > 0);
          expect(changes.map((c) => c.id).sort()).toEqual(touched.map((t) => String(t.keyId)).sort());
          for (const change of changes) {
            const i = trunks.findIndex((t) => String(t.keyId) === change.id);
            expect(change.kind).toBe('changed');
            if (change.kind === 'changed')
              expect(change.fields).toEqual(WATCHED_FIELDS.filter((f) => fieldSets[i]!.includes(f)));
          }
        },
      ),
      RUN,
    );
  });

  it('reports added and removed trunks by ID, whatever the order', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(trunk, { selector: (t) => t.keyId, minLength: 2, maxLength: 10 }),
        fc.nat(),
        (trunks, cut) => {
          const split = 1 + (cut % (trunks.length - 1));
          const before = trunks.slice(0, split);
          const after = [...trunks.slice(1)].reverse();
          const changes = diffSnapshots(trunksById(before), trunksById(after));
          expect(changes.filter((c) => c.kind === 'removed').map((c) => c.id)).toEqual([String(trunks[0]!.keyId)]);
          expect(
            changes
              .filter((c) => c.kind === 'added')
              .map((c) => c.id)
              .sort(),
          ).toEqual(
            trunks
              .slice(split)
              .map((t) => String(t.keyId))
              .sort(),
          );
          expect(changes.filter((c) => c.kind === 'changed')).toEqual([]);
        },
      ),
      RUN,
    );
  });

  it('sees the same agent groups in another order as no change', () => {
    const groups = [
      { groupId: 1, groupName: 'A', number: '1' },
      { groupId: 2, groupName: 'B', number: '2' },
    ];
    expect(changedFields(aTrunk({ groups }), aTrunk({ groups: [...groups].reverse() }))).toEqual([]);
  });
});
