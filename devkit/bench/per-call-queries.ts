import { createButtonSeal } from '../../src/trunks/button-seal.js';
import { formatRequest } from '../../src/trunks/format-request.js';
import { encodePageState } from '../../src/trunks/page-state.js';
import { parseQuery } from '../../src/trunks/parse-query.js';
import type { TrunkRequest } from '../../src/trunks/trunk-request.js';
import type { RawTrunk } from '../sandbox/seed-trunks.js';
import { FLOOR_PAGE_SIZE, floorVendorBody, type VendorBody } from './floor-vendor-body.js';

/** One command the bench sends, and the click on its Next › button. */
export interface BenchQuery {
  /** What the user types after `/trunks`, e.g. `outgoing globex page:3`. */
  text: string;
  /** The vendor body both bots send for it. */
  body: VendorBody;
  /** Next ›: trunkbot's sealed button value for the following page, and the floor's plain query text for it. */
  next: { trunkbot: string; floor: string };
}

const TYPES = [undefined, 1, 2] as const;

/**
 * Every query ITNIO's own filters can answer (direction, one name word, page) that returns a full page and
 * has a next one, for `trunks` as the sandbox serves them: ordered so that neighbours differ in filter.
 * Only queries that trunkbot's grammar reads back to exactly the vendor body the floor sends are kept, so
 * both bots ask ITNIO the same thing. `sealSecret` seals the Next › values as trunkbot does (its
 * BUTTON_SEAL_SECRET).
 */
export function perCallQueries(trunks: readonly RawTrunk[], sealSecret: string): BenchQuery[] {
  const seal = createButtonSeal(sealSecret);
  const byFilter: BenchQuery[][] = [];
  for (const name of [undefined, ...nameWords(trunks)]) {
    for (const type of TYPES) {
      const needle = name?.toLowerCase();
      const count = trunks.filter(
        (t) =>
          (type === undefined || t.type === type) &&
          (needle === undefined || t.sipTrunkName.toLowerCase().includes(needle)),
      ).length;
      const queries: BenchQuery[] = [];
      // Full pages that have a next page: both bots get ten records, and Next › exists.
      for (let page = 1; page * FLOOR_PAGE_SIZE < count; page++) {
        const request: TrunkRequest = { page, ...(type && { type }), ...(name && { name }) };
        const text = formatRequest(request);
        const nextText = formatRequest({ ...request, page: page + 1 });
        if (!sameVendorBody(text, request)) break;
        queries.push({
          text,
          body: floorVendorBody(text),
          next: { trunkbot: encodePageState({ request: { ...request, page: page + 1 } }, seal), floor: nextText },
        });
      }
      if (queries.length > 0) byFilter.push(queries);
    }
  }
  // Round-robin over the filters: page 1 of each, then page 2 of each, …
  const out: BenchQuery[] = [];
  for (let page = 0; out.length < byFilter.reduce((n, q) => n + q.length, 0); page++) {
    for (const queries of byFilter) {
      const query = queries[page];
      if (query) out.push(query);
    }
  }
  return out;
}

/** Lower-case words of at least three letters found in trunk names, that trunkbot reads as a name word alone. */
function nameWords(trunks: readonly RawTrunk[]): string[] {
  const words = new Set<string>();
  for (const t of trunks)
    for (const w of t.sipTrunkName.toLowerCase().split(/[^a-z]+/)) if (w.length >= 3) words.add(w);
  return [...words].sort().filter((w) => {
    const parsed = parseQuery(w);
    return parsed.kind === 'query' && Object.keys(parsed.request).length === 2 && parsed.request.name === w;
  });
}

/** Whether trunkbot reads `text` back to `request`, whose vendor body is the floor's for `text`. */
function sameVendorBody(text: string, request: TrunkRequest): boolean {
  const parsed = parseQuery(text);
  if (parsed.kind !== 'query') return false;
  const { page, type, name, ...rest } = parsed.request;
  if (Object.keys(rest).length > 0 || page !== request.page || type !== request.type || name !== request.name)
    return false;
  const trunkbot: VendorBody = {
    current: page,
    size: FLOOR_PAGE_SIZE,
    params: { ...(type !== undefined && { type }), ...(name !== undefined && { sipTrunkName: name }) },
  };
  return JSON.stringify(trunkbot) === JSON.stringify(floorVendorBody(text));
}
