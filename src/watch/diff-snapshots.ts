import { credentialsDiffer } from '../itnio/credential-tag.js';
import type { Trunk } from '../trunks/trunk.js';

/** What a watch reports a change of; `credentials` is the SIP password, compared by fingerprint only. */
export const WATCHED_FIELDS = [
  'name',
  'type',
  'enabled',
  'gateway',
  'gatewayIp',
  'whiteIp',
  'ccIp',
  'prefix',
  'sipAccount',
  'groups',
  'credentials',
] as const;
export type WatchedField = (typeof WATCHED_FIELDS)[number];

/** How one trunk differs between two snapshots. */
export type TrunkChange =
  | { kind: 'added'; id: string; trunk: Trunk }
  | { kind: 'removed'; id: string; before: Trunk }
  | { kind: 'changed'; id: string; trunk: Trunk; before: Trunk; fields: WatchedField[] };

const READ: Record<WatchedField, (t: Trunk) => unknown> = {
  name: (t) => t.name,
  type: (t) => t.type,
  enabled: (t) => t.enabled,
  gateway: (t) => t.gatewayUp,
  gatewayIp: (t) => t.gatewayIp,
  whiteIp: (t) => t.whiteIp,
  ccIp: (t) => t.ccIp,
  prefix: (t) => t.prefix,
  sipAccount: (t) => t.sipAccount,
  // Bindings in any order are the same bindings: the vendor does not promise an order.
  groups: (t) =>
    t.groups
      .map((g) => JSON.stringify([g.groupId, g.groupName, g.number]))
      .sort()
      .join('\n'),
  credentials: (t) => t.credentialTag ?? null,
};

const differs = (field: WatchedField, before: Trunk, after: Trunk): boolean =>
  field === 'credentials'
    ? credentialsDiffer(before.credentialTag, after.credentialTag)
    : READ[field](before) !== READ[field](after);

/** The trunks of a snapshot by ID; trunks without one cannot be followed from one snapshot to the next. */
export function trunksById(trunks: readonly Trunk[]): Map<string, Trunk> {
  const byId = new Map<string, Trunk>();
  for (const trunk of trunks) if (trunk.keyId !== null) byId.set(String(trunk.keyId), trunk);
  return byId;
}

/** The fields of `after` that differ from `before`, in WATCHED_FIELDS order. */
export function changedFields(before: Trunk, after: Trunk): WatchedField[] {
  return WATCHED_FIELDS.filter((field) => differs(field, before, after));
}

/** Every trunk added, removed or changed between two snapshots, in `after`'s order then removals. */
export function diffSnapshots(before: ReadonlyMap<string, Trunk>, after: ReadonlyMap<string, Trunk>): TrunkChange[] {
  const changes: TrunkChange[] = [];
  for (const [id, trunk] of after) {
    const previous = before.get(id);
    if (!previous) {
      changes.push({ kind: 'added', id, trunk });
      continue;
    }
    const fields = changedFields(previous, trunk);
    if (fields.length > 0) changes.push({ kind: 'changed', id, trunk, before: previous, fields });
  }
  for (const [id, previous] of before) if (!after.has(id)) changes.push({ kind: 'removed', id, before: previous });
  return changes;
}
