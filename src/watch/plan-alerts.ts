import { randomUUID } from 'node:crypto';
import { isDown } from '../trunks/trunk-index.js';
import type { Trunk } from '../trunks/trunk.js';
import { diffSnapshots, trunksById, type TrunkChange } from './diff-snapshots.js';
import { changeLine, gatewayUpLine, incidentLine, incidentReply } from './render-alert.js';
import type {
  AlertPost,
  GatewayTrack,
  Incident,
  IncidentEnd,
  NewPost,
  OutboxItem,
  OutboxMessage,
  PendingGateway,
  WatchState,
} from './watch-state.js';

/** What one poll decided: the next state, whose outbox holds the messages to send. */
export interface AlertPlan {
  state: WatchState;
  /** How many messages of each kind this poll added to the outbox. */
  added: { posts: number; edits: number; replies: number; changes: number };
}

export interface PlanInput {
  state: WatchState;
  trunks: readonly Trunk[];
  fetchedAt: number;
  /** False when some records could not be read or the pages shifted while the snapshot was collected. */
  complete: boolean;
  /** The channels watching a trunk (matched in the previous or the new snapshot). */
  channelsFor: (trunkId: string) => readonly string[];
  confirmPolls: number;
  /** How long a recovered gateway's incident stays open, so going down again is a flap rather than news. */
  flapWindowMs: number;
}

/** Items one message lists before it summarises the rest: Slack readers scan, they do not scroll. */
export const MAX_ITEMS = 10;

/** Polls a trunk may be missing from snapshots that are not whole before it is taken as removed anyway. */
export const PARTIAL_REMOVAL_POLLS = 10;

/**
 * Compares a new snapshot with the state of the last poll and decides what to tell each channel.
 * Rule 1: the first snapshot is the baseline; nothing is news yet.
 * Rule 2: a gateway change counts once `confirmPolls` polls in a row agree; a one-poll blip is nothing.
 * Rule 3: a gateway that goes down again soon after recovering reopens its incident (the same message
 * is edited), so a flapping trunk is one alert with a count.
 * Rule 4: config changes (added, removed, enabled, addresses, prefix, account, groups, credentials) are
 * news at once, in one message per channel per poll with the new incidents; a removal, once snapshots
 * have lacked the trunk for `confirmPolls` polls (PARTIAL_REMOVAL_POLLS when they were not whole).
 */
export function planAlerts(input: PlanInput): AlertPlan {
  const { state, fetchedAt: at } = input;
  const none = { posts: 0, edits: 0, replies: 0, changes: 0 };
  if (state.fetchedAt === 0) {
    return { state: { ...state, fetchedAt: at, trunks: [...input.trunks] }, added: none };
  }
  const before = trunksById(state.trunks);
  const after = trunksById(input.trunks);
  // Missing is not the same as removed: records can shift between pages while a snapshot is collected,
  // and an unreadable record hides its trunk. The unseen trunk is carried forward until enough polls agree.
  const missing: Record<string, number> = {};
  const needed = input.complete ? input.confirmPolls : Math.max(input.confirmPolls, PARTIAL_REMOVAL_POLLS);
  for (const [id, trunk] of before) {
    if (after.has(id)) continue;
    const polls = (state.missing[id] ?? 0) + 1;
    if (polls >= needed) continue;
    after.set(id, trunk);
    missing[id] = polls;
  }

  const incidents: Record<string, Incident> = structuredClone(state.incidents);
  const posts: AlertPost[] = structuredClone(state.posts);
  const gateways: Record<string, GatewayTrack> = {};
  const fresh = new Map<string, { incidents: string[]; lines: string[] }>();
  const edits = new Set<AlertPost>();
  const replies = new Map<AlertPost, string[]>();
  const disabledWhileDown = new Set<string>();
  const inChannel = (channel: string) => {
    const entry = fresh.get(channel) ?? { incidents: [], lines: [] };
    fresh.set(channel, entry);
    return entry;
  };
  // The posts that show an incident live (not as a frozen line).
  const postsOf = (id: string) => posts.filter((p) => p.incidents.includes(id) && p.frozen?.[id] === undefined);
  const freeze = (id: string) => {
    const incident = incidents[id];
    if (!incident) return;
    for (const post of postsOf(id)) post.frozen = { ...post.frozen, [id]: incidentLine(incident) };
  };
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
    // A new incident: messages that showed the old one keep its last line.
    freeze(id);
    incidents[id] = {
      trunkId: id,
      name: trunk.name,
      gatewayIp: trunk.gatewayIp,
      since,
      down: true,
      downAt: since,
      downs: 1,
    };
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
    // The edited alert and its thread reply say it: a separate "disabled" line would say it a third time.
    if (by === 'disabled') disabledWhileDown.add(id);
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
  let changes = 0;
  for (const change of configChanges(diffSnapshots(before, after), disabledWhileDown)) {
    const line = changeLine(change);
    const channels = input.channelsFor(change.id);
    if (channels.length > 0) changes += 1;
    for (const channel of channels) inChannel(channel).lines.push(line);
  }

  // Incidents quiet for the flap window are over: their messages keep their last line, and a message
  // with nothing left to edit is forgotten.
  for (const [id, incident] of Object.entries(incidents)) {
    if (!incident.down && at - (incident.endedAt ?? at) >= input.flapWindowMs) {
      freeze(id);
      delete incidents[id];
    }
  }
  const kept = posts.filter((post) => post.incidents.some((id) => post.frozen?.[id] === undefined));

  const outbox: OutboxItem[] = [...state.outbox];
  const queue = (message: OutboxMessage) => outbox.push({ id: randomUUID(), attempts: 0, ...message });
  const newPosts = [...fresh].map(([channel, { incidents: opened, lines }]): NewPost => {
    const room = Math.max(0, MAX_ITEMS - opened.length);
    return { channel, incidents: opened, lines: lines.slice(0, room), more: Math.max(0, lines.length - room) };
  });
  for (const post of newPosts) queue({ kind: 'post', post });
  const pendingEdit = (post: AlertPost) =>
    state.outbox.some((i) => i.kind === 'edit' && i.channel === post.channel && i.ts === post.ts);
  const editList = [...edits].filter((p) => kept.includes(p) && !pendingEdit(p));
  for (const post of editList) queue({ kind: 'edit', channel: post.channel, ts: post.ts });
  const replyList = [...replies].filter(([p]) => kept.includes(p));
  for (const [post, texts] of replyList)
    queue({ kind: 'reply', channel: post.channel, threadTs: post.ts, text: texts.join('\n') });

  return {
    state: {
      version: 1,
      fetchedAt: at,
      trunks: [...after.values()],
      gateways,
      missing,
      incidents,
      posts: kept,
      outbox,
      ...(state.outage && { outage: state.outage }),
    },
    added: { posts: newPosts.length, edits: editList.length, replies: replyList.length, changes },
  };
}

/**
 * Changes with the gateway taken out (it is confirmed over several polls), and "disabled" left out for
 * a trunk whose down alert already says it was disabled; those left with nothing are dropped.
 */
function configChanges(changes: TrunkChange[], disabledWhileDown: ReadonlySet<string>): TrunkChange[] {
  return changes.flatMap((change): TrunkChange[] => {
    if (change.kind !== 'changed') return [change];
    const fields = change.fields.filter(
      (f) => f !== 'gateway' && !(f === 'enabled' && disabledWhileDown.has(change.id)),
    );
    return fields.length > 0 ? [{ ...change, fields }] : [];
  });
}
