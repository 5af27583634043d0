import { isDown } from '../trunks/trunk-index.js';
import type { Trunk } from '../trunks/trunk.js';
import { diffSnapshots, trunksById, type TrunkChange } from './diff-snapshots.js';
import { changeLine, gatewayUpLine, incidentReply } from './render-alert.js';
import type { AlertPost, GatewayTrack, Incident, IncidentEnd, PendingGateway, WatchState } from './watch-state.js';

/** A new message for one channel: the incidents it opens and the change lines beside them. */
export interface NewPost {
  channel: string;
  incidents: string[];
  lines: string[];
  more: number;
}

/** What one poll must send to Slack, and the state to keep once it is sent. */
export interface AlertPlan {
  /** The next state; `posts` in it lacks the new posts, which are added once Slack gives them a ts. */
  state: WatchState;
  posts: NewPost[];
  /** Posts in `state` to render again and edit in place. */
  edits: AlertPost[];
  replies: { post: AlertPost; text: string }[];
}

export interface PlanInput {
  state: WatchState;
  trunks: readonly Trunk[];
  fetchedAt: number;
  /** False when some records could not be read: a trunk missing from it is not taken as removed. */
  complete: boolean;
  /** The channels watching a trunk (matched in the previous or the new snapshot). */
  channelsFor: (trunkId: string) => readonly string[];
  confirmPolls: number;
  /** How long a recovered gateway's incident stays open, so going down again is a flap rather than news. */
  flapWindowMs: number;
}

/** Items one message lists before it summarises the rest: Slack readers scan, they do not scroll. */
export const MAX_ITEMS = 10;

/**
 * Compares a new snapshot with the state of the last poll and decides what to tell each channel.
 * Rule 1: the first snapshot is the baseline; nothing is news yet.
 * Rule 2: a gateway change counts once `confirmPolls` polls in a row agree; a one-poll blip is nothing.
 * Rule 3: a gateway that goes down again soon after recovering reopens its incident (the same message
 * is edited), so a flapping trunk is one alert with a count.
 * Rule 4: config changes (added, removed, enabled, addresses, prefix, account, groups, credentials) are
 * news at once, in one message per channel per poll with the new incidents; a removal, once whole
 * snapshots have lacked the trunk for `confirmPolls` polls.
 */
export function planAlerts(input: PlanInput): AlertPlan {
  const { state, fetchedAt: at } = input;
  if (state.fetchedAt === 0) {
    return { state: { ...state, fetchedAt: at, trunks: [...input.trunks] }, posts: [], edits: [], replies: [] };
  }
  const before = trunksById(state.trunks);
  const after = trunksById(input.trunks);
  // Missing is not the same as removed: a partial snapshot carries unseen trunks forward, and a trunk
  // counts as removed only once `confirmPolls` whole snapshots in a row lack it (records can shift
  // between pages while a snapshot is collected).
  const missing: Record<string, number> = {};
  for (const [id, trunk] of before) {
    if (after.has(id)) continue;
    const polls = (state.missing[id] ?? 0) + (input.complete ? 1 : 0);
    if (polls >= input.confirmPolls) continue;
    after.set(id, trunk);
    if (polls > 0) missing[id] = polls;
  }

  const incidents: Record<string, Incident> = structuredClone(state.incidents);
  const posts: AlertPost[] = structuredClone(state.posts);
  const gateways: Record<string, GatewayTrack> = {};
  const fresh = new Map<string, { incidents: string[]; lines: string[] }>();
  const edits = new Set<AlertPost>();
  const replies = new Map<AlertPost, string[]>();
  const inChannel = (channel: string) => {
    const entry = fresh.get(channel) ?? { incidents: [], lines: [] };
    fresh.set(channel, entry);
    return entry;
  };
  const postsOf = (id: string) => posts.filter((p) => p.incidents.includes(id));
  const reply = (post: AlertPost, text: string) => replies.set(post, [...(replies.get(post) ?? []), text]);

  const wentDown = (id: string, trunk: Trunk, since: number) => {
    const incident = incidents[id];
    if (incident && !incident.down && at - (incident.endedAt ?? 0) < input.flapWindowMs) {
      incident.down = true;
      incident.downAt = since;
      incident.downs += 1;
      delete incident.endedAt;
      delete incident.endedBy;
      const shown = postsOf(id);
      for (const post of shown) {
        edits.add(post);
        if (incident.downs === 2) reply(post, incidentReply(incident, at));
      }
      for (const channel of input.channelsFor(id)) {
        if (!shown.some((p) => p.channel === channel)) inChannel(channel).incidents.push(id);
      }
      return;
    }
    incidents[id] = {
      trunkId: id,
      name: trunk.name,
      gatewayIp: trunk.gatewayIp,
      since,
      down: true,
      downAt: since,
      downs: 1,
    };
    for (const post of posts) post.incidents = post.incidents.filter((i) => i !== id);
    for (const channel of input.channelsFor(id)) inChannel(channel).incidents.push(id);
  };

  const ended = (id: string, trunk: Trunk, by: IncidentEnd, when: number) => {
    const incident = incidents[id];
    if (!incident?.down) {
      // Down since before the watch began (or since the baseline): its recovery is still worth saying.
      if (by === 'recovered')
        for (const channel of input.channelsFor(id)) inChannel(channel).lines.push(gatewayUpLine(trunk));
      return;
    }
    incident.down = false;
    incident.endedAt = when;
    incident.endedBy = by;
    for (const post of postsOf(id)) {
      edits.add(post);
      // A flapping gateway's every recovery would be a message per flip: its edits say enough.
      if (incident.downs === 1) reply(post, incidentReply(incident, at));
    }
  };

  // Rule 2: each gateway's confirmed state against what this snapshot shows.
  for (const [id, trunk] of after) {
    const previous = before.get(id);
    const track = state.gateways[id] ?? { down: isDown(previous ?? trunk) };
    const seen = isDown(trunk);
    let next: GatewayTrack = { down: track.down };
    if (track.down && trunk.enabled === false) {
      ended(id, trunk, 'disabled', at);
      next = { down: false };
    } else if (seen !== track.down) {
      const pending: PendingGateway =
        track.pending?.down === seen
          ? { ...track.pending, polls: track.pending.polls + 1 }
          : { down: seen, polls: 1, since: at };
      if (pending.polls >= input.confirmPolls) {
        if (seen) wentDown(id, trunk, pending.since);
        else ended(id, trunk, 'recovered', pending.since);
        next = { down: seen };
      } else {
        next = { down: track.down, pending };
      }
    }
    // Only what the snapshot alone would not tell is kept.
    if (next.pending || next.down !== seen) gateways[id] = next;
  }
  for (const [id, previous] of before) {
    if (after.has(id)) continue;
    if (state.gateways[id]?.down ?? isDown(previous)) ended(id, previous, 'removed', at);
  }

  // Rule 4: config changes, the gateway left to Rule 2.
  for (const change of configChanges(diffSnapshots(before, after))) {
    const line = changeLine(change);
    for (const channel of input.channelsFor(change.id)) inChannel(channel).lines.push(line);
  }

  // Incidents quiet for the flap window are over; posts with nothing left to edit are forgotten.
  for (const [id, incident] of Object.entries(incidents)) {
    if (!incident.down && at - (incident.endedAt ?? at) >= input.flapWindowMs) delete incidents[id];
  }
  const kept = posts.filter((post) => {
    post.incidents = post.incidents.filter((id) => incidents[id] !== undefined);
    return post.incidents.length > 0;
  });

  const newPosts = [...fresh].map(([channel, { incidents: opened, lines }]): NewPost => {
    const room = Math.max(0, MAX_ITEMS - opened.length);
    return { channel, incidents: opened, lines: lines.slice(0, room), more: Math.max(0, lines.length - room) };
  });
  return {
    state: {
      version: 1,
      fetchedAt: at,
      trunks: [...after.values()],
      gateways,
      missing,
      incidents,
      posts: kept,
      ...(state.outage && { outage: state.outage }),
    },
    posts: newPosts,
    edits: [...edits].filter((p) => kept.includes(p)),
    replies: [...replies].filter(([p]) => kept.includes(p)).map(([post, texts]) => ({ post, text: texts.join('\n') })),
  };
}

/** Changes with the gateway taken out (it is confirmed over several polls); those left with nothing are dropped. */
function configChanges(changes: TrunkChange[]): TrunkChange[] {
  return changes.flatMap((change): TrunkChange[] => {
    if (change.kind !== 'changed') return [change];
    const fields = change.fields.filter((f) => f !== 'gateway');
    return fields.length > 0 ? [{ ...change, fields }] : [];
  });
}
