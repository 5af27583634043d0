import { startSandboxWorld, type SandboxWorld } from '../../devkit/sandbox/sandbox-world.js';
import type { ResponseUrlPost } from '../../devkit/sandbox/slack-stand-in.js';
import { ACTION } from '../../src/trunks/action-ids.js';
import { headerOf, newUserId, visibleText } from '../support/answers.js';
import { captureLogs, waitForAudit, type CapturedLogs } from '../support/capture-logs.js';
import { ask, buttonsOf, click } from '../support/world-helpers.js';

const ASKING = ':hourglass_flowing_sand: Asking ITNIO…';

let world: SandboxWorld;
let logs: CapturedLogs;

/** A world whose ITNIO attempts time out after `timeoutMs` (the client tries three times). */
async function start(timeoutMs: number): Promise<void> {
  logs = captureLogs();
  world = await startSandboxWorld({
    logDestination: logs.destination,
    env: { ITNIO_TIMEOUT_MS: String(timeoutMs), RATE_LIMIT_PER_USER: '0' },
  });
}

// One hanging attempt takes two seconds to time out; the client's retry then gets the answer.
const SLOW = 2_000;

afterEach(() => world.close());

const posts = (id: string | undefined): ResponseUrlPost[] => world.slack.responses.filter((r) => r.id === id);
/** ITNIO requests that got an answer; a hanging one is recorded with HTTP status 0. */
const answeredByItnio = () => world.sandbox!.requests.filter((r) => r.httpStatus !== 0);

describe('"Asking ITNIO…" while ITNIO is slow', () => {
  test('a slash command shows it once while ITNIO has not answered; the answer follows it', async () => {
    await start(SLOW);
    world.sandbox!.inject({ kind: 'hang' });
    const userId = newUserId();
    const responseUrl = world.slack.newResponseUrl();
    const id = responseUrl.split('/').pop();
    await world.sender.slashCommand({ text: 'acme', responseUrl, userId });

    const note = await world.slack.waitForResponse((r) => r.id === id);
    expect(note.body).toMatchObject({ response_type: 'ephemeral', text: ASKING });
    // Shown while the first ITNIO request still hangs: nothing has come back from ITNIO yet.
    expect(answeredByItnio()).toEqual([]);

    expect((await waitForAudit(logs, (l) => l.user === userId)).outcome).toBe('ok');
    // A command's earlier messages cannot be replaced, so no progress piles up under the note: the answer is next.
    const [first, answer, ...more] = posts(id);
    expect(first).toBe(note);
    expect(more).toEqual([]);
    expect(answer!.body.replace_original).toBeUndefined();
    expect(String(answer!.body.text)).toMatch(/matching “acme”/);
  });

  test('an answer from a fresh snapshot comes alone, even while ITNIO is slow', async () => {
    await start(SLOW);
    await ask(world, logs, 'outgoing');
    // ITNIO now takes longer than the note's delay: only an answer that asked it would wait that long.
    world.sandbox!.setLatency(1_500);
    const { responseUrl, audit } = await ask(world, logs, 'globex');
    expect(audit).toMatchObject({ outcome: 'ok', cached: true });
    expect(posts(responseUrl.split('/').pop()).map((p) => p.body.text)).toEqual([
      expect.stringMatching(/matching “globex”/),
    ]);
  });

  test('a slow Refresh shows it in place of the page, then the fresh page replaces it', async () => {
    await start(SLOW);
    const { reply } = await ask(world, logs, 'acme');
    world.sandbox!.inject({ kind: 'hang' });
    const userId = newUserId();
    const refreshed = await click(world, reply.body, ACTION.refresh, { userId });
    const note = await refreshed.next(() => true);
    expect(note.body).toMatchObject({ replace_original: true, text: ASKING });
    expect((await waitForAudit(logs, (l) => l.user === userId)).outcome).toBe('ok');
    const page = posts(refreshed.id).at(-1)!;
    expect(page.body.replace_original).toBe(true);
    expect(headerOf(page.body).page).toBe(1);
  });

  test('a mention posts the note in the thread and edits it into the answer', async () => {
    await start(SLOW);
    world.sandbox!.inject({ kind: 'hang' });
    const ts = '1700000900.000100';
    await world.sender.appMention({ text: `<@${world.slack.botUserId}> globex`, ts });
    const note = await world.slack.waitForCall('chat.postMessage', (c) => c.args.thread_ts === ts);
    expect(note.args.text).toBe(ASKING);
    expect(answeredByItnio()).toEqual([]);
    await waitForAudit(logs, (l) => l.surface === 'mention');
    const edits = world.slack.calls.filter((c) => c.method === 'chat.update');
    expect(edits.length).toBeGreaterThan(0);
    for (const edit of edits) expect(edit.args.ts).toBe(note.ts);
    expect(String(edits.at(-1)!.args.text)).toMatch(/matching “globex”/);
    // The note became the answer: nothing else was posted in the thread.
    expect(world.slack.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
  });
});

describe('every failure offers ↻ Retry, which runs the same request again', () => {
  test('a timed-out /trunks answers with the failure after its note; Retry brings the same page once ITNIO is back', async () => {
    await start(500);
    world.sandbox!.inject({ kind: 'hang' }, Infinity);
    const userId = newUserId();
    const { responseUrl } = await sendCommand('page:2 acme', userId);
    const failed = await waitForAudit(logs, (l) => l.user === userId);
    expect(failed).toMatchObject({ outcome: 'itnio_timeout', filters: { name: 'acme' }, page: 2 });
    const [note, failure, ...more] = posts(responseUrl.split('/').pop());
    expect(note!.body.text).toBe(ASKING);
    expect(more).toEqual([]);
    expect(visibleText(failure!.body)).toContain('ITNIO did not answer in time');
    expect(buttonsOf(failure!.body).map((b) => b.text.text)).toEqual(['↻ Retry']);

    world.sandbox!.clearFaults();
    const retried = await click(world, failure!.body, ACTION.retry, { userId });
    const page = await retried.next();
    expect(page.body.replace_original).toBe(true);
    expect(headerOf(page.body).page).toBe(2);
    expect(await waitForAudit(logs, (l) => l.user === userId && l !== failed)).toMatchObject({
      surface: 'button',
      outcome: 'ok',
      filters: { name: 'acme' },
      page: 2,
    });
  });

  test("a mention's vendor error in the thread is replaced there by the answer", async () => {
    await start(SLOW);
    world.sandbox!.inject({ kind: 'vendor-status', status: -18 }, Infinity);
    const ts = '1700000950.000100';
    await world.sender.appMention({ text: `<@${world.slack.botUserId}> outgoing globex`, ts });
    const failure = await world.slack.waitForCall('chat.postMessage', (c) => c.args.thread_ts === ts);
    expect(visibleText(failure.args)).toContain('ITNIO reported an internal error');
    expect((await waitForAudit(logs, (l) => l.surface === 'mention')).outcome).toBe('itnio_vendor_error');

    world.sandbox!.clearFaults();
    const clicker = newUserId();
    const retried = await click(world, failure.args as never, ACTION.retry, {
      isEphemeral: false,
      userId: clicker,
      ts: failure.ts!,
    });
    const answer = await retried.next();
    // In place, in the thread, for everyone: a mention's answer there needs no Share.
    expect(answer.body.replace_original).toBe(true);
    expect(answer.body.response_type).not.toBe('ephemeral');
    expect(String(answer.body.text)).toMatch(/^Outgoing trunks matching “globex”/);
    expect(buttonsOf(answer.body).map((b) => b.action_id)).not.toContain(ACTION.share);
    expect(await waitForAudit(logs, (l) => l.user === clicker)).toMatchObject({
      outcome: 'ok',
      filters: { type: 1, name: 'globex' },
    });
  });

  test('a failed Refresh leaves the page in place, and its Retry asks ITNIO for fresh data again', async () => {
    await start(SLOW);
    const { reply } = await ask(world, logs, 'acme');
    world.sandbox!.inject({ kind: 'http', status: 503 }, Infinity);
    const userId = newUserId();
    const refreshed = await click(world, reply.body, ACTION.refresh, { userId });
    const failure = await refreshed.next();
    expect(failure.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(visibleText(failure.body)).toContain('ITNIO answered with HTTP 503');
    expect((await waitForAudit(logs, (l) => l.user === userId)).outcome).toBe('itnio_http');

    world.sandbox!.clearFaults();
    const failedCalls = world.sandbox!.requests.length;
    const retried = await click(world, failure.body, ACTION.retryRefresh, { userId: newUserId() });
    const page = await retried.next();
    expect(page.body.replace_original).toBe(true);
    expect(String(page.body.text)).toMatch(/matching “acme”/);
    // The snapshot from before is still fresh, yet the retried Refresh rebuilt it: two more pages of 100.
    expect(world.sandbox!.requests.length).toBe(failedCalls + 2);
  });
});

/** Sends a slash command without waiting for any reply. */
async function sendCommand(text: string, userId: string) {
  const responseUrl = world.slack.newResponseUrl();
  await world.sender.slashCommand({ text, responseUrl, userId });
  return { responseUrl };
}
