import { MAX_ITEMS, PARTIAL_REMOVAL_POLLS, planAlerts } from '../../src/watch/plan-alerts.js';
import { type AlertPost, emptyWatchState, type NewPost, type WatchState } from '../../src/watch/watch-state.js';
import type { Trunk } from '../../src/trunks/trunk.js';
import { aTrunk, someTrunks } from '../support/trunks.js';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 28, 14, 3);

/** What one poll sent, once its outbox was delivered. */
interface Sent {
  posts: NewPost[];
  edits: AlertPost[];
  replies: { post: AlertPost; text: string }[];
}

/** Drives planAlerts poll after poll, delivering its outbox (each post gets a ts) as the poller does. */
function watcher(options: { confirmPolls?: number; channels?: string[]; flapWindowMs?: number } = {}) {
  let state: WatchState = emptyWatchState();
  let at = T0;
  let ts = 0;
  return {
    poll(trunks: readonly Trunk[], { complete = true, minutes = 1 } = {}): Sent {
      at += minutes * MINUTE;
      const { state: next } = planAlerts({
        state,
        trunks,
        fetchedAt: at,
        complete,
        channelsFor: () => options.channels ?? ['C1'],
        confirmPolls: options.confirmPolls ?? 2,
        flapWindowMs: options.flapWindowMs ?? 15 * MINUTE,
      });
      const sent: Sent = { posts: [], edits: [], replies: [] };
      const byTs = (channel: string, wanted: string) =>
        next.posts.find((p) => p.channel === channel && p.ts === wanted)!;
      for (const item of next.outbox) {
        if (item.kind === 'post') {
          ts += 1;
          sent.posts.push(item.post);
          if (item.post.incidents.length > 0) next.posts.push({ ...item.post, ts: String(ts), postedAt: at });
        } else if (item.kind === 'edit') {
          sent.edits.push(byTs(item.channel, item.ts));
        } else {
          sent.replies.push({ post: byTs(item.channel, item.threadTs), text: item.text });
        }
      }
      state = { ...next, outbox: [] };
      return sent;
    },
    get state() {
      return state;
    },
  };
}

const up = aTrunk({ keyId: 1, name: 'Acme-Outbound', gatewayUp: true });
const down = { ...up, gatewayUp: false };

describe('planAlerts', () => {
  it('takes the first snapshot as the baseline: nothing is news yet, not even a trunk already down', () => {
    const w = watcher();
    const plan = w.poll([down, aTrunk({ keyId: 2 })]);
    expect(plan.posts).toEqual([]);
    expect(w.state.trunks).toHaveLength(2);
  });

  it('alerts a gateway down only once WATCH_CONFIRM_POLLS polls agree, with the time it was first seen', () => {
    const w = watcher({ confirmPolls: 2 });
    w.poll([up]);
    const first = w.poll([down]);
    expect(first.posts).toEqual([]);
    const second = w.poll([down]);
    expect(second.posts).toEqual([{ channel: 'C1', incidents: ['1'], lines: [], more: 0 }]);
    expect(w.state.incidents['1']).toMatchObject({ down: true, since: T0 + 2 * MINUTE, downs: 1 });
    expect(w.poll([down]).posts).toEqual([]);
  });

  it('ignores a one-poll blip', () => {
    const w = watcher({ confirmPolls: 2 });
    w.poll([up]);
    w.poll([down]);
    const plans = [w.poll([up]), w.poll([up]), w.poll([up])];
    expect(plans.flatMap((p) => [...p.posts, ...p.edits, ...p.replies])).toEqual([]);
    expect(w.state.gateways).toEqual({});
  });

  it('edits the alert on recovery and replies in its thread, without a second message', () => {
    const w = watcher({ confirmPolls: 2 });
    w.poll([up]);
    w.poll([down]);
    w.poll([down]);
    const post = w.state.posts[0]!;
    w.poll([up]);
    const recovered = w.poll([up]);
    expect(recovered.posts).toEqual([]);
    expect(recovered.edits).toEqual([post]);
    expect(recovered.replies).toHaveLength(1);
    expect(recovered.replies[0]!.post.ts).toBe(post.ts);
    expect(recovered.replies[0]!.text).toMatch(/recovered after 2 min/);
    expect(w.state.incidents['1']).toMatchObject({ down: false, endedBy: 'recovered', endedAt: T0 + 4 * MINUTE });
  });

  it('collapses a flapping gateway into the one alert: edits with a count, one "flapping" reply, no new posts', () => {
    const w = watcher({ confirmPolls: 1 });
    w.poll([up]);
    const opened = w.poll([down]);
    expect(opened.posts).toHaveLength(1);
    const flips = [];
    for (let i = 0; i < 4; i++) flips.push(w.poll([up]), w.poll([down]));
    expect(flips.flatMap((p) => p.posts)).toEqual([]);
    expect(flips.every((p) => p.edits.length === 1)).toBe(true);
    const replies = flips.flatMap((p) => p.replies.map((r) => r.text));
    // The first recovery, then the moment it became a flap; the other flips are edits only.
    expect(replies).toHaveLength(2);
    expect(replies[1]).toMatch(/flapping/);
    expect(w.state.incidents['1']).toMatchObject({ down: true, downs: 5 });
  });

  it('opens a new incident when the gateway goes down again after the flap window', () => {
    const w = watcher({ confirmPolls: 1, flapWindowMs: 10 * MINUTE });
    w.poll([up]);
    w.poll([down]);
    w.poll([up]);
    expect(w.poll([up], { minutes: 11 }).edits).toEqual([]);
    expect(w.state.incidents).toEqual({});
    expect(w.state.posts).toEqual([]);
    expect(w.poll([down]).posts).toHaveLength(1);
  });

  it('puts several changes of one poll into one message per channel, summarised past ten', () => {
    const trunks = Array.from({ length: 14 }, (_, i) => aTrunk({ keyId: 100 + i, name: `t${i}` }));
    const w = watcher({ confirmPolls: 1, channels: ['C1', 'C2'] });
    w.poll(trunks);
    const changed = trunks.map((t, i) => (i < 3 ? { ...t, gatewayUp: false } : { ...t, prefix: '77' }));
    const plan = w.poll(changed);
    expect(plan.posts.map((p) => p.channel)).toEqual(['C1', 'C2']);
    const [c1] = plan.posts;
    expect(c1!.incidents).toEqual(['100', '101', '102']);
    expect(c1!.lines).toHaveLength(MAX_ITEMS - 3);
    expect(c1!.more).toBe(11 - (MAX_ITEMS - 3));
  });

  it('reports config changes at once: added, removed (once confirmed), disabled, fields; never a password value', () => {
    const [a, b] = someTrunks({ name: 'Alpha', credentialTag: 'key1.tag1' }, { name: 'Beta' });
    const w = watcher({ confirmPolls: 2 });
    w.poll([a!, b!]);
    const c = aTrunk({ keyId: 777, name: 'Gamma' });
    const plan = w.poll([{ ...a!, enabled: false, gatewayIp: '192.0.2.1', credentialTag: 'key1.tag2' }, c]);
    const lines = plan.posts[0]!.lines.join('\n');
    expect(lines).toContain('New trunk *Gamma*');
    expect(lines).toMatch(
      /⏸️ \*Alpha\*: disabled · gateway IP `203\.0\.113\.10` → `192\.0\.2\.1` · credentials changed/,
    );
    expect(lines).not.toContain('tag');
    expect(lines).not.toContain('Beta');
    // Beta is missing from one whole snapshot: not removed yet.
    const removed = w.poll([{ ...a!, enabled: false, gatewayIp: '192.0.2.1', credentialTag: 'key1.tag2' }, c]);
    expect(removed.posts[0]!.lines).toEqual(['➖ Removed from ITNIO: *Beta*']);
  });

  it('never takes trunks missing from a partial snapshot as removed', () => {
    const trunks = someTrunks({}, {}, {});
    const w = watcher({ confirmPolls: 1 });
    w.poll(trunks);
    const plans = [w.poll([], { complete: false }), w.poll(trunks.slice(0, 1), { complete: false })];
    expect(plans.flatMap((p) => p.posts)).toEqual([]);
    expect(w.state.trunks).toHaveLength(3);
  });

  it('takes a trunk missing from snapshots that are never whole as removed after PARTIAL_REMOVAL_POLLS, so state stays bounded', () => {
    const w = watcher({ confirmPolls: 1 });
    const kept = aTrunk({ keyId: 1, name: 'kept' });
    w.poll([kept, aTrunk({ keyId: 2, name: 'gone' })]);
    const sent = Array.from({ length: PARTIAL_REMOVAL_POLLS }, () => w.poll([kept], { complete: false }));
    expect(sent.slice(0, -1).flatMap((s) => s.posts)).toEqual([]);
    expect(sent.at(-1)!.posts[0]!.lines).toEqual(['➖ Removed from ITNIO: *gone*']);
    expect(w.state.trunks).toHaveLength(1);
    expect(w.state.missing).toEqual({});
  });

  it('keeps the line of an incident that is over when its message is edited for another', () => {
    const [a, b] = someTrunks({ name: 'Acme-A' }, { name: 'Acme-B' });
    const w = watcher({ confirmPolls: 1, flapWindowMs: 10 * MINUTE });
    w.poll([a!, b!]);
    w.poll([
      { ...a!, gatewayUp: false },
      { ...b!, gatewayUp: false },
    ]);
    w.poll([a!, { ...b!, gatewayUp: false }]);
    // A's flap window passes: its incident ends for good, B is still down.
    w.poll([a!, { ...b!, gatewayUp: false }], { minutes: 11 });
    expect(Object.keys(w.state.incidents)).toEqual([String(b!.keyId)]);
    const [post] = w.state.posts;
    expect(post!.frozen?.[String(a!.keyId)]).toMatch(/✅ \*Acme-A\*.*recovered after/);
    const edited = w.poll([a!, b!]);
    expect(edited.edits).toEqual([w.state.posts[0]]);
    expect(w.state.posts[0]!.incidents).toEqual([String(a!.keyId), String(b!.keyId)]);
  });

  it('ends an incident when its trunk is disabled or removed while down, editing the alert', () => {
    const w = watcher({ confirmPolls: 1 });
    w.poll([up]);
    w.poll([down]);
    const disabled = w.poll([{ ...down, enabled: false }]);
    expect(disabled.edits).toHaveLength(1);
    expect(disabled.replies[0]!.text).toMatch(/disabled while its gateway was down/);
    // The edit and its reply say it: no third, separate "disabled" message.
    expect(disabled.posts).toEqual([]);
    expect(w.state.incidents['1']).toMatchObject({ down: false, endedBy: 'disabled' });
  });

  it('tells channels that do not watch a trunk nothing about it', () => {
    const w = watcher({ confirmPolls: 1, channels: [] });
    w.poll([up]);
    expect(w.poll([down]).posts).toEqual([]);
  });
});
