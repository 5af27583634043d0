import { SANDBOX_SIGNING_SECRET, startSandboxWorld, type SandboxWorld } from '../../devkit/sandbox/sandbox-world.js';
import { SlackSender } from '../../devkit/sandbox/slack-sender.js';
import { signSlackRequest } from '../../devkit/sandbox/slack-signature.js';
import { ACTION } from '../../src/trunks/action-ids.js';
import { auditLines, captureLogs, waitForAudits, type CapturedLogs } from '../support/capture-logs.js';
import { headerOf, visibleText } from '../support/answers.js';
import { click, runCommand, textOf } from '../support/world-helpers.js';

let world: SandboxWorld;
let logs: CapturedLogs;

async function start(env: NodeJS.ProcessEnv, now?: () => number): Promise<void> {
  logs = captureLogs();
  world = await startSandboxWorld({ env, logDestination: logs.destination, ...(now && { now }) });
}

afterEach(async () => {
  await world.close();
});

const apiCalls = () => world.sandbox!.requests.length;
const audits = () => auditLines(logs);
/** Audit lines are written just after the reply is sent; wait for them rather than racing. */
const allAudited = (count: number) => waitForAudits(logs, count, () => true);

describe('access control', () => {
  test('a channel outside ALLOWED_CHANNEL_IDS is refused politely, with no API call', async () => {
    await start({ ALLOWED_CHANNEL_IDS: 'C0INCIDENT,C0NOC', ACCESS_CONTACT: '#support-tools' });
    const { reply } = await runCommand(world, 'outgoing', { channelId: 'C0RANDOM' });
    expect(reply.body.response_type).toBe('ephemeral');
    expect(textOf(reply.body)).toContain("trunkbot isn't enabled in this channel");
    expect(textOf(reply.body)).toContain('<#C0INCIDENT>, <#C0NOC>');
    expect(textOf(reply.body)).toContain('#support-tools');
    expect(apiCalls()).toBe(0);
    await runCommand(world, 'outgoing', { channelId: 'C0NOC' });
    // The allowed one builds the snapshot: two pages of 100.
    expect(apiCalls()).toBe(2);
    await allAudited(2);
    expect(audits().map((a) => a.outcome)).toEqual(['refused_channel', 'ok']);
  });

  test('a user outside ALLOWED_USER_IDS is refused, including on buttons of a shared message', async () => {
    await start({ ALLOWED_USER_IDS: 'U0ALLOWED' });
    const { reply } = await runCommand(world, 'acme', { userId: 'U0ALLOWED' });
    expect(apiCalls()).toBe(2);
    const refused = await runCommand(world, 'acme', { userId: 'U0STRANGER' });
    expect(textOf(refused.reply.body)).toContain("You're not on trunkbot's access list yet");
    const clicked = await click(world, reply.body, ACTION.next, { userId: 'U0STRANGER', isEphemeral: false });
    const answer = await clicked.next();
    expect(answer.body.replace_original).toBe(false);
    expect(textOf(answer.body)).toContain("You're not on trunkbot's access list yet");
    expect(apiCalls()).toBe(2);
    await allAudited(3);
    expect(audits().map((a) => a.outcome)).toEqual(['ok', 'refused_user', 'refused_user']);
  });

  test('a request from another workspace is refused', async () => {
    await start({});
    const stranger = new SlackSender({
      eventsUrl: `http://127.0.0.1:${world.bot.port}/slack/events`,
      signingSecret: SANDBOX_SIGNING_SECRET,
      teamId: 'T0ELSEWHERE',
    });
    const responseUrl = world.slack.newResponseUrl();
    await stranger.slashCommand({ text: 'outgoing', responseUrl });
    const reply = await world.slack.waitForResponse();
    expect(textOf(reply.body)).toContain('trunkbot only answers its own workspace');
    expect(apiCalls()).toBe(0);
  });

  test('a mention in a channel that is not allowed gets a private refusal in the thread', async () => {
    await start({ ALLOWED_CHANNEL_IDS: 'C0INCIDENT' });
    await world.sender.appMention({
      text: `<@${world.slack.botUserId}> outgoing`,
      channelId: 'C0RANDOM',
      ts: '1700000800.000100',
    });
    const whisper = await world.slack.waitForCall('chat.postEphemeral');
    expect(whisper.args).toMatchObject({ channel: 'C0RANDOM', user: 'U0SUPPORT1', thread_ts: '1700000800.000100' });
    expect(world.slack.calls.some((c) => c.method === 'chat.postMessage')).toBe(false);
    expect(apiCalls()).toBe(0);
  });
});

describe('abuse and quota protection', () => {
  test('RATE_LIMIT_PER_USER counts only requests that ask ITNIO: paging, searching and sharing a fresh snapshot never do', async () => {
    await start({ RATE_LIMIT_PER_USER: '2' });
    const userId = 'U0LIMITED';
    const as = { userId };
    // Counted (1 of 2): there is no snapshot yet, so this one builds it.
    let { reply } = await runCommand(world, 'acme', as);
    // Never counted: help, a typo, new searches and paging answered from that snapshot, shares of what is on screen.
    for (const text of ['help', 'outgoign', 'outgoing', 'globex', 'in acme', 'page:2'])
      await runCommand(world, text, as);
    for (const action of [ACTION.next, ACTION.prev, ACTION.next, ACTION.prev, ACTION.next]) {
      reply = await (await click(world, reply.body, action, as)).next();
    }
    for (const ts of ['1700000001.000100', '1700000002.000100', '1700000003.000100']) {
      await click(world, reply.body, ACTION.share, { ...as, ts });
    }
    await allAudited(15);
    expect(audits().filter((a) => a.outcome === 'rate_limited')).toEqual([]);
    // Counted (2 of 2): Refresh asks ITNIO for new data.
    const refreshed = await (await click(world, reply.body, ACTION.refresh, as)).next();
    expect(headerOf(refreshed.body).page).toBe(2);
    expect(apiCalls()).toBe(4);

    // Over the limit: another Refresh is refused, privately, leaving the page in place, and says what still works.
    const refused = await (await click(world, refreshed.body, ACTION.refresh, as)).next();
    expect(refused.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(visibleText(refused.body)).toMatch(
      /You've asked ITNIO for new data 2 times in the last minute, which is the limit\. ↻ Refresh works again in \d+ s\. Until then, paging, Share and new searches still work on the data from ITNIO as of <!date\^\d+\^/,
    );
    expect(apiCalls()).toBe(4);
    // …and it does: paging, a new search and a Share still work.
    const back = await (await click(world, refreshed.body, ACTION.prev, as)).next();
    expect(headerOf(back.body).page).toBe(1);
    expect(String((await runCommand(world, 'stats', as)).reply.body.text)).toMatch(/^Summary|trunks/i);
    await click(world, back.body, ACTION.share, { ...as, ts: '1700000004.000100' });
    await allAudited(20);
    expect(audits().map((a) => a.outcome)).toEqual([
      'ok',
      'help',
      'invalid_input',
      ...Array<string>(9).fill('ok'),
      ...Array<string>(3).fill('shared_via_chat.postMessage'),
      'ok',
      'rate_limited',
      'ok',
      'ok',
      'shared_via_chat.postMessage',
    ]);
    expect(apiCalls()).toBe(4);
  });

  test('over the limit, a search that would rebuild stale data is refused; Share still works', async () => {
    let clock = Date.now();
    await start({ RATE_LIMIT_PER_USER: '2', INVENTORY_TTL_SECONDS: '60' }, () => clock);
    const as = { userId: 'U0STALE' };
    const { reply } = await runCommand(world, 'acme', as);
    await (await click(world, reply.body, ACTION.refresh, as)).next();
    expect(apiCalls()).toBe(4);
    // The snapshot is a minute old now (the rate-limit window runs on the real clock and is not over).
    clock += 61_000;
    const refused = (await runCommand(world, 'globex', as)).reply;
    expect(visibleText(refused.body)).toMatch(
      /which is the limit\. The data trunkbot holds is out of date, so this would ask ITNIO again: searching, paging and ↻ Refresh work again in \d+ s \(sooner if someone else's search fetches fresh data\)\. Share still works for the page on your screen\./,
    );
    expect(apiCalls()).toBe(4);
    await click(world, reply.body, ACTION.share, as);
    await allAudited(4);
    expect(audits().map((a) => a.outcome)).toEqual(['ok', 'ok', 'rate_limited', 'shared_via_chat.postMessage']);
    // The Share rebuilt the stale snapshot, so searching works again, uncounted.
    expect(String((await runCommand(world, 'globex', as)).reply.body.text)).toMatch(/matching “globex”/);
  });

  test('when the ITNIO queue is full, users get "busy, try again" instead of a pile-up', async () => {
    // Over INVENTORY_MAX_TRUNKS every query is its own vendor page again, so distinct queries compete for slots.
    await start({ ITNIO_MAX_CONCURRENCY: '1', ITNIO_MAX_QUEUE: '1', INVENTORY_MAX_TRUNKS: '100' });
    world.sandbox!.setLatency(500);
    const replies = await Promise.all(
      ['acme', 'globex', 'initech'].map((text, i) => runCommand(world, text, { userId: `U0BUSY${i}` })),
    );
    const busy = replies.filter(({ reply }) =>
      textOf(reply.body).includes('handling a lot of ITNIO queries right now'),
    );
    expect(busy).toHaveLength(1);
    // One look at the size of the inventory, then the two queries that got a slot or a place in the queue.
    expect(apiCalls()).toBe(3);
  });

  test('identical concurrent queries share one snapshot build', async () => {
    await start({});
    world.sandbox!.setLatency(300);
    const replies = await Promise.all(
      [1, 2, 3, 4].map((i) => runCommand(world, 'outgoing acme', { userId: `U0SAME${i}` })),
    );
    for (const { reply } of replies) expect(String(reply.body.text)).toMatch(/^Outgoing trunks matching “acme”/);
    expect(apiCalls()).toBe(2);
  });
});

describe('forged, stale and replayed requests', () => {
  test('a replayed slash command (same signed request) runs once', async () => {
    await start({});
    const responseUrl = world.slack.newResponseUrl();
    const request = {
      text: 'outgoing',
      responseUrl,
      triggerId: '1234567890123.12345678901.abcdef0123456789abcdef0123456789',
    };
    expect((await world.sender.slashCommand(request)).status).toBe(200);
    await world.slack.waitForResponse();
    expect((await world.sender.slashCommand(request)).status).toBe(200);
    // The replay's own audit line proves its handling is over: only then can its (absent) reply be counted.
    await allAudited(2);
    expect(world.slack.responses).toHaveLength(1);
    expect(apiCalls()).toBe(2);
  });

  test('a flood of forged requests is refused and does not stop good ones', async () => {
    await start({ RATE_LIMIT_PER_USER: '0' });
    const body = new URLSearchParams({
      command: '/trunks',
      text: 'outgoing',
      response_url: world.slack.newResponseUrl(),
    }).toString();
    const forged = signSlackRequest('wrong-secret', body);
    const flood = Array.from({ length: 300 }, () =>
      world.sender.raw(body, 'application/x-www-form-urlencoded', forged),
    );
    const good = Array.from({ length: 5 }, (_, i) => runCommand(world, 'incoming', { userId: `U0GOOD${i}` }));
    const [floodResults, goodResults] = await Promise.all([Promise.all(flood), Promise.all(good)]);
    expect(new Set(floodResults.map((r) => r.status))).toEqual(new Set([401]));
    for (const { ack, reply } of goodResults) {
      expect(ack.status).toBe(200);
      expect(String(reply.body.text)).toMatch(/^Incoming trunks/);
    }
    // Forged requests never reach ITNIO; the good ones may share calls.
    expect(apiCalls()).toBeGreaterThanOrEqual(1);
    expect(apiCalls()).toBeLessThanOrEqual(5);
  });
});
