import { matchTrunks } from '../trunks/match-trunks.js';
import type { Trunk } from '../trunks/trunk.js';
import { changedAt, type TrunkIndex } from '../trunks/trunk-index.js';
import type { TrunkRequest } from '../trunks/trunk-request.js';
import { summarize, type TrunkStats } from '../trunks/trunk-stats.js';
import type { Watch } from '../watch/watch-book.js';

/** "Changed lately" on the Home tab: the same 24 hours as the stats summary. */
const HOME_CHANGED_MINUTES = 24 * 60;

/** The queries behind the Home tab's lists, which its buttons run in full. */
export const HOME_QUERIES: Readonly<Record<'down' | 'changed' | 'stats', TrunkRequest>> = {
  down: { page: 1, status: ['down'] },
  changed: { page: 1, changed: { withinMinutes: HOME_CHANGED_MINUTES } },
  stats: { page: 1, stats: true },
};

/** A trunk that changed lately, with when (epoch ms, by the index's clock). */
export interface ChangedTrunk {
  trunk: Trunk;
  at: number | undefined;
}

/** What one user's Home tab shows, picked from a snapshot and the watch book; rendering cuts the lists. */
export interface HomeFacts {
  /** Counts of every trunk; `downTrunks` in the index's order (by name). */
  stats: TrunkStats;
  /** Every trunk changed in the last HOME_CHANGED_MINUTES, newest first. */
  changed: ChangedTrunk[];
  /** The watches this user set up, in any channel, oldest first; undefined when the watch book could not be read. */
  watches: Watch[] | undefined;
}

/** Picks a user's Home tab content from the whole snapshot (`asOf` is its "as of") and every watch. */
export function collectHomeFacts(
  index: TrunkIndex,
  asOf: number,
  watches: readonly Watch[] | undefined,
  user: string,
): HomeFacts {
  const every = index.entries.map((e) => e.trunk);
  return {
    stats: summarize(every, asOf, index),
    changed: matchTrunks(index, HOME_QUERIES.changed, asOf).map((trunk) => ({ trunk, at: changedAt(index, trunk) })),
    watches: watches?.filter((w) => w.createdBy === user),
  };
}
