import { createHash } from 'node:crypto';
import { formatVendorTime } from './format-vendor-time.js';
import { BASE_TRUNK_COUNT, gatewayIpOf, groupNumberOf, overflowNumberOf, whiteIpOf } from './seed-addresses.js';

export { BASE_TRUNK_COUNT } from './seed-addresses.js';

/** Every seeded `sipPassword` starts with this, so tests can grep any output for a leak. */
export const SANDBOX_PASSWORD_PREFIX = 'SANDBOX-SECRET-';

/** The made-up SIP password of the trunk with this keyId: the same on every run, and greppable by its prefix. */
export function sandboxPasswordOf(keyId: number): string {
  return SANDBOX_PASSWORD_PREFIX + createHash('sha256').update(`trunk-${keyId}`).digest('hex').slice(0, 16);
}

/** One bound agent group as the vendor sends it: the id key is `voiceGroupId` (docs) or `groupId` (example). */
export interface RawGroup {
  voiceGroupId?: number;
  groupId?: number;
  groupName: string | null;
  number: string | null;
}

/** One SIP trunk exactly as the vendor's `/v3/cc/sipTrunk/query` returns it, secret included. */
export interface RawTrunk {
  keyId: number;
  sipGatewayIp: string | null;
  sipWhiteIp: string | null;
  type: 1 | 2;
  state: 0 | 1;
  sipTrunkName: string;
  sipPrefix: string | null;
  ccIp: string | null;
  createTime: string;
  updateTime: string;
  groupList: RawGroup[] | null;
  sipAccount: string | null;
  sipPassword: string | null;
  sipTrunkState: boolean;
}

interface Company {
  slug: string;
  display: string;
  style: 'slug' | 'title' | 'mixed';
}

const COMPANIES: Record<string, Company> = {
  acme: { slug: 'acme', display: 'ACME', style: 'mixed' },
  globex: { slug: 'globex', display: 'Globex', style: 'title' },
  initech: { slug: 'initech', display: 'Initech', style: 'slug' },
  umbrella: { slug: 'umbrella', display: 'Umbrella Corp', style: 'title' },
  // "Pacmedia" contains "acme": a substring filter for acme should catch it too.
  pacmedia: { slug: 'pacmedia', display: 'Pacmedia', style: 'slug' },
  hooli: { slug: 'hooli', display: 'Hooli', style: 'title' },
  stark: { slug: 'stark-ind', display: 'Stark Industries', style: 'slug' },
  soylent: { slug: 'soylent', display: 'Soylent', style: 'title' },
  tyrell: { slug: 'tyrell', display: 'Tyrell', style: 'slug' },
  wayne: { slug: 'wayne', display: 'Wayne Enterprises', style: 'title' },
};

// Each slot is one outgoing + one incoming trunk; acme appears three times per cycle.
const CYCLE = [
  'acme',
  'globex',
  'initech',
  'acme',
  'umbrella',
  'pacmedia',
  'hooli',
  'acme',
  'stark',
  'soylent',
  'tyrell',
  'wayne',
];

const REGIONS = ['EU', 'US', 'APAC', 'UK', 'LATAM', 'DE'];

const SUPPORT_TIER_1 = 'Support Tier 1';
const GROUP_NAMES = [
  'Sales EU',
  SUPPORT_TIER_1,
  'Support Tier 2',
  'Billing',
  'Night Shift',
  'VIP Desk',
  'Collections',
  'Onboarding',
];
const GROUP_IDS = new Map(GROUP_NAMES.map((name, n) => [name, 1_000_021 + n]));
// Support Tier 1 is bound by hand (see groupList) so that only a few trunks carry it.
const PICKED_GROUPS = GROUP_NAMES.filter((name) => name !== SUPPORT_TIER_1);

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

const LONG_NAME_INDEX = 32;
const MANY_GROUPS_INDEX = 43;
const MARKUP_INDEX = 60;

// 300 characters: longer than a Block Kit button label or header allows.
const LONG_NAME =
  'Umbrella Corp Outbound EU primary failover route for the Raccoon City contact centre, ' +
  'carrying night, weekend and public-holiday overflow to the Paris, Frankfurt and Madrid agent pools ' +
  'while the main carrier is in maintenance; do not disable without calling the NOC first, ticket OPS-4471 (telco ops)';

const MARKUP_NAME = 'Hooli <!channel> & <@U123> *bold* _launch_';

/** How to seed; every field has a default. */
export interface SeedOptions {
  /** How many trunks: the 120 base trunks first, then generated ones with the same kinds of variety. */
  count?: number;
  /** The instant update times are relative to, in epoch ms (default: now), so "changed lately" has answers. */
  now?: number;
  /** The zone the vendor writes local times in (default UTC); the bot must be told the same (ITNIO_TIMEZONE). */
  timeZone?: string;
}

/**
 * A deterministic vendor-shaped inventory covering the vendor's quirks: the same trunks for the same
 * options. The first 120 never change their id, name, type, state or gateway state, whatever the count.
 */
export function seedTrunks(options: SeedOptions = {}): RawTrunk[] {
  const count = options.count ?? BASE_TRUNK_COUNT;
  const clock = { now: options.now ?? Date.now(), timeZone: options.timeZone ?? 'UTC' };
  const seen = new Map<string, number>();
  const trunks: RawTrunk[] = [];
  for (let slot = 0; trunks.length < count; slot++) {
    const key = CYCLE[slot % CYCLE.length] ?? 'acme';
    const ordinal = seen.get(key) ?? 0;
    seen.set(key, ordinal + 1);
    for (const type of [1, 2] as const) {
      if (trunks.length < count) trunks.push(buildTrunk(trunks.length, COMPANIES[key]!, ordinal, type, clock));
    }
  }
  return trunks;
}

function buildTrunk(
  i: number,
  company: Company,
  ordinal: number,
  type: 1 | 2,
  clock: { now: number; timeZone: string },
): RawTrunk {
  const keyId = 5_000_001 + i;
  const state = i % 6 === 5 ? 0 : 1;
  const updated = clock.now - updatedAgoMs(i);
  // Some trunks were never changed after they were set up.
  const created = i % 13 === 6 ? updated : updated - (((i * 13) % 400) + 30) * DAY_MS - (i % 24) * HOUR_MS;
  return {
    keyId,
    sipGatewayIp: gatewayIpOf(i),
    sipWhiteIp: whiteIpOf(i),
    type,
    state,
    sipTrunkName: trunkName(i, company, ordinal, type),
    sipPrefix: i % 4 === 0 ? null : `${(i % 9) + 1}${String(i % 100).padStart(2, '0')}`,
    ccIp: i % 5 === 0 ? '0000.000.0.00' : i % 7 === 0 ? null : `10.20.${i % 8}.${((i * 3) % 250) + 2}`,
    createTime: formatVendorTime(created, clock.timeZone),
    updateTime: formatVendorTime(updated, clock.timeZone),
    groupList: groupList(i),
    sipAccount: i % 8 === 3 ? null : `${company.slug}_${keyId}`,
    sipPassword: sandboxPasswordOf(keyId),
    sipTrunkState: state === 1 && i % 5 !== 2,
  };
}

// An incident search asks "what changed lately": a tenth changed in the last half hour, the rest hours,
// days or months ago, each at its own minute and second.
function updatedAgoMs(i: number): number {
  const bucket = i % 10;
  if (bucket === 0) return (((i * 7) % 28) + 1) * MINUTE_MS + (i % 60) * 1000;
  const jitter = ((i * 13) % 60) * MINUTE_MS + ((i * 31) % 60) * 1000;
  if (bucket <= 2) return (((i * 5) % 22) + 1) * HOUR_MS + jitter;
  if (bucket <= 5) return (((i * 3) % 28) + 1) * DAY_MS + (i % 24) * HOUR_MS + jitter;
  return (((i * 7) % 11) + 1) * 30 * DAY_MS + (i % 24) * HOUR_MS + jitter;
}

function trunkName(i: number, company: Company, ordinal: number, type: 1 | 2): string {
  if (i === LONG_NAME_INDEX) return LONG_NAME;
  if (i === MARKUP_INDEX) return MARKUP_NAME;
  const useSlug = company.style === 'slug' || (company.style === 'mixed' && ordinal % 2 === 0);
  if (useSlug) {
    const n = company.style === 'mixed' ? Math.floor(ordinal / 2) + 1 : ordinal + 1;
    return `${company.slug}-${type === 1 ? 'out' : 'in'}-${String(n).padStart(2, '0')}`;
  }
  const round = Math.floor(ordinal / REGIONS.length);
  const region = REGIONS[ordinal % REGIONS.length] ?? 'EU';
  return `${company.display} ${type === 1 ? 'Outbound' : 'Inbound'} ${region}${round > 0 ? ` ${round + 1}` : ''}`;
}

function groupList(i: number): RawGroup[] | null {
  if (i === MANY_GROUPS_INDEX) {
    return Array.from({ length: 40 }, (_, j) =>
      group(i, j, 1_000_100 + j, `Overflow Queue ${j + 1}`, overflowNumberOf(j)),
    );
  }
  if (i % 29 === 13) return null;
  return Array.from({ length: i % 4 }, (_, j) => {
    const name = j === 0 && i % 24 === 7 ? SUPPORT_TIER_1 : PICKED_GROUPS[(i + j * 3) % PICKED_GROUPS.length]!;
    return group(i, j, GROUP_IDS.get(name)!, j === 2 && i % 5 === 0 ? null : name, groupNumberOf(i, j));
  });
}

function group(i: number, j: number, id: number, groupName: string | null, number: string | null): RawGroup {
  return (i + j) % 2 === 0 ? { voiceGroupId: id, groupName, number } : { groupId: id, groupName, number };
}
