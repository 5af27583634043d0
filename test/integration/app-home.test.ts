import type { types } from '@slack/bolt';
import type { RawTrunk } from '../../devkit/sandbox/seed-trunks.js';
import { startSandboxWorld, type SandboxWorld, type SandboxWorldOptions } from '../../devkit/sandbox/sandbox-world.js';
import { dmChannelOf, newTriggerId } from '../../devkit/sandbox/slack-ids.js';
import type { ApiCall } from '../../devkit/sandbox/slack-stand-in.js';
import { type SlackView, viewProblems } from '../../devkit/sandbox/slack-views.js';
import { ACTION, homeQueryAction } from '../../src/trunks/action-ids.js';
import { allButtonsOf, cardIdsOf, headerOf, newUserId, visibleText } from '../support/answers.js';
import { auditLines, captureLogs, type CapturedLogs, type LogLine, waitForAudits } from '../support/capture-logs.js';

const DAY_MS = 24 * 60 * 60_000;

/** A world of its own for tests that change the inventory or the limits. */
async function homeWorld(options: SandboxWorldOptions = {}) {
  const logs = captureLogs();
  const world = await startSandboxWorld({
    logDestination: logs.destination,
    manualPolling: true,
    ...options,
    env: { RATE_LIMIT_PER_USER: '0', ...options.env },
  });
  return { world, logs };
}

const homeAudits = (logs: CapturedLogs, user: string) =>
  auditLines(logs).filter((l) => l.user === user && l.surface === 'home');
const publishes = (world: SandboxWorld, user: string) =>
  world.slack.calls.filter((c) => c.method === 'views.publish' && c.args.user_id === user);

/** What one Home request ended in: its audit line and the Home tab it published last. */
interface Published {
  audit: LogLine;
  call: ApiCall;
  view: SlackView;
}

/** Waits for the user's next Home audit line (the Home is published before it is written) and what it published. */
async function nextHome(world: SandboxWorld, logs: CapturedLogs, user: string, seen: number): Promise<Published> {
  const audit = (await waitForAudits(logs, seen + 1, (l) => l.user === user && l.surface === 'home')).at(-1)!;
  const call = publishes(world, user).at(-1)!;
  // The stand-in refuses a view over Slack's limits (blocks, text lengths, size) with ok: false and says why.
  expect({ ok: call.ok, error: call.error, messages: call.messages }).toEqual({
    ok: true,
    error: undefined,
    messages: undefined,
  });
  return { audit, call, view: call.view! };
}

/** Opens the Home tab as `user`, as Slack does on every visit. */
async function openHome(world: SandboxWorld, logs: CapturedLogs, user: string): Promise<Published> {
  const seen = homeAudits(logs, user).length;
  await world.sender.appHomeOpened(user);
  return nextHome(world, logs, user, seen);
}

/** Clicks a button on a Home tab (or modal) with a trigger_id the test knows. */
async function clickOnView(world: SandboxWorld, view: SlackView, button: types.Button, userId: string) {
  const triggerId = newTriggerId();
  await world.sender.viewBlockAction({
    actionId: button.action_id!,
    value: button.value ?? '',
    actionText: button.text.text,
    view,
    userId,
    triggerId,
  });
  return triggerId;
}

function buttonOf(view: SlackView, actionId: string, label?: RegExp): types.Button {
  const found = allButtonsOf(view).find((b) => b.action_id === actionId && (!label || label.test(b.text.text)));
  if (!found) throw new Error(`no ${actionId} button ${label ?? ''} on the Home tab`);
  return found;
}

/** The Home tab's counts, by label ("Trunks" → 120). */
function countsOf(view: SlackView): Record<string, number> {
  const fields = (view.blocks as { fields?: { text: string }[] }[]).find((b) => b.fields)?.fields ?? [];
  return Object.fromEntries(
    fields.map((f) => {
      const [, label, n] = /^\*(.+)\*\n([\d,]+)$/.exec(f.text)!;
      return [label, Number(n!.replace(/,/g, ''))];
    }),
  );
}

/** The counts the Home tab should show, worked out from the raw vendor records (times in UTC, the sandbox's zone). */
function expectedCounts(trunks: readonly RawTrunk[], asOf: number): Record<string, number> {
  const count = (test: (t: RawTrunk) => boolean) => trunks.filter(test).length;
  return {
    Trunks: trunks.length,
    'Down (enabled, gateway down)': count((t) => t.state === 1 && !t.sipTrunkState),
    Outgoing: count((t) => t.type === 1),
    Incoming: count((t) => t.type === 2),
    Enabled: count((t) => t.state === 1),
    Disabled: count((t) => t.state === 0),
    'Changed in 24 h': count((t) => asOf - Date.parse(`${t.updateTime.replace(' ', 'T')}Z`) <= DAY_MS),
  };
}

const textOfSection = (view: SlackView, heading: RegExp): string =>
  visibleText({
    blocks: (view.blocks as { text?: { text: string } }[]).filter((b) => heading.test(b.text?.text ?? '')),
  });

describe('the App Home tab', () => {
  let world: SandboxWorld;
  let logs: CapturedLogs;
  beforeAll(async () => {
    ({ world, logs } = await homeWorld());
  });
  afterAll(() => world.close());

  test('shows the counts of the whole inventory, the trunks down with Details, and what changed in 24 h', async () => {
    const user = newUserId();
    const { view, audit } = await openHome(world, logs, user);
    const trunks = world.sandbox!.trunks;
    expect(countsOf(view)).toEqual(expectedCounts(trunks, Date.now()));

    const down = trunks.filter((t) => t.state === 1 && !t.sipTrunkState);
    expect(down.length).toBeGreaterThan(15);
    const listed = cardIdsOf(view);
    // The first 15 down trunks, then the 10 newest changes; the rest behind "List all".
    expect(listed.slice(0, 15).every((id) => down.some((t) => t.keyId === id))).toBe(true);
    expect(visibleText(view)).toContain(`…and ${down.length - 15} more enabled trunks with the gateway down.`);
    expect(buttonOf(view, homeQueryAction(4)).text.text).toBe(`List all ${down.length}`);
    const details = allButtonsOf(view).filter((b) => b.action_id === ACTION.details);
    expect(details).toHaveLength(25);
    expect(visibleText(view)).toContain('You have set up no watches.');
    expect(audit).toMatchObject({ outcome: 'ok', total: trunks.length, resultCount: 25 });
    expect(audit.channel).toBeUndefined();
  });

  test('a second open is served from the snapshot: no second ITNIO call', async () => {
    const user = newUserId();
    await openHome(world, logs, user);
    const calls = world.sandbox!.requests.length;
    const { audit } = await openHome(world, logs, user);
    expect(world.sandbox!.requests).toHaveLength(calls);
    expect(audit).toMatchObject({ outcome: 'ok', cached: true });
  });

  test('a retried app_home_opened publishes once; the Messages tab publishes nothing', async () => {
    const user = newUserId();
    await world.sender.appHomeOpened(user, { tab: 'messages' });
    await world.sender.appHomeOpened(user, { eventId: 'Ev0HOMERETRY' });
    await world.sender.appHomeOpened(user, { eventId: 'Ev0HOMERETRY' });
    const audits = await waitForAudits(logs, 2, (l) => l.user === user);
    expect(audits.map((l) => l.outcome).sort()).toEqual(['duplicate_event', 'ok']);
    expect(publishes(world, user)).toHaveLength(1);
  });

  test('Details on Home opens the trunk in a modal, with nothing to share it to', async () => {
    const user = newUserId();
    const { view } = await openHome(world, logs, user);
    const details = buttonOf(view, ACTION.details);
    const triggerId = await clickOnView(world, view, details, user);
    const opened = await world.slack.waitForCall('views.open', (c) => c.args.trigger_id === triggerId);
    const updated = await world.slack.waitForCall('views.update', (c) => c.args.view_id === opened.view!.id);
    expect(updated.ok).toBe(true);
    expect(visibleText(updated.view!)).toContain(`*ID*\n\`${cardIdsOf(view)[0]}\``);
    expect(allButtonsOf(updated.view!).map((b) => b.action_id)).not.toContain(ACTION.shareDetails);
  });

  test('Down answers in a direct message from the bot, which pages in place and offers no Share', async () => {
    const user = newUserId();
    const { view } = await openHome(world, logs, user);
    await clickOnView(world, view, buttonOf(view, homeQueryAction(1)), user);
    const dm = await world.slack.waitForCall('chat.postMessage', (c) => c.args.channel === user);
    expect(dm.channel).toBe(dmChannelOf(user));
    const down = world.sandbox!.trunks.filter((t) => t.state === 1 && !t.sipTrunkState).length;
    expect(headerOf(dm.args)).toEqual({ total: down, page: 1, pages: Math.ceil(down / 10), down });
    expect(allButtonsOf(dm.args).map((b) => b.action_id)).not.toContain(ACTION.share);
    const [audit] = await waitForAudits(logs, 1, (l) => l.user === user && l.surface === 'button');
    expect(audit).toMatchObject({ outcome: 'ok', filters: { status: ['down'] }, total: down });

    const responseUrl = world.slack.newResponseUrl();
    await world.sender.blockAction({
      actionId: ACTION.next,
      value: allButtonsOf(dm.args).find((b) => b.action_id === ACTION.next)!.value!,
      responseUrl,
      channelId: dm.channel!,
      userId: user,
      isEphemeral: false,
      message: { ts: dm.ts!, blocks: dm.args.blocks as unknown[] },
    });
    const next = await world.slack.waitForResponse((r) => responseUrl.endsWith(r.id));
    expect(next.body.replace_original).toBe(true);
    expect(headerOf(next.body).page).toBe(2);
  });

  test('Stats and “List all … changed” answer privately too, with the whole query', async () => {
    const user = newUserId();
    const { view } = await openHome(world, logs, user);
    await clickOnView(world, view, buttonOf(view, homeQueryAction(3)), user);
    const stats = await world.slack.waitForCall('chat.postMessage', (c) => c.args.channel === user);
    expect(String(stats.args.text)).toMatch(/^Summary of SIP trunks: 120 trunks · \d+ down/);

    const changed = countsOf(view)['Changed in 24 h']!;
    expect(changed).toBeGreaterThan(10);
    expect(visibleText(view)).toContain(`…and ${changed - 10} more trunks changed lately.`);
    await clickOnView(world, view, buttonOf(view, homeQueryAction(5)), user);
    const list = await world.slack.waitForCall('chat.postMessage', (c) => c.args.channel === user && c !== stats);
    expect(headerOf(list.args).total).toBe(changed);
  });
});

describe('watches on the App Home tab', () => {
  test('lists the watches this user set up, and Remove stops one, tells its channel and publishes Home again', async () => {
    const { world, logs } = await homeWorld();
    try {
      const user = newUserId();
      const watch = async (text: string, channelId: string, userId = user) => {
        await world.sender.slashCommand({ text, responseUrl: world.slack.newResponseUrl(), userId, channelId });
        await waitForAudits(logs, 1, (l) => l.user === userId && l.input === undefined && l.channel === channelId);
      };
      await watch('watch acme', 'C0HOMEA');
      await watch('watch outgoing', 'C0HOMEB');
      await watch('watch globex', 'C0HOMEA', newUserId());
      const { view } = await openHome(world, logs, user);
      const listed = textOfSection(view, /<#C0HOME/);
      expect(listed).toMatch(/SIP trunks matching “acme”\* in <#C0HOMEA>/);
      expect(listed).toMatch(/Outgoing trunks\* in <#C0HOMEB>/);
      expect(listed).not.toContain('globex');

      const seen = homeAudits(logs, user).length;
      await clickOnView(world, view, buttonOf(view, ACTION.unwatch), user);
      const { view: after } = await nextHome(world, logs, user, seen);
      expect(textOfSection(after, /<#C0HOME/)).not.toContain('acme');
      expect(allButtonsOf(after).filter((b) => b.action_id === ACTION.unwatch)).toHaveLength(1);
      const told = await world.slack.waitForCall('chat.postMessage', (c) =>
        /stopped the watch/.test(String(c.args.text)),
      );
      expect(told.args.channel).toBe('C0HOMEA');
      const [removed] = await waitForAudits(logs, 1, (l) => l.user === user && l.outcome === 'watch_removed');
      expect(removed).toMatchObject({ surface: 'button', channel: 'C0HOMEA' });

      // Pressing the same Remove again: nothing to stop, and the Home says so.
      const again = homeAudits(logs, user).length;
      await clickOnView(world, view, buttonOf(view, ACTION.unwatch), user);
      const { view: noted } = await nextHome(world, logs, user, again);
      expect(visibleText(noted)).toContain('There is no such watch in this channel (any more).');
    } finally {
      await world.close();
    }
  });
});

describe('↻ Refresh on the App Home tab', () => {
  test('rebuilds the snapshot: a gateway that went down since shows up, which a plain reopen does not', async () => {
    const { world, logs } = await homeWorld();
    try {
      const user = newUserId();
      const before = countsOf((await openHome(world, logs, user)).view)['Down (enabled, gateway down)']!;
      const up = world.sandbox!.trunks.find((t) => t.state === 1 && t.sipTrunkState)!;
      world.sandbox!.changeTrunk(String(up.keyId), { gateway: 'down' });
      const calls = world.sandbox!.requests.length;

      const reopened = await openHome(world, logs, user);
      expect(countsOf(reopened.view)['Down (enabled, gateway down)']).toBe(before);
      expect(world.sandbox!.requests).toHaveLength(calls);

      const seen = homeAudits(logs, user).length;
      await clickOnView(world, reopened.view, buttonOf(reopened.view, ACTION.homeRefresh), user);
      const refreshed = await nextHome(world, logs, user, seen);
      expect(world.sandbox!.requests.length).toBeGreaterThan(calls);
      expect(countsOf(refreshed.view)).toEqual(expectedCounts(world.sandbox!.trunks, Date.now()));
      expect(countsOf(refreshed.view)['Down (enabled, gateway down)']).toBe(before + 1);
      expect(refreshed.audit).toMatchObject({ outcome: 'ok' });
      expect(refreshed.audit.cached).toBeUndefined();
    } finally {
      await world.close();
    }
  });
});

describe('the App Home tab and the query rate limit', () => {
  test('opening Home is not charged: three opens and a query from the snapshot, then one Refresh a minute', async () => {
    const { world, logs } = await homeWorld({ env: { RATE_LIMIT_PER_USER: '1' } });
    try {
      const user = newUserId();
      for (let i = 0; i < 3; i++) {
        const { view, audit } = await openHome(world, logs, user);
        expect(audit.outcome).toBe('ok');
        expect(countsOf(view).Trunks).toBe(120);
      }
      // Queries answered from the fresh snapshot are not charged either: only work that reaches ITNIO is.
      await world.sender.slashCommand({ text: 'acme', responseUrl: world.slack.newResponseUrl(), userId: user });
      expect((await waitForAudits(logs, 1, (l) => l.user === user && l.surface === 'command')).at(-1)!.outcome).toBe(
        'ok',
      );

      // Refresh is vendor work on demand: the first is charged, the second is over the limit and the Home says so.
      const refresh = async () => {
        const { view } = await openHome(world, logs, user);
        const seen = homeAudits(logs, user).length;
        await clickOnView(world, view, buttonOf(view, ACTION.homeRefresh), user);
        return nextHome(world, logs, user, seen);
      };
      expect((await refresh()).audit.outcome).toBe('ok');
      const limited = await refresh();
      expect(limited.audit.outcome).toBe('rate_limited');
      expect(visibleText(limited.view)).toContain('which is the limit');
    } finally {
      await world.close();
    }
  });
});

describe('the App Home tab when the snapshot cannot be had', () => {
  test('an ITNIO failure or an inventory too large to collect is said on Home, with Refresh to try again', async () => {
    const { world, logs } = await homeWorld({ env: { INVENTORY_MAX_TRUNKS: '100', ITNIO_TIMEOUT_MS: '200' } });
    try {
      const user = newUserId();
      const tooLarge = await openHome(world, logs, user);
      expect(tooLarge.audit.outcome).toBe('inventory_too_large');
      expect(visibleText(tooLarge.view)).toContain('so it cannot count the trunks for the Home tab');
      expect(allButtonsOf(tooLarge.view).map((b) => b.action_id)).toEqual([ACTION.homeRefresh]);

      world.sandbox!.inject({ kind: 'http', status: 503 }, 1_000);
      const seen = homeAudits(logs, user).length;
      await clickOnView(world, tooLarge.view, buttonOf(tooLarge.view, ACTION.homeRefresh), user);
      const failed = await nextHome(world, logs, user, seen);
      expect(failed.audit.outcome).toBe('itnio_http');
      expect(visibleText(failed.view)).toContain('ITNIO answered with HTTP 503');
    } finally {
      await world.close();
    }
  });
});

describe('access to the App Home tab', () => {
  test('someone not on ALLOWED_USER_IDS sees the refusal on Home, and ITNIO is not asked', async () => {
    const { world, logs } = await homeWorld({ env: { ALLOWED_USER_IDS: 'U0ALLOWED1', ACCESS_CONTACT: '#noc-tools' } });
    try {
      const user = newUserId();
      const { view, audit } = await openHome(world, logs, user);
      expect(audit.outcome).toBe('refused_user');
      expect(visibleText(view)).toContain('Ask #noc-tools to add you.');
      expect(world.sandbox!.requests).toHaveLength(0);
    } finally {
      await world.close();
    }
  });

  test('with ALLOWED_CHANNEL_IDS set, Home (which is in no channel) names the channels trunkbot answers in', async () => {
    const { world, logs } = await homeWorld({ env: { ALLOWED_CHANNEL_IDS: 'C0NOC' } });
    try {
      const user = newUserId();
      const { view, audit } = await openHome(world, logs, user);
      expect(audit.outcome).toBe('refused_channel');
      expect(visibleText(view)).toContain('<#C0NOC>');
      expect(world.sandbox!.requests).toHaveLength(0);
    } finally {
      await world.close();
    }
  });
});

describe('the App Home tab for 10,000 trunks, many of them down', () => {
  let world: SandboxWorld;
  let logs: CapturedLogs;
  beforeAll(async () => {
    ({ world, logs } = await homeWorld({ sandbox: { trunkCount: 10_000 } }));
  });
  afterAll(() => world.close());

  test('stays within Slack’s view limits, cuts each list with a count and lists them all privately', async () => {
    const user = newUserId();
    // More watches than Home lists: 20 in one channel (the most a channel takes), 5 in another.
    for (let i = 0; i < 25; i++) {
      await world.sender.slashCommand({
        text: `watch id:${5_000_001 + i}`,
        responseUrl: world.slack.newResponseUrl(),
        userId: user,
        channelId: i < 20 ? 'C0BIGONE' : 'C0BIGTWO',
      });
    }
    await waitForAudits(logs, 25, (l) => l.user === user && l.outcome === 'watch_added', { timeoutMs: 60_000 });
    const { view, call } = await openHome(world, logs, user);
    expect(viewProblems(call.args.view, 'home')).toEqual([]);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(JSON.stringify(call.args.view).length).toBeLessThan(250_000);
    const trunks = world.sandbox!.trunks;
    const counts = expectedCounts(trunks, Date.now());
    expect(countsOf(view)).toEqual(counts);
    const down = counts['Down (enabled, gateway down)']!;
    expect(down).toBeGreaterThan(1_000);
    expect(visibleText(view)).toContain(`…and ${(down - 15).toLocaleString('en-US')} more enabled trunks`);
    expect(allButtonsOf(view).filter((b) => b.action_id === ACTION.unwatch)).toHaveLength(20);
    expect(visibleText(view)).toContain('…and 5 more: `/trunks watching` in a channel lists its watches.');

    await clickOnView(world, view, buttonOf(view, homeQueryAction(4)), user);
    const dm = await world.slack.waitForCall('chat.postMessage', (c) => c.args.channel === user);
    expect(dm.ok).toBe(true);
    expect(headerOf(dm.args)).toEqual({ total: down, page: 1, pages: Math.ceil(down / 10), down });
  });
});
