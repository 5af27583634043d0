import type { Trunk } from '../trunks/trunk.js';

/** A gateway state seen on fewer polls than WATCH_CONFIRM_POLLS: not news yet. */
export interface PendingGateway {
  down: boolean;
  polls: number;
  /** When it was first seen (the snapshot's time), which becomes the incident's "since". */
  since: number;
}

/** A gateway whose confirmed state differs from what the last snapshot shows, or with a change pending. */
export interface GatewayTrack {
  down: boolean;
  pending?: PendingGateway;
}

/** Why a gateway stopped being down. */
export type IncidentEnd = 'recovered' | 'disabled' | 'removed';

/** One trunk's gateway trouble: from its first confirmed down until it has stayed up for the flap window. */
export interface Incident {
  trunkId: string;
  name: string | null;
  gatewayIp: string | null;
  /** Start of the first down. */
  since: number;
  down: boolean;
  /** Start of the latest down, and its end once it ended. */
  downAt: number;
  endedAt?: number;
  endedBy?: IncidentEnd;
  /** Confirmed downs in this incident; more than one is a flapping gateway. */
  downs: number;
}

/** A message the bot posted that it may still edit: the incidents it shows, and the change lines beside them. */
export interface AlertPost {
  channel: string;
  ts: string;
  postedAt: number;
  incidents: string[];
  /** Config changes, rendered when posted: they never change afterwards. */
  lines: string[];
  /** Changes in the same poll not listed (past the message's limit). */
  more: number;
}

/** ITNIO failing poll after poll: counted, and told to the operator's alert channel once. */
export interface Outage {
  since: number;
  failures: number;
  /** The notice posted to ALERT_CHANNEL_ID, edited when ITNIO is back. */
  notice?: { channel: string; ts: string };
}

/** What the poller keeps between polls and across restarts. */
export interface WatchState {
  version: 1;
  /** The time of the snapshot last compared (0: none yet). */
  fetchedAt: number;
  trunks: Trunk[];
  gateways: Record<string, GatewayTrack>;
  /** Trunks absent from the last whole snapshots, by how many polls in a row: not yet taken as removed. */
  missing: Record<string, number>;
  incidents: Record<string, Incident>;
  posts: AlertPost[];
  outage?: Outage;
}

/** The state before the first snapshot: nothing to compare with yet. */
export function emptyWatchState(): WatchState {
  return { version: 1, fetchedAt: 0, trunks: [], gateways: {}, missing: {}, incidents: {}, posts: [] };
}

/** Reads a persisted state; anything unreadable starts afresh rather than stopping the watches for good. */
export function readWatchState(json: string | undefined): WatchState | undefined {
  if (json === undefined) return undefined;
  try {
    const state = JSON.parse(json) as Partial<WatchState>;
    if (state.version !== 1 || !Array.isArray(state.trunks) || typeof state.fetchedAt !== 'number') return undefined;
    return {
      version: 1,
      fetchedAt: state.fetchedAt,
      trunks: state.trunks,
      gateways: state.gateways ?? {},
      missing: state.missing ?? {},
      incidents: state.incidents ?? {},
      posts: state.posts ?? [],
      ...(state.outage && { outage: state.outage }),
    };
  } catch {
    return undefined;
  }
}
