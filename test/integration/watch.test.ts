import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiCall } from '../../devkit/sandbox/slack-stand-in.js';
import type { SandboxWorld } from '../../devkit/sandbox/sandbox-world.js';
import { ACTION } from '../../src/trunks/action-ids.js';
import { type CapturedLogs, waitForAudit } from '../support/capture-logs.js';
import { newUserId } from '../support/answers.js';
import { until } from '../support/until.js';
import { acmeUp, watchWorld } from '../support/watch-world.js';

const CHANNEL = 'C0WATCHING';

/** `/trunks <text>` in a channel; resolves once its audit line is written. */
async function command(world: SandboxWorld, logs: CapturedLogs, text: string, channelId = CHANNEL) {
  const userId = newUserId();
  await world.sender.slashCommand({ text, responseUrl: world.slack.newResponseUrl(), userId, channelId });
  return waitForAudit(logs, (line) => line.user === userId);
}

const posts = (world: SandboxWorld, channel = CHANNEL) =>
  world.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.ok && c.args.channel === channel);
const alerts = (world: SandboxWorld, channel = CHANNEL) =>
  posts(world, channel).filter((c) => /Gateway down/.test(JSON.stringify(c.args.blocks)) && !c.args.thread_ts);
const updates = (world: SandboxWorld) => world.slack.calls.filter((c) => c.method === 'chat.update' && c.ok);
const text = (call: ApiCall) => JSON.stringify([call.args.text, call.args.blocks]);

describe('watches and alerts', () => {
  let w: Awaited<ReturnType<typeof watchWorld>>;
  afterEach(async () => {
    await w.world.close();
  });

  test('watch confirms in the channel; a gateway down is alerted after the confirming polls, then edited on recovery', async () => {
    w = await watchWorld();
    const { world, poll, logs } = w;
    const audit = await command(world, logs, 'watch acme');
    expect(audit.outcome).toBe('watch_added');
    const confirmation = posts(world)[0]!;
    expect(text(confirmation)).toMatch(
      /set up a watch in this channel: \*SIP trunks matching “acme”\* \(\d+ trunks now\)/,
    );
    expect(text(confirmation)).toContain(`<@${audit.user}>`);

    expect(await poll()).toMatchObject({ polled: true, posts: 0 }); // the baseline
    const trunk = acmeUp(world);
    world.sandbox!.changeTrunk(String(trunk.keyId), { gateway: 'down' });
    expect(await poll()).toMatchObject({ polled: true, posts: 0 });
    expect(alerts(world)).toHaveLength(0);
    expect(await poll()).toMatchObject({ polled: true, posts: 1 });
    const [alert] = alerts(world);
    expect(text(alert!)).toContain(trunk.sipTrunkName);
    expect(text(alert!)).toContain(ACTION.details);

    world.sandbox!.changeTrunk(String(trunk.keyId), { gateway: 'up' });
    await poll();
    expect(await poll()).toMatchObject({ polled: true, posts: 0, edits: 1, replies: 1 });
    // The stand-in edits only messages posted in that channel: an accepted update is the alert's own.
    const [edit] = updates(world);
    expect(edit!.args.channel).toBe(CHANNEL);
    expect(text(edit!)).toMatch(/recovered after/);
    const reply = posts(world).find((c) => c.args.thread_ts !== undefined);
    expect(reply?.args.thread_ts).toBe(edit!.args.ts);
    // No second top-level alert.
    expect(alerts(world)).toHaveLength(1);
  });

  test('a one-poll blip says nothing; channels that do not watch the trunk hear nothing', async () => {
    w = await watchWorld();
    const { world, poll, logs } = w;
    await command(world, logs, 'watch globex');
    await poll();
    const trunk = acmeUp(world);
    world.sandbox!.changeTrunk(String(trunk.keyId), { gateway: 'down' });
    await poll();
    await poll();
    expect(alerts(world)).toHaveLength(0);
    world.sandbox!.changeTrunk(String(trunk.keyId), { gateway: 'up' });
    await command(world, logs, 'watch acme', 'C0SECOND');
    await poll();
    world.sandbox!.changeTrunk(String(trunk.keyId), { gateway: 'down' });
    await poll();
    world.sandbox!.changeTrunk(String(trunk.keyId), { gateway: 'up' });
    await poll();
    await poll();
    expect(alerts(world, 'C0SECOND')).toHaveLength(0);
    expect(updates(world)).toHaveLength(0);
  });

  test('a flapping gateway stays one alert, edited with a count, with one "flapping" reply', async () => {
    w = await watchWorld({ env: { WATCH_CONFIRM_POLLS: '1' } });
    const { world, poll, logs } = w;
    await command(world, logs, 'watch acme');
    await poll();
    const id = String(acmeUp(world).keyId);
    for (const gateway of ['down', 'up', 'down', 'up', 'down'] as const) {
      world.sandbox!.changeTrunk(id, { gateway });
      await poll();
    }
    expect(alerts(world)).toHaveLength(1);
    expect(updates(world)).toHaveLength(4);
    expect(text(updates(world).at(-1)!)).toMatch(/flapping: down 3 times since/);
    const replies = posts(world).filter((c) => c.args.thread_ts !== undefined);
    expect(replies.map((r) => String(r.args.text))).toEqual([
      expect.stringMatching(/recovered after/),
      expect.stringMatching(/it is flapping/),
    ]);
  });

  test('config changes of one poll become one message; a password change says "credentials changed", never the value', async () => {
    w = await watchWorld();
    const { world, poll, logs } = w;
    await command(world, logs, 'watch all');
    await poll();
    const [a, b] = world.sandbox!.trunks.filter((t) => t.state === 1);
    world.sandbox!.changeTrunk(String(a!.keyId), { enabled: false });
    world.sandbox!.changeTrunk(String(b!.keyId), { gatewayIp: '192.0.2.77' });
    const secret = 'n3w-s1p-passw0rd';
    const raw = world.sandbox!.trunks.find((t) => t.keyId === b!.keyId)!;
    raw.sipPassword = secret;
    expect(await poll()).toMatchObject({ posts: 1 });
    const [message] = posts(world).slice(-1);
    expect(text(message!)).toContain(`${a!.sipTrunkName}`);
    expect(text(message!)).toMatch(/disabled/);
    expect(text(message!)).toContain('192.0.2.77');
    expect(text(message!)).toContain('credentials changed');
    expect(JSON.stringify(world.slack.calls)).not.toContain(secret);
    expect(logs.raw.join('')).not.toContain(secret);
  });

  test('watching lists the watches with Remove; unwatch stops one and tells the channel', async () => {
    w = await watchWorld();
    const { world, logs } = w;
    await command(world, logs, 'watch acme');
    await command(world, logs, 'watch outgoing');
    expect((await command(world, logs, 'watch acme')).outcome).toBe('watch_exists');
    const userId = newUserId();
    const responseUrl = world.slack.newResponseUrl();
    await world.sender.slashCommand({ text: 'watching', responseUrl, userId, channelId: CHANNEL });
    const list = await world.slack.waitForResponse((r) => responseUrl.endsWith(r.id));
    const listed = JSON.stringify(list.body);
    expect(listed).toMatch(/1\. \*SIP trunks matching “acme”\*.*2\. \*Outgoing trunks\*/s);
    expect(listed.match(new RegExp(ACTION.unwatch, 'g'))).toHaveLength(2);

    expect((await command(world, logs, 'unwatch 1')).outcome).toBe('watch_removed');
    expect(text(posts(world).slice(-1)[0]!)).toMatch(/stopped the watch of \*SIP trunks matching “acme”\*/);
    expect((await command(world, logs, 'unwatch 5')).outcome).toBe('watch_not_found');
    expect((await command(world, logs, 'unwatch all')).outcome).toBe('watch_removed');
    expect((await command(world, logs, 'watch')).outcome).toBe('invalid_input');
    expect((await command(world, logs, 'watch acme stats')).outcome).toBe('invalid_input');
  });

  test('a mention manages watches too: announced in the channel, not in the thread', async () => {
    w = await watchWorld();
    const { world, logs } = w;
    const userId = newUserId();
    await world.sender.appMention({
      text: `<@${world.slack.botUserId}> watch group:billing`,
      userId,
      channelId: CHANNEL,
      ts: '1700000123.000100',
    });
    expect((await waitForAudit(logs, (l) => l.user === userId)).outcome).toBe('watch_added');
    const announced = posts(world).slice(-1)[0]!;
    expect(announced.args.thread_ts).toBeUndefined();
    expect(text(announced)).toMatch(/group has “billing”/);
  });

  test('a channel the bot cannot post in gets a private answer and no watch', async () => {
    w = await watchWorld();
    const { world, logs } = w;
    world.slack.setChannel('C0NOTMEMBER', { botMember: false });
    const userId = newUserId();
    const responseUrl = world.slack.newResponseUrl();
    await world.sender.slashCommand({ text: 'watch acme', responseUrl, userId, channelId: 'C0NOTMEMBER' });
    const answer = await world.slack.waitForResponse((r) => responseUrl.endsWith(r.id));
    expect(JSON.stringify(answer.body)).toContain('/invite @trunkbot');
    expect((await waitForAudit(logs, (l) => l.user === userId)).outcome).toBe('watch_refused');
    expect((await command(world, logs, 'watching', 'C0NOTMEMBER')).total).toBe(0);
  });

  test('an archived channel or a removed bot disables the watch with a log line instead of retrying', async () => {
    w = await watchWorld({ env: { WATCH_CONFIRM_POLLS: '1' } });
    const { world, poll, logs } = w;
    await command(world, logs, 'watch acme');
    await poll();
    world.slack.setChannel(CHANNEL, { archived: true });
    const trunk = acmeUp(world);
    world.sandbox!.changeTrunk(String(trunk.keyId), { gateway: 'down' });
    await poll();
    const disabled = (l: Record<string, unknown>) => String(l.msg).startsWith('watches disabled');
    await until(() => logs.lines.some(disabled), { what: 'the watches to be disabled' });
    expect(logs.lines.find(disabled)).toMatchObject({
      channel: CHANNEL,
      slackError: 'is_archived',
      watches: 1,
    });
    const tried = world.slack.calls.filter((c) => c.args.channel === CHANNEL && !c.ok).length;
    world.sandbox!.changeTrunk(String(trunk.keyId), { gateway: 'up' });
    expect(await poll()).toMatchObject({ polled: false, reason: 'no_watches' });
    expect(world.slack.calls.filter((c) => c.args.channel === CHANNEL && !c.ok)).toHaveLength(tried);
  });

  test('a 429 is retried after Slack’s Retry-After', async () => {
    w = await watchWorld({ env: { WATCH_CONFIRM_POLLS: '1' } });
    const { world, poll, logs } = w;
    await command(world, logs, 'watch acme');
    await poll();
    world.slack.rateLimitNext('chat.postMessage', 1);
    world.sandbox!.changeTrunk(String(acmeUp(world).keyId), { gateway: 'down' });
    expect(await poll()).toMatchObject({ posts: 1 });
    const limited = world.slack.calls.find((c) => c.error === 'ratelimited')!;
    const [alert] = alerts(world);
    expect(alert).toBeDefined();
    expect(alert!.at - limited.at).toBeGreaterThanOrEqual(950);
  });

  test('a vendor failure is not "every trunk removed"; a long one is told to ALERT_CHANNEL_ID once, then its end', async () => {
    w = await watchWorld({ env: { ALERT_CHANNEL_ID: 'C0OPERATOR', ITNIO_TIMEOUT_MS: '200' } });
    const { world, poll } = w;
    await poll();
    world.sandbox!.inject({ kind: 'http', status: 503 }, 1_000);
    for (let i = 0; i < 4; i++) expect(await poll()).toMatchObject({ polled: false, reason: 'vendor_failed' });
    const notices = posts(world, 'C0OPERATOR');
    expect(notices).toHaveLength(1);
    expect(text(notices[0]!)).toMatch(/ITNIO cannot be reached/);
    world.sandbox!.clearFaults();
    expect(await poll()).toMatchObject({ polled: true, posts: 0 });
    expect(text(updates(world)[0]!)).toMatch(/ITNIO answers again/);
    expect(posts(world, 'C0OPERATOR').filter((c) => /Removed/.test(text(c)))).toHaveLength(0);
  });
});

describe('watches survive a restart', () => {
  test('same DATA_DIR: nothing alerted twice, and a change made while stopped is reported', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'trunkbot-watch-restart-'));
    const first = await watchWorld({ env: { DATA_DIR: dataDir } });
    let second: Awaited<ReturnType<typeof watchWorld>> | undefined;
    try {
      const { world, poll, logs } = first;
      await command(world, logs, 'watch acme');
      await poll();
      const down = acmeUp(world);
      world.sandbox!.changeTrunk(String(down.keyId), { gateway: 'down' });
      await poll();
      await poll();
      expect(alerts(world)).toHaveLength(1);
      await world.bot.stop(1_000);

      const disabled = world.sandbox!.trunks.find(
        (t) => /acme/i.test(t.sipTrunkName) && t.state === 1 && t.keyId !== down.keyId,
      )!;
      world.sandbox!.changeTrunk(String(disabled.keyId), { enabled: false });
      second = await watchWorld({ joining: world, env: { DATA_DIR: dataDir } });
      expect(await second.poll()).toMatchObject({ polled: true, posts: 1 });
      expect(alerts(world)).toHaveLength(1);
      const latest = posts(world).slice(-1)[0]!;
      expect(text(latest)).toContain(disabled.sipTrunkName);
      expect(text(latest)).not.toContain('Gateway down');
      // The alert posted before the restart is the one edited after it.
      world.sandbox!.changeTrunk(String(down.keyId), { gateway: 'up' });
      await second.poll();
      await second.poll();
      expect(updates(world)).toHaveLength(1);
      expect(text(updates(world)[0]!)).toMatch(/recovered after/);
      expect(alerts(world)).toHaveLength(1);
    } finally {
      await second?.world.close();
      await first.world.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
