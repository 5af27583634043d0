import { isIP } from 'node:net';
import { z } from 'zod';
import { SandboxControlError } from './control-error.js';
import { type RawTrunk, sandboxPasswordOf } from './seed-trunks.js';

/** What can change on a running sandbox trunk: its gateway state, or its configuration. */
export interface TrunkChange {
  /** The gateway's registration state (`sipTrunkState`): a state, so it leaves `updateTime` alone. */
  gateway?: 'up' | 'down';
  /** Whether the trunk is enabled (`state`). */
  enabled?: boolean;
  /** The gateway address (`sipGatewayIp`): one IP, or several joined by ", " as the vendor writes them. */
  gatewayIp?: string;
  /** The trunk's name (`sipTrunkName`). */
  name?: string;
}

const FIELDS = 'gateway ("up" or "down"), enabled (true or false), gatewayIp or name';
// The seeded inventory already carries a 300-character name; the vendor's own limit is not documented.
const MAX_NAME_CHARS = 500;

const isIpList = (value: string): boolean => value.split(',').every((part) => isIP(part.trim()) !== 0);

const changeSchema = z.strictObject({
  gateway: z.enum(['up', 'down'], { error: 'gateway must be "up" or "down"' }).optional(),
  enabled: z.boolean({ error: 'enabled must be true or false' }).optional(),
  gatewayIp: z
    .string({ error: 'gatewayIp must be a string' })
    .refine(isIpList, 'gatewayIp must be an IP address such as 198.51.100.7, or several joined by ", "')
    .optional(),
  name: z
    .string({ error: 'name must be a string' })
    .trim()
    .min(1, 'name must not be empty')
    .max(MAX_NAME_CHARS, `name must be at most ${MAX_NAME_CHARS} characters`)
    .optional(),
});

/**
 * Validates a change (from JSON or a caller); throws an `invalid_change` SandboxControlError naming every
 * problem. A change must name something unless `allowEmpty` (a new trunk may take every default).
 */
export function checkTrunkChange(value: unknown, { allowEmpty = false } = {}): TrunkChange {
  const parsed = changeSchema.safeParse(value);
  if (parsed.success) {
    if (!allowEmpty && Object.values(parsed.data).every((v) => v === undefined)) {
      throw new SandboxControlError('invalid_change', `Nothing to change: name ${FIELDS}`);
    }
    return parsed.data;
  }
  const problems = parsed.error.issues.map((issue) =>
    issue.code === 'unrecognized_keys'
      ? `unknown field ${issue.keys.join(', ')}: a change names ${FIELDS}`
      : issue.code === 'invalid_type' && issue.path.length === 0
        ? `send a JSON object naming ${FIELDS}`
        : issue.message,
  );
  throw new SandboxControlError('invalid_change', problems.join('; '));
}

/** The raw fields a change sets. */
export function rawFieldsOf(change: TrunkChange): Partial<RawTrunk> {
  return {
    ...(change.gateway !== undefined && { sipTrunkState: change.gateway === 'up' }),
    ...(change.enabled !== undefined && { state: change.enabled ? 1 : 0 }),
    ...(change.gatewayIp !== undefined && { sipGatewayIp: change.gatewayIp }),
    ...(change.name !== undefined && { sipTrunkName: change.name }),
  };
}

/** The trunk after the change; `updateTime` becomes `stamp` only when its configuration really changed. */
export function applyTrunkChange(trunk: RawTrunk, change: TrunkChange, stamp: string): RawTrunk {
  const changed = { ...trunk, ...rawFieldsOf(change) };
  const reconfigured =
    changed.state !== trunk.state ||
    changed.sipGatewayIp !== trunk.sipGatewayIp ||
    changed.sipTrunkName !== trunk.sipTrunkName;
  return reconfigured ? { ...changed, updateTime: stamp } : changed;
}

/** Says in words what the change does to the trunk, e.g. `acme-out-01 gateway is now down`. */
export function describeTrunkChange(trunk: RawTrunk, change: TrunkChange): string {
  const parts: string[] = [];
  const say = (same: boolean, what: string, value: string): void => {
    parts.push(`${what}${what ? ' ' : ''}${same ? 'was already' : 'is now'} ${value}`);
  };
  if (change.gateway !== undefined) say(trunk.sipTrunkState === (change.gateway === 'up'), 'gateway', change.gateway);
  if (change.enabled !== undefined) {
    say((trunk.state === 1) === change.enabled, '', change.enabled ? 'enabled' : 'disabled');
  }
  if (change.gatewayIp !== undefined) say(trunk.sipGatewayIp === change.gatewayIp, 'gateway IP', change.gatewayIp);
  if (change.name !== undefined) say(trunk.sipTrunkName === change.name, '', `named ${change.name}`);
  return `${trunk.sipTrunkName} ${parts.join(', ')}`;
}

/** A new enabled outgoing trunk with the gateway up, a keyId after every other, and `partial`'s fields. */
export function newTrunk(trunks: readonly RawTrunk[], partial: Partial<RawTrunk>, stamp: string): RawTrunk {
  const taken = new Set(trunks.map((t) => t.keyId));
  if (partial.keyId !== undefined && taken.has(partial.keyId)) {
    throw new SandboxControlError('invalid_change', `keyId ${partial.keyId} is taken: leave it out to get a new one`);
  }
  // A loop, not Math.max(...ids): spreading 100 000 ids overflows the call stack.
  let last = 5_000_000;
  for (const t of trunks) last = Math.max(last, t.keyId);
  const keyId = partial.keyId ?? last + 1;
  return {
    keyId,
    // TEST-NET-2, which the seeded trunks never use, so an added trunk's address finds only it.
    sipGatewayIp: `198.51.100.${(keyId % 254) + 1}`,
    sipWhiteIp: null,
    type: 1,
    state: 1,
    sipTrunkName: `sandbox-added-${keyId}`,
    sipPrefix: null,
    ccIp: null,
    createTime: stamp,
    updateTime: stamp,
    groupList: [],
    sipAccount: `sandbox_${keyId}`,
    sipPassword: sandboxPasswordOf(keyId),
    sipTrunkState: true,
    ...partial,
  };
}

/** The trunk as the control endpoint shows it: everything but the SIP password. */
export function withoutPassword(trunk: RawTrunk): Omit<RawTrunk, 'sipPassword'> {
  const { sipPassword: _password, ...shown } = trunk;
  return shown;
}
