import { ACTION } from '../../src/trunks/action-ids.js';
import { createButtonSeal } from '../../src/trunks/button-seal.js';
import { decodePageState } from '../../src/trunks/page-state.js';
import { SANDBOX_PASSWORD_PREFIX } from '../../devkit/sandbox/seed-trunks.js';
import { SANDBOX_BOT_TOKEN } from '../../devkit/sandbox/slack-stand-in.js';
import { SANDBOX_SIGNING_SECRET, startSandboxWorld, type SandboxWorld } from '../../devkit/sandbox/sandbox-world.js';
import { signSlackRequest } from '../../devkit/sandbox/slack-signature.js';
import { captureLogs, waitForAudit, waitForAudits, type CapturedLogs } from '../support/capture-logs.js';
import { buttonsOf, click, runCommand, textOf } from '../support/world-helpers.js';

let world: SandboxWorld;
let logs: CapturedLogs;
// The bot's clock, moved on by tests instead of waiting for time to pass.
let clockAhead = 0;

beforeEach(async () => {
  logs = captureLogs();
  clockAhead = 0;
  world = await startSandboxWorld({
    now: () => Date.now() + clockAhead,
    logLevel: 'debug',
    logDestination: logs.destination,
    env: { ITNIO_TIMEOUT_MS: '300', ITNIO_TIMEZONE: 'Asia/Shanghai' },
  });
});

afterEach(async () => {
  await world.close();
  // Nothing secret may reach the logs, whatever the test did.
  const all = logs.raw.join('');
  for (const secret of [
    SANDBOX_PASSWORD_PREFIX,
    SANDBOX_SIGNING_SECRET,
    world.slack.botToken,
    world.sandbox!.apiSecret,
  ]) {
    expect(all).not.toContain(secret);
  }
});

const sandboxCalls = () => world.sandbox!.requests.length;

/** The epoch seconds in a message's "as of" date token. */
function asOf(message: unknown): number {
  const m = /as of <!date\^(\d+)\^/.exec(JSON.stringify(message));
  if (!m) throw new Error('no "as of" in the message');
  return Number(m[1]);
}

describe('Slack request verification', () => {
  test('forged and stale requests are refused with 401 and reach nothing', async () => {
    const body = new URLSearchParams({
      command: '/trunks',
      text: 'outgoing',
      response_url: world.slack.newResponseUrl(),
    }).toString();
    const forged = await world.sender.raw(
      body,
      'application/x-www-form-urlencoded',
      signSlackRequest('not-the-secret', body),
    );
    const unsigned = await world.sender.raw(body, 'application/x-www-form-urlencoded');
    const stale = await world.sender.raw(
      body,
      'application/x-www-form-urlencoded',
      signSlackRequest(SANDBOX_SIGNING_SECRET, body, Math.floor(Date.now() / 1000) - 600),
    );
    expect([forged.status, unsigned.status, stale.status]).toEqual([401, 401, 401]);
    expect(sandboxCalls()).toBe(0);
    expect(world.slack.responses).toHaveLength(0);
  });

  test('health check answers 200', async () => {
    const res = await fetch(`http://127.0.0.1:${world.bot.port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });
});

describe('/trunks', () => {
  test('acks at once, then answers ephemerally with page 1, Next and Share', async () => {
    const { ack, reply } = await runCommand(world, 'outgoing acme');
    expect(ack.status).toBe(200);
    expect(ack.body).toBe('');
    expect(reply.body.response_type).toBe('ephemeral');
    expect(reply.body.text).toMatch(/^Outgoing trunks matching “acme”: \d+ trunks · page 1 of \d+/);
    expect(buttonsOf(reply.body).map((b) => b.action_id)).toEqual([
      ACTION.next,
      ACTION.refresh,
      ACTION.share,
      ACTION.exportCsv,
    ]);
    // Answered from the snapshot of every trunk: the unfiltered list at the vendor's maximum page size.
    expect(world.sandbox!.requests.map((r) => r.body)).toEqual([
      { current: 1, size: 100, params: {} },
      { current: 2, size: 100, params: {} },
    ]);
    expect(textOf(reply.body)).not.toContain(SANDBOX_PASSWORD_PREFIX);
  });

  test('pages Next, Next, Prev in place with the same filters', async () => {
    const { reply } = await runCommand(world, 'incoming name:acme');
    const page2 = await (await click(world, reply.body, ACTION.next)).next();
    expect(page2.body.replace_original).toBe(true);
    expect(page2.body.text).toMatch(/page 2 of/);
    expect(buttonsOf(page2.body).map((b) => b.action_id)).toEqual(expect.arrayContaining([ACTION.prev, ACTION.share]));
    const back = await (await click(world, page2.body, ACTION.prev)).next();
    expect(back.body.text).toMatch(/page 1 of/);
    // Every page comes from the one snapshot, with its original "as of": paging asks ITNIO nothing more.
    expect(world.sandbox!.requests.map((r) => (r.body as { current: number }).current)).toEqual([1, 2]);
    expect(asOf(back.body)).toBe(asOf(reply.body));
    expect(page2.body.text).toMatch(/^Incoming trunks/);
  });

  test('↻ Refresh fetches the page from ITNIO again, even when it is cached, and says how fresh it is', async () => {
    const { reply } = await runCommand(world, 'outgoing acme');
    // "as of" shows whole seconds: move the clock on rather than wait for the next second.
    clockAhead = 1_000;
    const refreshed = await (await click(world, reply.body, ACTION.refresh)).next();
    expect(refreshed.body.replace_original).toBe(true);
    expect(refreshed.body.text).toMatch(/page 1 of/);
    // The snapshot was built (two pages of 100) and rebuilt.
    expect(world.sandbox!.requests).toHaveLength(4);
    expect(asOf(refreshed.body)).toBeGreaterThan(asOf(reply.body));
    // Queries after a refresh use the refreshed snapshot.
    const again = await runCommand(world, 'outgoing acme');
    expect(world.sandbox!.requests).toHaveLength(4);
    expect(asOf(again.reply.body)).toBe(asOf(refreshed.body));
  });

  test('Share posts the page into the channel, attributed, and removes the private copy', async () => {
    const { reply } = await runCommand(world, 'outgoing acme');
    const clicked = await click(world, reply.body, ACTION.share, { userId: 'U0SHARER', channelId: 'C0INCIDENT' });
    const posted = await world.slack.waitForCall('chat.postMessage');
    expect(posted.args.channel).toBe('C0INCIDENT');
    expect(textOf(posted.args)).toContain('shared by <@U0SHARER>');
    expect(buttonsOf(posted.args as never).map((b) => b.action_id)).toEqual([
      ACTION.next,
      ACTION.refresh,
      ACTION.exportCsv,
    ]);
    // Its buttons carry the query, not the sharer: whoever presses them gets a private continuation.
    expect(decodePageState(buttonsOf(posted.args as never)[0]!.value, createButtonSeal(SANDBOX_BOT_TOKEN))).toEqual({
      request: { page: 2, type: 1, name: 'acme' },
    });
    expect((await clicked.next()).body).toEqual({ delete_original: true });
  });

  test('a double-clicked Share posts once', async () => {
    const { reply } = await runCommand(world, 'outgoing acme');
    await click(world, reply.body, ACTION.share, { ts: '1700000500.000100' });
    await click(world, reply.body, ACTION.share, { ts: '1700000500.000100' });
    // Either click may win the claim: count posts once both have been handled.
    await waitForAudits(logs, 2, (line) => line.surface === 'share');
    expect(world.slack.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
  });

  test('Share falls back to an in-channel response when the bot cannot post', async () => {
    const { reply } = await runCommand(world, 'acme');
    world.slack.failNext('chat.postMessage', 'not_in_channel');
    const clicked = await click(world, reply.body, ACTION.share, { channelId: 'G0PRIVATE' });
    const shared = await clicked.next((r) => r.body.response_type === 'in_channel');
    expect(shared.body.replace_original).toBe(false);
    expect(textOf(shared.body)).toContain('shared by <@U0SUPPORT1>');
    await clicked.next((r) => r.body.delete_original === true);
  });

  test('Share tells the user what to do when nothing can post', async () => {
    const { reply } = await runCommand(world, 'acme');
    world.slack.failNext('chat.postMessage', 'channel_not_found');
    world.slack.failResponseUrl(404, 1);
    const clicked = await click(world, reply.body, ACTION.share);
    const told = await clicked.next();
    expect(told.body.response_type).toBe('ephemeral');
    expect(textOf(told.body)).toContain('/invite @trunkbot');
  });

  test('Next on a shared message gives the presser a private page 2 with its own Share; the shared copy stays', async () => {
    const { reply } = await runCommand(world, 'acme');
    await click(world, reply.body, ACTION.share, { userId: 'U0SHARER' });
    const posted = await world.slack.waitForCall('chat.postMessage');
    const page2 = await (
      await click(world, posted.args as never, ACTION.next, { isEphemeral: false, userId: 'U0OTHER' })
    ).next();
    expect(page2.body.replace_original).toBe(false);
    expect(page2.body.response_type).toBe('ephemeral');
    expect(page2.body.text).toMatch(/page 2 of/);
    expect(textOf(page2.body)).not.toContain('shared by');
    expect(buttonsOf(page2.body).map((b) => b.action_id)).toContain(ACTION.share);
    expect(world.slack.calls.filter((c) => c.method.startsWith('chat.update'))).toHaveLength(0);
  });

  test.each([
    ['type:3', "`type:3` isn't a trunk type"],
    ['page:0', "`page:0` isn't a page number"],
    ['outgoign', 'Did you mean `outgoing`'],
    ['--all', 'Unknown option `--all`'],
  ])('%j gets a friendly correction with usage and no API call', async (text, message) => {
    const { reply } = await runCommand(world, text);
    expect(reply.body.response_type).toBe('ephemeral');
    expect(textOf(reply.body)).toContain(message);
    expect(textOf(reply.body)).toContain('/trunks outgoing acme');
    expect(sandboxCalls()).toBe(0);
  });

  test('help shows usage', async () => {
    const { reply } = await runCommand(world, 'help');
    expect(reply.body.text).toBe('How to use trunkbot');
    expect(sandboxCalls()).toBe(0);
  });

  test('smart quotes and Slack escapes parse as the user meant', async () => {
    await runCommand(world, 'name:\u201Cacme-out\u201D');
    await runCommand(world, 'AT&amp;T');
    const lines = await waitForAudits(logs, 2, (line) => line.surface === 'command');
    expect(lines.map((line) => (line.filters as { name: unknown }).name)).toEqual(['acme-out', 'AT&T']);
  });

  test.each([
    ['out of range', '{"p":-5,"t":9}'],
    ['well-formed but not sealed by the bot', '{"p":9999}'],
    ['a forged sharer', '{"p":1,"s":"U0CEO"}~AAAAAAAAAAAAAAAAAAAAAA'],
  ])('a tampered button value (%s) gets a friendly message and no API call', async (_label, value) => {
    const clicked = await click(world, {}, ACTION.next, { value });
    const reply = await clicked.next();
    expect(reply.body.replace_original).toBe(false);
    expect(textOf(reply.body)).toContain('out of date or was changed');
    expect(sandboxCalls()).toBe(0);
  });

  test('an API 503 followed by success still answers', async () => {
    world.sandbox!.inject({ kind: 'http', status: 503 });
    const { reply } = await runCommand(world, 'outgoing');
    expect(reply.body.text).toMatch(/^Outgoing trunks: \d+ trunks/);
    // The retried first page, then the second page of the snapshot.
    expect(world.sandbox!.requests.map((r) => r.httpStatus)).toEqual([503, 200, 200]);
  });

  test('a hanging API gets a timeout message, not silence', async () => {
    world.sandbox!.inject({ kind: 'hang' }, Infinity);
    const started = Date.now();
    const { reply } = await runCommand(world, 'outgoing');
    expect(textOf(reply.body)).toContain('ITNIO did not answer in time');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test('a vendor clock error names the fix', async () => {
    world.sandbox!.inject({ kind: 'vendor-status', status: -16 });
    const { reply } = await runCommand(world, 'outgoing');
    expect(textOf(reply.body)).toContain('clock is probably off');
  });

  test('a failed refresh leaves the current page in place', async () => {
    const { reply } = await runCommand(world, 'acme');
    world.sandbox!.inject({ kind: 'garbage' });
    const failed = await (await click(world, reply.body, ACTION.refresh)).next();
    expect(failed.body.replace_original).toBe(false);
    expect(textOf(failed.body)).toContain('unexpected answer from ITNIO');
  });

  test('markup in trunk names cannot ping the channel', async () => {
    const { reply } = await runCommand(world, 'name:channel');
    const text = textOf(reply.body);
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).not.toContain('<!channel>');
  });

  test('writes one audit line per handled command, naming the trunks shown', async () => {
    await runCommand(world, 'outgoing acme page:2', { userId: 'U0LOGGED', channelId: 'C0LOGGED' });
    await waitForAudit(logs, (line) => line.user === 'U0LOGGED');
    const handled = logs.lines.filter((l) => l.msg === 'audit');
    expect(handled).toEqual([
      expect.objectContaining({
        audit: true,
        team: world.slack.teamId,
        surface: 'command',
        user: 'U0LOGGED',
        channel: 'C0LOGGED',
        filters: { type: 1, name: 'acme' },
        page: 2,
        outcome: 'ok',
        apiLatencyMs: expect.any(Number),
        total: expect.any(Number),
        resultCount: 10,
        trunks: expect.arrayContaining([{ id: expect.any(Number), name: expect.stringMatching(/acme/i) }]),
      }),
    ]);
  });
});

describe('@trunkbot mentions', () => {
  test('answers in the thread of the mention, visible to the channel', async () => {
    await world.sender.appMention({
      text: `<@${world.slack.botUserId}> trunks outgoing acme`,
      channelId: 'C0INCIDENT',
      ts: '1700000100.000200',
    });
    const posted = await world.slack.waitForCall('chat.postMessage');
    expect(posted.args).toMatchObject({ channel: 'C0INCIDENT', thread_ts: '1700000100.000200' });
    expect(String(posted.args.text)).toMatch(/^Outgoing trunks matching “acme”/);
    expect(buttonsOf(posted.args as never).map((b) => b.action_id)).toEqual([
      ACTION.next,
      ACTION.refresh,
      ACTION.exportCsv,
    ]);
  });

  test('a mention inside a thread answers in that thread', async () => {
    await world.sender.appMention({
      text: `<@${world.slack.botUserId}> in`,
      ts: '1700000300.000100',
      threadTs: '1700000200.000100',
    });
    const posted = await world.slack.waitForCall('chat.postMessage');
    expect(posted.args.thread_ts).toBe('1700000200.000100');
  });

  test('an empty mention shows usage privately in the thread, so help cannot flood an incident channel', async () => {
    await world.sender.appMention({ text: `<@${world.slack.botUserId}>`, ts: '1700000900.000100' });
    const whisper = await world.slack.waitForCall('chat.postEphemeral');
    expect(whisper.args).toMatchObject({ user: 'U0SUPPORT1', thread_ts: '1700000900.000100' });
    expect(textOf(whisper.args)).toContain('@trunkbot outgoing acme');
    expect(world.slack.calls.some((c) => c.method === 'chat.postMessage')).toBe(false);
    expect(sandboxCalls()).toBe(0);
  });

  test('a retried event posts once', async () => {
    const event = { text: `<@${world.slack.botUserId}> outgoing`, eventId: 'Ev0RETRY01', ts: '1700000400.000100' };
    const first = await world.sender.appMention(event);
    await world.slack.waitForCall('chat.postMessage');
    const retry = await world.sender.appMention({ ...event, retryNum: 1, retryReason: 'http_timeout' });
    expect([first.status, retry.status]).toEqual([200, 200]);
    // The retry's handling is over once both deliveries are on record: only then can posts be counted.
    await waitForAudits(logs, 2, (line) => line.surface === 'mention');
    expect(world.slack.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
    // One snapshot (two pages) answered the first delivery; the retry asked ITNIO nothing.
    expect(sandboxCalls()).toBe(2);
  });
});
