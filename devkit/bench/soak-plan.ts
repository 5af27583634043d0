import type { SandboxFault } from '../sandbox/itnio-server.js';
import type { OneRequest, Surface } from './contender.js';
import type { BenchQuery } from './per-call-queries.js';

/** Queries ITNIO cannot filter by: answered from the snapshot, or refused when the estate is too large for one. */
export const SNAPSHOT_ONLY = ['down', 'stats', 'down page:2', 'group:billing', 'changed:24h', 'outgoing up'];
/** How many of the distinct queries are "hot": asked again and again, so the page cache answers them. */
export const HOT_QUERIES = 10;

/** What request `i` of the soak is. */
export interface SoakRequest {
  surface: Surface;
  /** `distinct` rotates through every query (cache misses), `hot` repeats a few, `snapshot` needs the snapshot. */
  pool: 'distinct' | 'hot' | 'snapshot';
  /** Index into that pool. */
  index: number;
}

/**
 * The mix, by `i` mod 20: 30 % distinct commands, 25 % hot commands, 10 % snapshot-only searches,
 * 20 % clicks on distinct pages, 15 % clicks on hot pages.
 */
export function soakRequest(i: number): SoakRequest {
  const slot = i % 20;
  const round = Math.floor(i / 20);
  if (slot < 6) return { surface: 'command', pool: 'distinct', index: round * 6 + slot };
  if (slot < 11) return { surface: 'command', pool: 'hot', index: (round * 5 + slot) % HOT_QUERIES };
  if (slot < 13) return { surface: 'command', pool: 'snapshot', index: (round * 2 + slot) % SNAPSHOT_ONLY.length };
  if (slot < 17) return { surface: 'button', pool: 'distinct', index: round * 4 + slot };
  return { surface: 'button', pool: 'hot', index: (round * 3 + slot) % HOT_QUERIES };
}

/** Request `i` of the soak as the contender sends it, its queries taken from `queries` (hot: the first few). */
export function soakQuery(i: number, queries: readonly BenchQuery[]): OneRequest {
  const { surface, pool, index } = soakRequest(i);
  if (pool === 'snapshot') return { surface, text: SNAPSHOT_ONLY[index]! };
  return { surface, query: queries[pool === 'hot' ? index : index % queries.length]! };
}

/** A fault played by the sandbox on the next `times` ITNIO calls. */
export interface PlannedFault {
  fault: SandboxFault;
  times: number;
  /** What the user should see, for the report. */
  effect: string;
}

/** Per 1,000 requests, at these offsets: vendor errors, HTTP errors and hangs, some absorbed by got's retries. */
const FAULTS: ReadonlyMap<number, PlannedFault> = new Map([
  [100, { fault: { kind: 'vendor-status', status: -18 }, times: 1, effect: 'a vendor error answer' }],
  [300, { fault: { kind: 'http', status: 503 }, times: 1, effect: 'absorbed by a retry' }],
  [500, { fault: { kind: 'http', status: 503 }, times: 3, effect: 'an HTTP error answer after two retries' }],
  [700, { fault: { kind: 'hang' }, times: 1, effect: 'a timeout absorbed by a retry' }],
  [850, { fault: { kind: 'hang' }, times: 3, effect: 'a timeout answer after two retries' }],
  [950, { fault: { kind: 'garbage' }, times: 1, effect: 'a bad-answer error' }],
]);

/** The fault to inject just before request `i` is sent, if any. */
export function faultAt(i: number): PlannedFault | undefined {
  return FAULTS.get(i % 1000);
}

/** Every planned fault, for the report's description. */
export const PLANNED_FAULTS: readonly PlannedFault[] = [...FAULTS.values()];
