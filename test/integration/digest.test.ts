import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACTION } from '../../src/trunks/action-ids.js';
import { newUserId } from '../support/answers.js';
import { waitForAudit } from '../support/capture-logs.js';
import { channelPosts, digestCommand, digestWorld, digestsIn, settableClock, textOf } from '../support/digest-world.js';
import { until } from '../support/until.js';

const LONDON = 'C0LONDON';
const NEW_YORK = 'C0NEWYORK';
// Monday 2 March 2026: London is on GMT (UTC+0), New York on EST (UTC-5).
const MONDAY_7AM_LONDON = '2026-03-02T07:00:00Z';

describe('daily digests', () => {
  let w: Awaited<ReturnType<typeof digestWorld>>;
  afterEach(async () => {
    await w.world.close();
  });

  test('each channel gets its digest once a day at its creator’s local time, never before; digest off stops it', async () => {
    const clock = settableClock(MONDAY_7AM_LONDON);
    w = await digestWorld(clock);
    const { world, logs } = w;
    const setUp = await digestCommand(world, logs, 'digest 09:00', { channel: LONDON, timeZone: 'Europe/London' });
    expect(setUp.outcome).toBe('digest_set');
    const confirmation = textOf(channelPosts(world, LONDON)[0]!);
    expect(confirmation).toContain(`<@${setUp.user}> set up a daily digest in this channel: *Every trunk*`);
    expect(confirmation).toContain('every day at *09:00* Europe/London');
    expect(confirmation).toMatch(/The first one: <!date\^\d+\^/);
    expect(confirmation).toMatch(/Set up <!date\^\d+\^/);
    const newYork = await digestCommand(world, logs, 'digest 9am acme', {
      channel: NEW_YORK,
      timeZone: 'America/New_York',
    });
    expect(newYork.outcome).toBe('digest_set');
    expect(textOf(channelPosts(world, NEW_YORK)[0]!)).toContain(
      '*SIP trunks matching “acme”*, every day at *09:00* America/New_York',
    );

    clock.set('2026-03-02T08:59:00Z');
    expect(await world.bot.digests.runDue()).toMatchObject({ ran: true, posted: 0 });
    clock.set('2026-03-02T09:00:00Z');
    expect(await world.bot.digests.runDue()).toMatchObject({ ran: true, posted: 1 });
    expect(await world.bot.digests.runDue()).toMatchObject({ ran: true, posted: 0 });
    expect(digestsIn(world, LONDON)).toHaveLength(1);
    expect(digestsIn(world, NEW_YORK)).toHaveLength(0);
    const [digest] = digestsIn(world, LONDON);
    expect(textOf(digest!)).toMatch(
      /Daily trunk digest: 120 trunks · \d+ down · \d+ disabled · \d+ changed in the last 24 h/,
    );
    expect(textOf(digest!)).toContain(ACTION.details);

    clock.set('2026-03-02T13:59:00Z');
    expect(await world.bot.digests.runDue()).toMatchObject({ posted: 0 });
    clock.set('2026-03-02T14:00:30Z');
    expect(await world.bot.digests.runDue()).toMatchObject({ posted: 1 });
    expect(textOf(digestsIn(world, NEW_YORK)[0]!)).toContain('Daily digest · SIP trunks matching “acme”');

    clock.set('2026-03-03T09:00:00Z');
    expect(await world.bot.digests.runDue()).toMatchObject({ posted: 1 });
    expect(digestsIn(world, LONDON)).toHaveLength(2);

    const off = await digestCommand(world, logs, 'digest off', { channel: LONDON });
    expect(off.outcome).toBe('digest_removed');
    expect(textOf(channelPosts(world, LONDON).slice(-1)[0]!)).toContain(
      `<@${off.user}> stopped this channel’s daily digest`,
    );
    clock.set('2026-03-04T09:00:00Z');
    expect(await world.bot.digests.runDue()).toMatchObject({ posted: 0 });
    clock.set('2026-03-04T14:00:00Z');
    expect(await world.bot.digests.runDue()).toMatchObject({ posted: 1 });
    expect(digestsIn(world, LONDON)).toHaveLength(2);
    expect(digestsIn(world, NEW_YORK)).toHaveLength(2);
  });

  test('digest alone shows the channel’s digest or the usage; a wrong time or filter gets the usage', async () => {
    const clock = settableClock(MONDAY_7AM_LONDON);
    w = await digestWorld(clock);
    const { world, logs } = w;
    expect(await digestCommand(world, logs, 'digest', { channel: LONDON })).toMatchObject({
      outcome: 'digest_shown',
      total: 0,
    });
    expect(await digestCommand(world, logs, 'digest off', { channel: LONDON })).toMatchObject({
      outcome: 'digest_not_found',
    });
    expect(await digestCommand(world, logs, 'digest 25:00', { channel: LONDON })).toMatchObject({
      outcome: 'invalid_input',
    });
    expect(await digestCommand(world, logs, 'digest 09:00 stats', { channel: LONDON })).toMatchObject({
      outcome: 'invalid_input',
    });
    expect(await digestCommand(world, logs, 'digest 09:00 type:3', { channel: LONDON })).toMatchObject({
      outcome: 'invalid_input',
    });
    await digestCommand(world, logs, 'digest 08:30 outgoing', { channel: LONDON });
    // Setting it again replaces it: the channel has one digest.
    const again = await digestCommand(world, logs, 'digest 17:45 down', { channel: LONDON });
    expect(textOf(channelPosts(world, LONDON).slice(-1)[0]!)).toContain('It replaces the digest');

    const userId = newUserId();
    const responseUrl = world.slack.newResponseUrl();
    await world.sender.slashCommand({ text: 'digest', responseUrl, userId, channelId: LONDON });
    const shown = JSON.stringify((await world.slack.waitForResponse((r) => responseUrl.endsWith(r.id))).body);
    expect(shown).toContain(`every day at *17:45* Europe/London (<@${again.user}>’s time zone)`);
    expect(shown).toMatch(/Next: <!date\^\d+\^/);
    expect((await waitForAudit(logs, (l) => l.user === userId)).outcome).toBe('digest_shown');
  });

  test('a mention sets a digest up too, in the mentioner’s zone, announced in the channel rather than the thread', async () => {
    const clock = settableClock(MONDAY_7AM_LONDON);
    w = await digestWorld(clock);
    const { world, logs } = w;
    const userId = newUserId();
    world.slack.setUserTimeZone(userId, 'Asia/Kolkata');
    await world.sender.appMention({
      text: `<@${world.slack.botUserId}> digest 9:30 group:billing`,
      userId,
      channelId: LONDON,
      ts: '1700000123.000100',
    });
    expect((await waitForAudit(logs, (l) => l.user === userId)).outcome).toBe('digest_set');
    expect(world.slack.calls.find((c) => c.method === 'users.info')?.args.user).toBe(userId);
    const announced = channelPosts(world, LONDON).slice(-1)[0]!;
    expect(announced.args.thread_ts).toBeUndefined();
    expect(textOf(announced)).toContain('*SIP trunks · group has “billing”*, every day at *09:30* Asia/Kolkata');
    // 09:30 in Kolkata is 04:00 UTC.
    clock.set('2026-03-03T03:59:00Z');
    expect(await world.bot.digests.runDue()).toMatchObject({ posted: 0 });
    clock.set('2026-03-03T04:00:00Z');
    expect(await world.bot.digests.runDue()).toMatchObject({ posted: 1 });
  });

  test('without the creator’s zone from Slack (users.info refused) the digest runs in DIGEST_TIMEZONE and says so', async () => {
    const clock = settableClock('2026-03-01T20:00:00Z');
    w = await digestWorld(clock, { env: { DIGEST_TIMEZONE: 'Asia/Tokyo' } });
    const { world, logs } = w;
    world.slack.failNext('users.info', 'missing_scope');
    expect((await digestCommand(world, logs, 'digest 09:00', { channel: LONDON })).outcome).toBe('digest_set');
    expect(textOf(channelPosts(world, LONDON)[0]!)).toContain(
      '*09:00* Asia/Tokyo (the bot’s default zone, DIGEST_TIMEZONE',
    );
    clock.set('2026-03-01T23:59:00Z');
    expect(await world.bot.digests.runDue()).toMatchObject({ posted: 0 });
    clock.set('2026-03-02T00:00:00Z');
    expect(await world.bot.digests.runDue()).toMatchObject({ posted: 1 });
  });

  test('a channel that is archived disables its digest with a log line instead of retrying', async () => {
    const clock = settableClock(MONDAY_7AM_LONDON);
    w = await digestWorld(clock);
    const { world, logs } = w;
    await digestCommand(world, logs, 'digest 09:00', { channel: LONDON });
    world.slack.setChannel(LONDON, { archived: true });
    clock.set('2026-03-02T09:00:00Z');
    expect(await world.bot.digests.runDue()).toMatchObject({ posted: 0, failed: 1 });
    const disabled = (l: Record<string, unknown>) =>
      l.msg === 'daily digest disabled: Slack will not take messages in this channel';
    await until(() => logs.lines.some(disabled), { what: 'the digest to be disabled' });
    expect(logs.lines.find(disabled)).toMatchObject({ channel: LONDON, slackError: 'is_archived' });
    const tried = world.slack.calls.filter((c) => c.args.channel === LONDON).length;
    clock.set('2026-03-03T09:00:00Z');
    expect(await world.bot.digests.runDue()).toMatchObject({ posted: 0, failed: 0 });
    expect(world.slack.calls.filter((c) => c.args.channel === LONDON)).toHaveLength(tried);
    world.slack.setChannel(LONDON, { archived: false });
    const userId = newUserId();
    const responseUrl = world.slack.newResponseUrl();
    await world.sender.slashCommand({ text: 'digest', responseUrl, userId, channelId: LONDON });
    const shown = await world.slack.waitForResponse((r) => responseUrl.endsWith(r.id));
    expect(JSON.stringify(shown.body)).toContain('Paused: Slack refused it here (is_archived)');
  });
});

describe('digests survive a restart', () => {
  test('same DATA_DIR: a restart at 09:00 after the digest went out does not post it again', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'trunkbot-digest-restart-'));
    const clock = settableClock(MONDAY_7AM_LONDON);
    const first = await digestWorld(clock, { env: { DATA_DIR: dataDir } });
    let second: Awaited<ReturnType<typeof digestWorld>> | undefined;
    try {
      const { world, logs } = first;
      await digestCommand(world, logs, 'digest 09:00', { channel: LONDON });
      clock.set('2026-03-02T09:00:00Z');
      expect(await world.bot.digests.runDue()).toMatchObject({ posted: 1 });
      await world.bot.stop(1_000);

      clock.set('2026-03-02T09:00:40Z');
      second = await digestWorld(clock, { joining: world, env: { DATA_DIR: dataDir } });
      expect(await second.world.bot.digests.runDue()).toMatchObject({ ran: true, posted: 0 });
      expect(digestsIn(world, LONDON)).toHaveLength(1);
      clock.set('2026-03-03T09:00:00Z');
      expect(await second.world.bot.digests.runDue()).toMatchObject({ posted: 1 });
    } finally {
      await second?.world.close();
      await first.world.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  test('down at 09:00: posted late once after the restart; down for longer than three hours: that day is skipped', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'trunkbot-digest-late-'));
    const clock = settableClock(MONDAY_7AM_LONDON);
    const worlds: Awaited<ReturnType<typeof digestWorld>>[] = [];
    const restart = async () => {
      const last = worlds.at(-1);
      await last?.world.bot.stop(1_000);
      const next = await digestWorld(clock, { env: { DATA_DIR: dataDir }, ...(last && { joining: worlds[0]!.world }) });
      worlds.push(next);
      return next.world;
    };
    try {
      let world = await restart();
      const slack = world;
      await digestCommand(world, worlds[0]!.logs, 'digest 09:00', { channel: LONDON });
      clock.set('2026-03-02T10:30:00Z');
      world = await restart();
      expect(await world.bot.digests.runDue()).toMatchObject({ posted: 1 });
      expect(await world.bot.digests.runDue()).toMatchObject({ posted: 0 });
      expect(textOf(digestsIn(slack, LONDON)[0]!)).toMatch(/Posted late: it was due <!date\^/);

      clock.set('2026-03-03T12:30:00Z');
      world = await restart();
      expect(await world.bot.digests.runDue()).toMatchObject({ posted: 0, missed: 1 });
      expect(await world.bot.digests.runDue()).toMatchObject({ posted: 0, missed: 0 });
      expect(worlds.at(-1)!.logs.lines.find((l) => String(l.msg).startsWith('daily digest skipped'))).toMatchObject({
        channel: LONDON,
        day: '2026-03-03',
      });
      clock.set('2026-03-04T09:00:00Z');
      expect(await world.bot.digests.runDue()).toMatchObject({ posted: 1 });
      expect(digestsIn(slack, LONDON)).toHaveLength(2);
    } finally {
      for (const { world } of worlds.reverse()) await world.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
