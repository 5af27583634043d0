import type { RawTrunk } from '../sandbox/seed-trunks.js';

/** The incident searches `--inventory` mixes, and `plain`, the name-and-direction command it compares them with. */
export type QueryKind = 'ip' | 'range' | 'number' | 'down' | 'stats' | 'group' | 'changed' | 'plain';

/** The search mix, in the order it is sent: one of each kind in turn. */
export const SEARCH_KINDS: readonly QueryKind[] = ['ip', 'range', 'number', 'down', 'stats', 'group', 'changed'];

/** How each kind is written, for the report. */
export const KIND_SHAPE: Readonly<Record<QueryKind, string>> = {
  ip: 'ip:<address on a trunk>',
  range: 'ip:<a.b.c.0/24> page:N',
  number: '020 7946 0xxx',
  down: 'down page:N',
  stats: 'stats page:N',
  group: 'group:billing page:N',
  changed: 'changed:6h page:N',
  plain: 'outgoing acme page:N',
};

const PAGE_SIZE = 10;
const HOUR_MS = 3_600_000;
// `changed:6h` is read against the snapshot's time, a few seconds after the sandbox seeded its times.
const CHANGED_MARGIN_MS = 10 * 60_000;
const RANGE_PAGES = 5;
const STATS_VARIANTS = 100;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const LONDON = /^(?:44|0)?(2079460\d{3})$/;

/** Hands out the query texts of each kind in turn, so no text repeats until its kind has none left. */
export interface QueryRotation {
  next(kind: QueryKind): string;
  /** Per kind: texts sent so far, how many of them had been sent before, and how many distinct ones there are. */
  sent(): Map<QueryKind, { sent: number; repeats: number; distinct: number }>;
}

/**
 * Distinct query texts per kind, built from the sandbox's own trunks so that each matches at least one
 * trunk (paged kinds only name full pages): a query that comes back empty was read as something else.
 */
export function queryRotation(trunks: readonly RawTrunk[], now: number): QueryRotation {
  const pools = buildPools(trunks, now);
  for (const [kind, pool] of Object.entries(pools)) {
    if (pool.length === 0) throw new Error(`the sandbox's ${trunks.length} trunks give no ${kind} query to send`);
  }
  const cursor = new Map<QueryKind, number>();
  return {
    next(kind) {
      const pool = pools[kind];
      const at = cursor.get(kind) ?? 0;
      cursor.set(kind, at + 1);
      return pool[at % pool.length]!;
    },
    sent: () =>
      new Map(
        [...cursor].map(([kind, sent]) => {
          const distinct = pools[kind].length;
          return [kind, { sent, repeats: Math.max(0, sent - distinct), distinct }];
        }),
      ),
  };
}

function buildPools(trunks: readonly RawTrunk[], now: number): Record<QueryKind, string[]> {
  const paged = (filter: string, matches: (t: RawTrunk) => boolean): string[] => {
    const full = Math.floor(trunks.filter(matches).length / PAGE_SIZE);
    return Array.from({ length: full }, (_, p) => `${filter} page:${p + 1}`);
  };
  const sinceMs = now - 6 * HOUR_MS + CHANGED_MARGIN_MS;
  return {
    ip: [...new Set(trunks.flatMap((t) => [...addresses(t.sipGatewayIp), ...addresses(t.sipWhiteIp)]))].map(
      (address) => `ip:${address}`,
    ),
    range: rangeQueries(trunks),
    number: [...new Set(trunks.flatMap(londonNumbers))],
    down: paged('down', (t) => t.state === 1 && !t.sipTrunkState),
    stats: Array.from({ length: STATS_VARIANTS }, (_, p) => `stats page:${p + 1}`),
    group: paged('group:billing', (t) => (t.groupList ?? []).some((g) => /billing/i.test(g.groupName ?? ''))),
    changed: paged('changed:6h', (t) => vendorTimeMs(t.updateTime) >= sinceMs),
    plain: paged('outgoing acme', (t) => t.type === 1 && t.sipTrunkName.toLowerCase().includes('acme')),
  };
}

/** The valid IPv4 addresses in a vendor field; lists, IPv6 and the vendor's junk values are left out. */
function addresses(field: string | null): string[] {
  return (field ?? '').split(/[\s,;]+/).filter((part) => IPV4.test(part));
}

/** `ip:a.b.c.0/24 page:N` for the first full pages of every /24 the trunks' addresses fall in, range by range. */
function rangeQueries(trunks: readonly RawTrunk[]): string[] {
  const perRange = new Map<string, number>();
  for (const t of trunks) {
    const ranges = new Set(
      [t.sipGatewayIp, t.sipWhiteIp, t.ccIp].flatMap(addresses).map((a) => a.slice(0, a.lastIndexOf('.'))),
    );
    for (const range of ranges) perRange.set(range, (perRange.get(range) ?? 0) + 1);
  }
  const queries: string[] = [];
  for (let page = 1; page <= RANGE_PAGES; page++) {
    for (const [range, count] of perRange) {
      if (count >= page * PAGE_SIZE) queries.push(`ip:${range}.0/24 page:${page}`);
    }
  }
  return queries;
}

/** The trunk's London drama-range numbers, in the national form people type: `020 7946 0122`. */
function londonNumbers(t: RawTrunk): string[] {
  return (t.groupList ?? []).flatMap((g) => {
    const national = LONDON.exec((g.number ?? '').replace(/\D/g, ''))?.[1];
    return national ? [`0${national.slice(0, 2)} ${national.slice(2, 6)} ${national.slice(6)}`] : [];
  });
}

// The sandbox writes `yyyy-MM-dd HH:mm:ss` in UTC unless told another zone, and the bench does not tell it one.
function vendorTimeMs(text: string): number {
  return Date.parse(`${text.replace(' ', 'T')}Z`);
}
