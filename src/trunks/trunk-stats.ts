import { TRUNK_TYPE, type Trunk } from './trunk.js';
import { changedAt, changedWithin, isDown, type TrunkIndex } from './trunk-index.js';

export type Direction = 'outgoing' | 'incoming' | 'unknown';
export type EnabledState = 'enabled' | 'disabled' | 'unknown';
export type GatewayState = 'up' | 'down' | 'unknown';

/** Trunk counts by direction, then enabled flag, then gateway state; every combination is present, zero or not. */
export type StateCounts = Record<Direction, Record<EnabledState, Record<GatewayState, number>>>;

/** A summary of a set of trunks, for an incident overview. */
export interface TrunkStats {
  total: number;
  counts: StateCounts;
  /** Enabled trunks whose gateway is down: `downTrunks.length`, for callers that only need the number. */
  down: number;
  /** Enabled trunks whose gateway is down, in the order given. */
  downTrunks: Trunk[];
  /** How many changed in the 24 hours before "as of". */
  changedLast24h: number;
}

const DAY_MINUTES = 24 * 60;

/** Counts and lists what an incident overview needs; the index supplies parsed change times in the vendor's zone. */
export function summarize(trunks: readonly Trunk[], asOf: number, index: TrunkIndex): TrunkStats {
  const counts = emptyCounts();
  const downTrunks: Trunk[] = [];
  let changedLast24h = 0;
  for (const trunk of trunks) {
    counts[direction(trunk)][enabledState(trunk)][gatewayState(trunk)]++;
    if (isDown(trunk)) downTrunks.push(trunk);
    if (changedWithin(changedAt(index, trunk), DAY_MINUTES, asOf)) changedLast24h++;
  }
  return { total: trunks.length, counts, down: downTrunks.length, downTrunks, changedLast24h };
}

function emptyCounts(): StateCounts {
  const gateway = (): Record<GatewayState, number> => ({ up: 0, down: 0, unknown: 0 });
  const enabled = () => ({ enabled: gateway(), disabled: gateway(), unknown: gateway() });
  return { outgoing: enabled(), incoming: enabled(), unknown: enabled() };
}

function direction(trunk: Trunk): Direction {
  if (trunk.type === TRUNK_TYPE.outgoing) return 'outgoing';
  return trunk.type === TRUNK_TYPE.incoming ? 'incoming' : 'unknown';
}

function enabledState(trunk: Trunk): EnabledState {
  return trunk.enabled === null ? 'unknown' : trunk.enabled ? 'enabled' : 'disabled';
}

function gatewayState(trunk: Trunk): GatewayState {
  return trunk.gatewayUp === null ? 'unknown' : trunk.gatewayUp ? 'up' : 'down';
}
