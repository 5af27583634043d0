import type { webApi } from '@slack/bolt';
import { createAlertSender } from '../../src/watch/alert-sender.js';
import { aTrunk } from '../support/trunks.js';
import { until } from '../support/until.js';
import { memoryDurable } from '../support/memory-durable.js';
import { CHANNEL, fakeClock, fakeInventory, pollerOn, recordingSender } from '../support/watch-harness.js';

const acme = aTrunk({ keyId: 1, name: 'Acme-Outbound', gatewayUp: true });
const globex = aTrunk({ keyId: 2, name: 'Globex-Inbound', gatewayUp: true });
const isDownAlert = (name: string) => (c: { message: { text: string } }) =>
  c.message.text.includes('Gateway down') && c.message.text.includes(name);

describe('poller delivery', () => {
  test('an alert Slack refuses for a while (a 429 past the Retry-After budget, a 5xx) is sent on a later poll', async () => {
    const clock = fakeClock();
    const itnio = fakeInventory(clock.now, [acme]);
    const slack = recordingSender();
    const { poller } = await pollerOn({ inventory: itnio.inventory, sender: slack.sender, now: clock.now });
    clock.advance(1_000);
    await poller.pollOnce(); // baseline
    itnio.state.trunks = [{ ...acme, gatewayUp: false }];
    clock.advance(1_000);
    await poller.pollOnce(); // pending
    slack.scripted.push(async () => ({ ok: false, error: 'ratelimited', gone: false }));
    clock.advance(1_000);
    expect(await poller.pollOnce()).toMatchObject({ polled: true, posts: 1 }); // confirmed, but Slack refused once
    for (let i = 0; i < 3; i++) {
      clock.advance(1_000);
      await poller.pollOnce(); // still down
    }
    // Key assertion: the confirmed incident reaches the channel once Slack accepts messages again.
    expect(slack.topLevel().filter(isDownAlert('Acme-Outbound'))).toHaveLength(1);
  });

  test('stopping while a poll delivers: the restarted bot sends what was left and never again what was sent', async () => {
    const clock = fakeClock();
    const itnio = fakeInventory(clock.now, [acme, globex]);
    const durable = memoryDurable(clock.now);
    const posted: Array<{ channel: string; text: string; thread_ts?: string }> = [];
    let n = 0;
    const client = {
      chat: {
        postMessage: async (args: { channel: string; text: string; thread_ts?: string }) => {
          posted.push(args);
          return { ok: true, ts: `1700000000.${String(++n).padStart(6, '0')}` };
        },
        update: async (args: { ts: string }) => ({ ok: true, ts: args.ts }),
      },
    } as unknown as webApi.WebClient;
    // As bot.ts wires it: the sender waits on the bot's shutdown signal.
    const shutdown = new AbortController();
    const sender = createAlertSender({ client, signal: shutdown.signal });
    const first = await pollerOn({ durable, inventory: itnio.inventory, sender, now: clock.now, confirmPolls: 1 });
    clock.advance(1_000);
    await first.poller.pollOnce(); // baseline
    itnio.state.trunks = [{ ...acme, gatewayUp: false }, globex];
    clock.advance(1_000);
    await first.poller.pollOnce(); // Acme down: alert 1
    // One poll: Acme recovers (edit + thread reply) and Globex goes down (new alert) in the same channel.
    itnio.state.trunks = [acme, { ...globex, gatewayUp: false }];
    clock.advance(1_000);
    const polling = first.poller.pollOnce();
    await until(() => posted.some((p) => p.text.includes('Globex')), { what: 'the Globex alert' });
    // SIGTERM: bot.stop() stops the poller and aborts the shutdown signal while the reply waits for its pacing slot.
    const stopped = first.poller.stop();
    shutdown.abort();
    await stopped;
    await polling;

    const restarted = await pollerOn({
      durable,
      inventory: itnio.inventory,
      sender: createAlertSender({ client }),
      now: clock.now,
      confirmPolls: 1,
    });
    clock.advance(1_000);
    await restarted.poller.pollOnce();
    // Key assertion: Globex's alert was already in the channel before the restart; it must not be posted twice.
    const globexAlerts = posted.filter(
      (p) => p.thread_ts === undefined && /Gateway down/.test(p.text) && p.text.includes('Globex'),
    );
    expect(globexAlerts).toHaveLength(1);
  });

  test('a delivery held up longer than the lease term keeps the lease, so a second instance sends nothing', async () => {
    const clock = fakeClock();
    const itnio = fakeInventory(clock.now, [acme]);
    const durable = memoryDurable(clock.now);
    let renewals = 0;
    const counting = {
      ...durable,
      lease: (name: string, owner: string, ttl: number) => {
        renewals += 1;
        return durable.lease(name, owner, ttl);
      },
    };
    const slackA = recordingSender();
    const slackB = recordingSender();
    // A lease of 2.6 s (two 300 ms intervals plus 2 s), renewed every ~0.9 s while a poll runs.
    const a = await pollerOn({
      durable: counting,
      inventory: itnio.inventory,
      sender: slackA.sender,
      now: clock.now,
      intervalMs: 300,
    });
    const b = await pollerOn({
      durable,
      inventory: itnio.inventory,
      sender: slackB.sender,
      now: clock.now,
      intervalMs: 300,
    });
    clock.advance(1_000);
    await a.poller.pollOnce(); // A leads: baseline
    itnio.state.trunks = [{ ...acme, gatewayUp: false }];
    clock.advance(1_000);
    await a.poller.pollOnce(); // pending
    // A's alert waits on Slack (a long Retry-After) for longer than the lease term.
    let release: (() => void) | undefined;
    slackA.scripted.push(async () => {
      await new Promise<void>((r) => {
        release = r;
      });
      slackA.calls.push({
        kind: 'post',
        channel: CHANNEL,
        ts: '1.1',
        message: { text: 'Gateway down: Acme-Outbound', blocks: [] },
      });
      return { ok: true, ts: '1.1' };
    });
    clock.advance(1_000);
    const slow = a.poller.pollOnce();
    await until(() => release !== undefined, { what: 'A to start posting' });
    for (let i = 0; i < 3; i++) {
      clock.advance(2_000);
      const seen = renewals;
      await until(() => renewals > seen, { what: 'A to renew its lease while it waits' });
      expect(await b.poller.pollOnce()).toEqual({ polled: false, reason: 'not_leader' });
    }
    release!();
    await slow;
    const all = [...slackA.topLevel(), ...slackB.topLevel()].filter(isDownAlert('Acme-Outbound'));
    expect(all).toHaveLength(1);
  });

  test('a poller whose lease call failed reads the saved state again when it leads again, repeating nothing', async () => {
    const clock = fakeClock();
    const itnio = fakeInventory(clock.now, [acme]);
    const shared = memoryDurable(clock.now);
    let partitioned = false;
    // A's view of Redis: the same store, but its lease calls fail while it is partitioned.
    const viaA = {
      ...shared,
      lease: async (name: string, owner: string, ttl: number) => {
        if (partitioned) throw new Error('Redis is not connected');
        return shared.lease(name, owner, ttl);
      },
    };
    const slackA = recordingSender();
    const slackB = recordingSender();
    const a = await pollerOn({
      durable: viaA,
      inventory: itnio.inventory,
      sender: slackA.sender,
      now: clock.now,
      confirmPolls: 1,
    });
    const b = await pollerOn({
      durable: shared,
      inventory: itnio.inventory,
      sender: slackB.sender,
      now: clock.now,
      confirmPolls: 1,
    });
    clock.advance(1_000);
    await a.poller.pollOnce(); // baseline
    itnio.state.trunks = [{ ...acme, gatewayUp: false }];
    clock.advance(1_000);
    await a.poller.pollOnce(); // alert by A
    partitioned = true;
    clock.advance(1_000);
    expect(await a.poller.pollOnce()).toMatchObject({ reason: 'store_unavailable' });
    itnio.state.trunks = [acme];
    clock.advance(5_000);
    expect(await b.poller.pollOnce()).toMatchObject({ polled: true, edits: 1, replies: 1 }); // B tells the recovery
    await b.poller.stop(); // B is redeployed and releases the lease
    partitioned = false;
    clock.advance(1_000);
    await a.poller.pollOnce();
    const replies = [...slackA.calls, ...slackB.calls].filter((c) => c.threadTs !== undefined);
    // Key assertion: the recovery is replied in the thread once, not again by A from its stale memory.
    expect(replies).toHaveLength(1);
  });
});
