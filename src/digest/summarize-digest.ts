import { matchTrunks } from '../trunks/match-trunks.js';
import type { Trunk } from '../trunks/trunk.js';
import { changedAt, changedWithin, isDown, type TrunkIndex } from '../trunks/trunk-index.js';
import type { TrunkRequest } from '../trunks/trunk-request.js';

/** A day's digest in numbers and lists: the trunks its filters match, and those down, disabled and changed. */
export interface DigestSummary {
  total: number;
  /** Enabled trunks whose gateway is down, in the index's order. */
  down: Trunk[];
  disabled: Trunk[];
  /** Changed in the 24 hours before "as of", newest first, each with its change time. */
  changed: { trunk: Trunk; at: number }[];
}

const DAY_MINUTES = 24 * 60;

/** Sorts the trunks a digest's filters match into what its reader wants to know about. */
export function summarizeDigest(index: TrunkIndex, request: TrunkRequest, asOf: number): DigestSummary {
  const trunks = matchTrunks(index, { ...request, page: 1 }, asOf);
  const changed: DigestSummary['changed'] = [];
  for (const trunk of trunks) {
    const at = changedAt(index, trunk);
    if (at !== undefined && changedWithin(at, DAY_MINUTES, asOf)) changed.push({ trunk, at });
  }
  // Stable: equal times keep the index's order.
  changed.sort((a, b) => b.at - a.at);
  return {
    total: trunks.length,
    down: trunks.filter(isDown),
    disabled: trunks.filter((t) => t.enabled === false),
    changed,
  };
}
