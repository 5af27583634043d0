import { createButtonSeal } from '../../src/trunks/button-seal.js';
import { encodeTrunkRef } from '../../src/trunks/trunk-ref.js';
import { startItnioSandbox, type ItnioSandbox, type RecordedRequest } from '../../devkit/sandbox/itnio-server.js';
import { SANDBOX_BOT_TOKEN } from '../../devkit/sandbox/slack-stand-in.js';
import { startSandboxWorld, type SandboxWorld } from '../../devkit/sandbox/sandbox-world.js';
import { ACTION } from '../../src/trunks/action-ids.js';
import { asOfSeconds, cardIdsOf, countLineOf, headerOf, newUserId, visibleText } from '../support/answers.js';
import { captureLogs, waitForAudit, type CapturedLogs } from '../support/capture-logs.js';
import { startCountingProxy, type CountingProxy } from '../support/counting-proxy.js';
import { ask, auditIds, click, clickWithTrigger } from '../support/world-helpers.js';

type QueryBody = { current: number; size: number; params: Record<string, unknown> };
const bodyOf = (r: RecordedRequest) => r.body as QueryBody;
/** The pages a run of vendor requests asked for, in order asked. */
const pagesOf = (requests: readonly RecordedRequest[]) => requests.map((r) => bodyOf(r).current);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('a snapshot of 1,000 trunks', () => {
  let world: SandboxWorld;
  let logs: CapturedLogs;
  // The bot's clock, moved on instead of waiting: "as of" shows whole seconds.
  let clockAhead = 0;
  // Set by a test: the vendor starts failing once this page has been asked for.
  let failAfterPage: number | undefined;

  beforeAll(async () => {
    logs = captureLogs();
    world = await startSandboxWorld({
      now: () => Date.now() + clockAhead,
      logDestination: logs.destination,
      env: { RATE_LIMIT_PER_USER: '0' },
      sandbox: {
        trunkCount: 1_000,
        onRequest: (request) => {
          if (failAfterPage !== undefined && bodyOf(request).current === failAfterPage) {
            failAfterPage = undefined;
            world.sandbox!.inject({ kind: 'http', status: 503 }, Infinity);
          }
        },
      },
    });
  });
  afterAll(() => world.close());
  // A failing test must not leave the vendor failing for the next one.
  afterEach(() => {
    failAfterPage = undefined;
    world.sandbox!.clearFaults();
  });

  test('a page failing mid-build gives a failure message, never a partial list; the next query builds it whole', async () => {
    failAfterPage = 5;
    const failed = await ask(world, logs, '');
    expect(failed.audit).toMatchObject({ outcome: 'itnio_http' });
    expect(failed.audit.trunks).toBeUndefined();
    expect(visibleText(failed.reply.body)).toContain('ITNIO answered with HTTP 503');
    expect(countLineOf(failed.reply.body)).toBeUndefined();
    expect(cardIdsOf(failed.reply.body)).toEqual([]);
    // Pages after the fifth failed (with their retries), so fewer than 1,000 trunks were ever collected.
    expect(world.sandbox!.requests.filter((r) => r.httpStatus === 503).length).toBeGreaterThan(0);

    world.sandbox!.clearFaults();
    const before = world.sandbox!.requests.length;
    const whole = await ask(world, logs, '');
    expect(whole.audit).toMatchObject({ outcome: 'ok', total: 1_000 });
    expect(headerOf(whole.reply.body)).toMatchObject({ total: 1_000, pages: 100 });
    const rebuilt = world.sandbox!.requests.slice(before);
    expect(pagesOf(rebuilt).sort((a, b) => a - b)).toEqual(range(1, 10));
    expect(rebuilt.every((r) => bodyOf(r).size === 100 && r.httpStatus === 200)).toBe(true);
  });

  test('↻ Refresh rebuilds the whole snapshot and moves "as of"; later queries use the rebuilt one', async () => {
    const { reply } = await ask(world, logs, 'acme');
    const before = world.sandbox!.requests.length;
    clockAhead += 5_000;
    const refreshed = await (await click(world, reply.body, ACTION.refresh, { userId: newUserId() })).next();
    expect(refreshed.body.replace_original).toBe(true);
    expect(pagesOf(world.sandbox!.requests.slice(before)).sort((a, b) => a - b)).toEqual(range(1, 10));
    expect(asOfSeconds(refreshed.body)).toBeGreaterThanOrEqual(asOfSeconds(reply.body) + 5);

    const after = world.sandbox!.requests.length;
    const again = await ask(world, logs, 'globex');
    expect(world.sandbox!.requests.length).toBe(after);
    expect(asOfSeconds(again.reply.body)).toBe(asOfSeconds(refreshed.body));
  });
});

describe('a vendor failure on the second of two pages', () => {
  test('answers with the failure, and the next query shows all 120 trunks', async () => {
    const logs = captureLogs();
    let armed = true;
    let sandbox: ItnioSandbox | undefined;
    const world = await startSandboxWorld({
      logDestination: logs.destination,
      sandbox: {
        // The first page answers; then the vendor gives 502s until told otherwise.
        onRequest: (request) => {
          if (armed && bodyOf(request).current === 1) {
            armed = false;
            sandbox!.inject({ kind: 'http', status: 502 }, Infinity);
          }
        },
      },
    });
    sandbox = world.sandbox;
    try {
      const failed = await ask(world, logs, 'acme');
      expect(failed.audit.outcome).toBe('itnio_http');
      expect(cardIdsOf(failed.reply.body)).toEqual([]);
      sandbox!.clearFaults();
      const whole = await ask(world, logs, '');
      expect(whole.audit).toMatchObject({ outcome: 'ok', total: 120 });
    } finally {
      await world.close();
    }
  });
});

describe('an inventory larger than INVENTORY_MAX_TRUNKS', () => {
  let world: SandboxWorld;
  let logs: CapturedLogs;

  beforeAll(async () => {
    logs = captureLogs();
    world = await startSandboxWorld({
      logDestination: logs.destination,
      env: { INVENTORY_MAX_TRUNKS: '100', RATE_LIMIT_PER_USER: '0' },
    });
  });
  afterAll(() => world.close());

  test('name and direction queries still answer, through ITNIO’s own filters, and the page says so', async () => {
    const { reply, audit, ids } = await ask(world, logs, 'outgoing acme');
    expect(audit.outcome).toBe('ok');
    const expected = world.sandbox!.trunks.filter((t) => t.type === 1 && /acme/i.test(t.sipTrunkName));
    expect(audit.total).toBe(expected.length);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(expected.map((t) => t.keyId)).toContain(id);
    expect(visibleText(reply.body)).toMatch(/ITNIO holds 120 trunks, more than trunkbot is set to collect/);
    expect(visibleText(reply.body)).toContain("ITNIO's own name filter");
    // No snapshot: the vendor was asked for the filtered page itself.
    expect(world.sandbox!.requests.map((r) => bodyOf(r).params)).toContainEqual({ type: 1, sipTrunkName: 'acme' });
  });

  test.each(['ip:203.0.113.10', '203.0.113.10', 'group:billing', 'down'])(
    '/trunks %j says plainly that it cannot search that, and lists nothing',
    async (text) => {
      const { reply, audit } = await ask(world, logs, text);
      expect(audit.outcome).toBe('inventory_too_large');
      expect(audit.trunks).toBeUndefined();
      expect(visibleText(reply.body)).toMatch(/cannot search by anything but direction and name words/);
      expect(visibleText(reply.body)).toContain('INVENTORY_MAX_TRUNKS');
      expect(cardIdsOf(reply.body)).toEqual([]);
    },
  );

  test('the message shortcut says plainly that it cannot look addresses up', async () => {
    const userId = newUserId();
    const responseUrl = world.slack.newResponseUrl();
    await world.sender.messageShortcut({
      callbackId: 'find_trunks_in_message',
      text: 'gateway 203.0.113.10 is flapping',
      responseUrl,
      userId,
    });
    const reply = await world.slack.waitForResponse((r) => responseUrl.endsWith(r.id));
    expect(visibleText(reply.body)).toMatch(/cannot look up addresses and numbers.*INVENTORY_MAX_TRUNKS/);
    expect((await waitForAudit(logs, (l) => l.user === userId)).outcome).toBe('inventory_too_large');
  });

  test('Details on a card shown before the inventory grew says plainly why the modal stays empty', async () => {
    const userId = newUserId();
    const { triggerId } = await clickWithTrigger(world, {
      actionId: ACTION.details,
      value: encodeTrunkRef({ id: '5000011' }, createButtonSeal(SANDBOX_BOT_TOKEN)),
      userId,
      channelId: 'C0LISTS',
      isEphemeral: true,
    });
    const opened = await world.slack.waitForCall('views.open', (c) => c.args.trigger_id === triggerId);
    const updated = await world.slack.waitForCall('views.update', (c) => c.args.view_id === opened.view!.id);
    expect(JSON.stringify(updated.args)).toMatch(/cannot show one trunk in full.*INVENTORY_MAX_TRUNKS/);
    expect((await waitForAudit(logs, (l) => l.user === userId)).outcome).toBe('inventory_too_large');
  });
});

/** A world whose vendor calls pass through a counting proxy to a sandbox the test owns. */
async function proxiedWorld(trunkCount: number, latencyMs: number, env: NodeJS.ProcessEnv) {
  const logs = captureLogs();
  const sandbox = await startItnioSandbox({ trunkCount, latencyMs });
  const proxy: CountingProxy = await startCountingProxy(sandbox.url);
  const world = await startSandboxWorld({
    vendor: { apiUrl: proxy.url, apiKey: sandbox.apiKey, apiSecret: sandbox.apiSecret },
    logDestination: logs.destination,
    env: { RATE_LIMIT_PER_USER: '0', ...env },
  });
  return {
    world,
    logs,
    sandbox,
    proxy,
    close: async () => {
      await world.close();
      await proxy.close();
      await sandbox.close();
    },
  };
}

describe('collecting the snapshot', () => {
  test('asks for pages of 100, never more than ITNIO_MAX_CONCURRENCY at once, and shares one build', async () => {
    const run = await proxiedWorld(1_000, 60, { ITNIO_MAX_CONCURRENCY: '3' });
    try {
      const answers = await Promise.all(['acme', 'in', 'globex eu'].map((text) => ask(run.world, run.logs, text)));
      for (const { audit } of answers) expect(audit.outcome).toBe('ok');
      expect(pagesOf(run.sandbox.requests).sort((a, b) => a - b)).toEqual(range(1, 10));
      expect(run.sandbox.requests.every((r) => bodyOf(r).size === 100)).toBe(true);
      expect(run.proxy.count).toBe(10);
      expect(run.proxy.maxInFlight).toBeLessThanOrEqual(3);
      // "A few at a time": the build does use the slots it has.
      expect(run.proxy.maxInFlight).toBeGreaterThan(1);
    } finally {
      await run.close();
    }
  });

  test('a slow build: after a command one "Asking ITNIO…" line; on a button\'s message the note counts the build in place, replaced by the answer', async () => {
    // Twelve pages one at a time at 300 ms each: well past the two seconds after which progress is shown.
    const run = await proxiedWorld(1_200, 300, { ITNIO_MAX_CONCURRENCY: '1' });
    try {
      // ask() returns once the audit line is written, which is after the answer was delivered.
      const first = await ask(run.world, run.logs, 'acme');
      const [note, listed, ...more] = run.world.slack.responses.filter((r) => first.responseUrl.endsWith(r.id));
      expect(note!.body).toMatchObject({ response_type: 'ephemeral', text: ':hourglass_flowing_sand: Asking ITNIO…' });
      expect(listed!.body.replace_original).toBeUndefined();
      expect(more).toEqual([]);

      const userId = newUserId();
      const refresh = await click(run.world, first.reply.body, ACTION.refresh, { isEphemeral: true, userId });
      const audit = await waitForAudit(run.logs, (l) => l.user === userId);
      const posts = run.world.slack.responses.filter((r) => r.id === refresh.id);
      const [waiting, ...progress] = posts.slice(0, -1);
      expect(waiting!.body).toMatchObject({ replace_original: true, text: ':hourglass_flowing_sand: Asking ITNIO…' });
      expect(progress.length).toBeGreaterThan(0);
      for (const post of progress) {
        expect(post.body.replace_original).toBe(true);
        expect(String(post.body.text)).toMatch(
          /^:hourglass_flowing_sand: Collecting [\d,]+ of 1,200 trunks from ITNIO…$/,
        );
      }
      const answer = posts.at(-1)!;
      expect(answer.body).toMatchObject({ replace_original: true });
      expect(headerOf(answer.body).total).toBe(audit.total);
      expect(auditIds(audit).length).toBe(10);
      expect(run.proxy.maxInFlight).toBe(1);
      expect(run.proxy.count).toBe(24);
    } finally {
      await run.close();
    }
  });
});
