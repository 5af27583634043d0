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
  /** Trunk IDs of the incidents it lists, in order. */
  incidents: string[];
  /**
   * Incidents that are over for good (or were replaced by a newer one), as their last line: the message
   * keeps showing them when it is edited for the others.
   */
  frozen?: Record<string, string>;
  /** Config changes, rendered when posted: they never change afterwards. */
  lines: string[];
  /** Changes in the same poll not listed (past the message's limit). */
  more: number;
}

/** A new message for one channel: the incidents it opens and the change lines beside them. */
export interface NewPost {
  channel: string;
  incidents: string[];
  lines: string[];
  more: number;
}

/**
 * One message still to send. A poll's messages are saved with its state before any is sent, and each
 * one sent is recorded at once (see WatchProgress), so neither a restart nor another instance taking
 * over the lease sends one twice or forgets one; a message Slack refused for a while is tried again.
 */
export type OutboxItem = { id: string; attempts: number } & OutboxMessage;

/** A new alert, an edit of a posted one (rendered from the state when sent), or a reply in its thread. */
export type OutboxMessage =
  | { kind: 'post'; post: NewPost }
  | { kind: 'edit'; channel: string; ts: string }
  | { kind: 'reply'; channel: string; threadTs: string; text: string };

/** What has been sent of the outbox of the state saved at `fetchedAt`, written after every message. */
export interface WatchProgress {
  fetchedAt: number;
  done: { id: string; ts?: string; postedAt?: number }[];
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
  /** Messages planned and not sent yet. */
  outbox: OutboxItem[];
  outage?: Outage;
}

/** The state before the first snapshot: nothing to compare with yet. */
export function emptyWatchState(): WatchState {
  return { version: 1, fetchedAt: 0, trunks: [], gateways: {}, missing: {}, incidents: {}, posts: [], outbox: [] };
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
      outbox: state.outbox ?? [],
      ...(state.outage && { outage: state.outage }),
    };
  } catch {
    return undefined;
  }
}

/** The state with what its progress record says was sent: those messages leave the outbox, posts keep their ts. */
export function applyProgress(state: WatchState, json: string | undefined): WatchState {
  let progress: WatchProgress | undefined;
  try {
    progress = json === undefined ? undefined : (JSON.parse(json) as WatchProgress);
  } catch {
    return state;
  }
  if (progress?.fetchedAt !== state.fetchedAt || !Array.isArray(progress.done) || progress.done.length === 0) {
    return state;
  }
  const done = new Map(progress.done.map((d) => [d.id, d]));
  const posts = [...state.posts];
  for (const item of state.outbox) {
    const sent = done.get(item.id);
    const known = posts.some((p) => item.kind === 'post' && p.channel === item.post.channel && p.ts === sent?.ts);
    if (item.kind === 'post' && sent?.ts !== undefined && item.post.incidents.length > 0 && !known) {
      posts.push({ ...item.post, ts: sent.ts, postedAt: sent.postedAt ?? state.fetchedAt });
    }
  }
  return { ...state, posts, outbox: state.outbox.filter((item) => !done.has(item.id)) };
}
