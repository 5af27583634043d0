import { createHash } from 'node:crypto';

/** Every seeded `sipPassword` starts with this, so tests can grep any output for a leak. */
export const SANDBOX_PASSWORD_PREFIX = 'SANDBOX-SECRET-';

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

const GROUPS = [
  'Sales EU',
  'Support Tier 1',
  'Support Tier 2',
  'Billing',
  'Night Shift',
  'VIP Desk',
  'Collections',
  'Onboarding',
];

const TRUNK_COUNT = 120;
const DAY_MS = 86_400_000;
const FIRST_CREATE_MS = Date.UTC(2025, 0, 10, 11, 31, 21);

const LONG_NAME_INDEX = 32;
const MANY_GROUPS_INDEX = 43;
const MARKUP_INDEX = 60;

// 300 characters: longer than a Block Kit button label or header allows.
const LONG_NAME =
  'Umbrella Corp Outbound EU primary failover route for the Raccoon City contact centre, ' +
  'carrying night, weekend and public-holiday overflow to the Paris, Frankfurt and Madrid agent pools ' +
  'while the main carrier is in maintenance; do not disable without calling the NOC first, ticket OPS-4471 (telco ops)';

const MARKUP_NAME = 'Hooli <!channel> & <@U123> *bold* _launch_';

/** A deterministic vendor-shaped data set of 120 trunks covering the vendor's quirks. */
export function seedTrunks(): RawTrunk[] {
  const seen = new Map<string, number>();
  const trunks: RawTrunk[] = [];
  for (let slot = 0; slot < TRUNK_COUNT / 2; slot++) {
    const key = CYCLE[slot % CYCLE.length] ?? 'acme';
    const ordinal = seen.get(key) ?? 0;
    seen.set(key, ordinal + 1);
    for (const type of [1, 2] as const) {
      trunks.push(buildTrunk(trunks.length, COMPANIES[key] ?? COMPANIES.acme!, ordinal, type));
    }
  }
  return trunks;
}

function buildTrunk(i: number, company: Company, ordinal: number, type: 1 | 2): RawTrunk {
  const keyId = 5_000_001 + i;
  const state = i % 6 === 5 ? 0 : 1;
  const created = FIRST_CREATE_MS + i * (2 * DAY_MS + 11_820_000);
  const updated = created + ((i * 37) % 300) * DAY_MS + (i % 24) * 3_600_000;
  return {
    keyId,
    sipGatewayIp: gatewayIp(i),
    sipWhiteIp: i % 3 === 0 ? null : `198.51.100.${((i * 11) % 250) + 3}`,
    type,
    state,
    sipTrunkName: trunkName(i, company, ordinal, type),
    sipPrefix: i % 4 === 0 ? null : `${(i % 9) + 1}${String(i % 100).padStart(2, '0')}`,
    ccIp: i % 5 === 0 ? '0000.000.0.00' : i % 7 === 0 ? null : `10.20.${i % 8}.${((i * 3) % 250) + 2}`,
    createTime: formatVendorTime(created),
    updateTime: formatVendorTime(updated),
    groupList: groupList(i),
    sipAccount: i % 8 === 3 ? null : `${company.slug}_${keyId}`,
    sipPassword: SANDBOX_PASSWORD_PREFIX + createHash('sha256').update(`trunk-${keyId}`).digest('hex').slice(0, 16),
    sipTrunkState: state === 1 && i % 5 !== 2,
  };
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

// Odd values are copied from the vendor's own example: they are not valid IPs, and that is the point.
function gatewayIp(i: number): string | null {
  if (i % 17 === 0) return null;
  if (i % 23 === 5) return '12.325.353.2';
  if (i % 29 === 7) return '0000.000.0.00';
  return `203.0.113.${((i * 7) % 250) + 4}`;
}

function groupList(i: number): RawGroup[] | null {
  if (i === MANY_GROUPS_INDEX) {
    return Array.from({ length: 40 }, (_, j) => group(i, j, 1_000_100 + j, `Overflow Queue ${j + 1}`));
  }
  if (i % 29 === 13) return null;
  return Array.from({ length: i % 4 }, (_, j) => {
    const pick = (i + j * 3) % GROUPS.length;
    return group(i, j, 1_000_021 + pick, j === 2 && i % 5 === 0 ? null : (GROUPS[pick] ?? null));
  });
}

function group(i: number, j: number, id: number, groupName: string | null): RawGroup {
  const number = (i + j) % 3 === 0 ? null : `+44207946${String((i * 37 + j * 11) % 1000).padStart(4, '0')}`;
  return (i + j) % 2 === 0 ? { voiceGroupId: id, groupName, number } : { groupId: id, groupName, number };
}

function formatVendorTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return (
    `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ` +
    `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`
  );
}
