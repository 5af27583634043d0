import type { RawTrunk } from './seed-trunks.js';

/** A validated request body of `/v3/cc/sipTrunk/query`. */
export interface TrunkQuery {
  current: number;
  size: number;
  type?: 1 | 2;
  sipTrunkName?: string;
}

/** The `data` object of a successful answer, keys in the vendor example's order. */
export interface TrunkPageData {
  total: number;
  size: number;
  current: number;
  searchCount: true;
  pages: number;
  records: RawTrunk[];
}

const MAX_PAGE_SIZE = 100;

/** Validates a parsed body against the vendor's parameter rules; null means "Parameter exception". */
export function parseTrunkQuery(body: unknown): TrunkQuery | null {
  if (!isObject(body) || !isObject(body.params)) return null;
  const { current, size, params } = body;
  if (!Number.isInteger(current) || (current as number) < 1) return null;
  if (!Number.isInteger(size) || (size as number) < 1 || (size as number) > MAX_PAGE_SIZE) return null;
  const query: TrunkQuery = { current: current as number, size: size as number };
  // The vendor is a Java service: an explicit null reads the same as an absent field.
  if (params.type !== undefined && params.type !== null) {
    if (params.type !== 1 && params.type !== 2) return null;
    query.type = params.type;
  }
  if (params.sipTrunkName !== undefined && params.sipTrunkName !== null) {
    if (typeof params.sipTrunkName !== 'string') return null;
    query.sipTrunkName = params.sipTrunkName;
  }
  return query;
}

/** Filters by type and case-insensitive name substring, then cuts out the requested page. */
export function pageTrunks(trunks: readonly RawTrunk[], query: TrunkQuery): TrunkPageData {
  const needle = query.sipTrunkName?.toLowerCase() ?? '';
  const matching = trunks.filter(
    (t) =>
      (query.type === undefined || t.type === query.type) &&
      (needle === '' || t.sipTrunkName.toLowerCase().includes(needle)),
  );
  const start = (query.current - 1) * query.size;
  return {
    total: matching.length,
    size: query.size,
    current: query.current,
    searchCount: true,
    pages: Math.ceil(matching.length / query.size),
    records: matching.slice(start, start + query.size),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
