import { type AddressTable, buildAddressTable } from './address-table.js';
import { addressesIn } from './find-ips.js';
import type { IpAddress } from './ip-address.js';
import { phoneDigits } from './phone-number.js';
import type { Trunk } from './trunk.js';
import { vendorTimeMs } from './vendor-time.js';

/** What matching needs of one trunk, worked out once per snapshot rather than once per query. */
export interface IndexedTrunk {
  readonly trunk: Trunk;
  /** Folded (lowercase, accents stripped) name; empty when the vendor sent none. */
  readonly name: string;
  readonly id: string;
  /** phoneDigits of each group number. */
  readonly numbers: readonly string[];
  readonly groupNames: readonly string[];
  readonly account: string;
  readonly prefix: string;
  /** Epoch ms of the last update, or of creation when never updated; undefined when neither reads. */
  readonly changedAt: number | undefined;
  readonly down: boolean;
}

/** A snapshot of trunks prepared for matching, in the default order: enabled-but-down first, then by name and ID. */
export interface TrunkIndex {
  readonly timeZone: string;
  readonly entries: readonly IndexedTrunk[];
  /** Every valid address in the gateway, whitelist and call-center fields, owned by positions in `entries`. */
  readonly addresses: AddressTable;
  readonly byTrunk: ReadonlyMap<Trunk, IndexedTrunk>;
}

/** Vendor and our clocks drift apart a little; a change this far "in the future" still counts as just now. */
export const CLOCK_SKEW_MS = 5 * 60_000;

const COMBINING_MARKS = /\p{M}/gu;
const DIGIT_RUN = /\d+/g;
// Longer digit runs (phone numbers in names) still sort, just not naturally among themselves.
const MAX_DIGIT_RUN = 20;

/** Lowercase with accents stripped (`Glöbex` → `globex`), so matching ignores both. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase();
}

/** Enabled, yet its gateway is down: the trunks an incident is about. */
export function isDown(trunk: Trunk): boolean {
  return trunk.enabled === true && trunk.gatewayUp === false;
}

/** Prepares trunks for matching; vendor times are wall-clock `yyyy-MM-dd HH:mm:ss` in `timeZone`. */
export function indexTrunks(trunks: readonly Trunk[], timeZone: string): TrunkIndex {
  const readTime = (value: string | null) => vendorTimeMs(value, timeZone);
  const entries = trunks.map((trunk) => indexTrunk(trunk, readTime));
  const keys = new Map(entries.map((e) => [e, sortKey(e)]));
  entries.sort((a, b) => compareKeys(keys.get(a)!, keys.get(b)!));
  // Many trunks of one carrier share the same gateway and whitelist text: each distinct text is read once.
  const read = new Map<string | null, IpAddress[]>();
  const addressesOf = (field: string | null) => read.get(field) ?? read.set(field, addressesIn(field)).get(field)!;
  const addresses = buildAddressTable(
    entries.map(({ trunk }) => [trunk.gatewayIp, trunk.whiteIp, trunk.ccIp].flatMap(addressesOf)),
  );
  return { timeZone, entries, addresses, byTrunk: new Map(entries.map((e) => [e.trunk, e])) };
}

/** When the trunk last changed, by the index's clock; read on the spot for a trunk the index does not hold. */
export function changedAt(index: TrunkIndex, trunk: Trunk): number | undefined {
  const entry = index.byTrunk.get(trunk);
  return entry ? entry.changedAt : changeTime(trunk, (value) => vendorTimeMs(value, index.timeZone));
}

/** Whether a change time falls within `minutes` before `asOf` (allowing CLOCK_SKEW_MS after it). */
export function changedWithin(at: number | undefined, minutes: number, asOf: number): boolean {
  return at !== undefined && at >= asOf - minutes * 60_000 && at <= asOf + CLOCK_SKEW_MS;
}

type ReadTime = (value: string | null) => number | undefined;

function indexTrunk(trunk: Trunk, readTime: ReadTime): IndexedTrunk {
  return {
    trunk,
    name: foldText(trunk.name ?? ''),
    id: trunk.keyId === null ? '' : String(trunk.keyId),
    numbers: trunk.groups.flatMap((g) => (g.number === null ? [] : [phoneDigits(g.number)])),
    groupNames: trunk.groups.flatMap((g) => (g.groupName === null ? [] : [foldText(g.groupName)])),
    account: trunk.sipAccount?.trim().toLowerCase() ?? '',
    prefix: trunk.prefix?.trim() ?? '',
    changedAt: changeTime(trunk, readTime),
    down: isDown(trunk),
  };
}

function changeTime(trunk: Trunk, readTime: ReadTime): number | undefined {
  return readTime(trunk.updateTime) ?? readTime(trunk.createTime);
}

// Enabled-but-down first, then named before unnamed, then by name and ID in natural order (`trunk-2` before
// `trunk-10`): digit runs are padded so plain string comparison is natural, which sorts 20,000 trunks far
// faster than a collator. Names are already folded, so case and accents do not count.
function sortKey(e: IndexedTrunk): [string, string] {
  const pad = (text: string) => text.replace(DIGIT_RUN, (d) => d.padStart(MAX_DIGIT_RUN, '0'));
  return [`${e.down ? 0 : 1}${e.name === '' ? 1 : 0}${pad(e.name)}`, pad(e.id)];
}

function compareKeys(a: [string, string], b: [string, string]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
}
