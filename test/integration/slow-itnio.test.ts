import { startSandboxWorld, type SandboxWorld } from '../../devkit/sandbox/sandbox-world.js';
import type { ResponseUrlPost } from '../../devkit/sandbox/slack-stand-in.js';
import { ACTION } from '../../src/trunks/action-ids.js';
import { headerOf, newUserId } from '../support/answers.js';
import { captureLogs, waitForAudit, type CapturedLogs } from '../support/capture-logs.js';
import { ask, click } from '../support/world-helpers.js';

const ASKING = ':hourglass_flowing_sand: Asking ITNIO…';

let world: SandboxWorld;
let logs: CapturedLogs;

beforeEach(async () => {
  logs = captureLogs();
  // One slow attempt takes two seconds to time out; the client's retry then gets the answer.
  world = await startSandboxWorld({
    logDestination: logs.destination,
    env: { ITNIO_TIMEOUT_MS: '2000', RATE_LIMIT_PER_USER: '0' },
  });
});

afterEach(() => world.close());

const posts = (id: string | undefined): ResponseUrlPost[] => world.slack.responses.filter((r) => r.id === id);
/** ITNIO requests that got an answer; a hanging one is recorded with HTTP status 0. */
const answeredByItnio = () => world.sandbox!.requests.filter((r) => r.httpStatus !== 0);

describe('"Asking ITNIO…" while ITNIO is slow', () => {
  test('a slash command shows it while ITNIO has not answered, and the answer replaces it', async () => {
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
    // The build's progress may follow the note; every later message replaces the one before, the answer last.
    const [first, ...later] = posts(id);
    expect(first).toBe(note);
    expect(later.length).toBeGreaterThan(0);
    for (const post of later) expect(post.body).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(String(later.at(-1)!.body.text)).toMatch(/matching “acme”/);
  });

  test('an answer from a fresh snapshot comes alone, even while ITNIO is slow', async () => {
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
    const { reply } = await ask(world, logs, 'acme');
    world.sandbox!.inject({ kind: 'hang' });
    const userId = newUserId();
    const refreshed = await click(world, reply.body, ACTION.refresh, { userId });
    const note = await refreshed.next();
    expect(note.body).toMatchObject({ replace_original: true, text: ASKING });
    expect((await waitForAudit(logs, (l) => l.user === userId)).outcome).toBe('ok');
    const page = posts(refreshed.id).at(-1)!;
    expect(page.body.replace_original).toBe(true);
    expect(headerOf(page.body).page).toBe(1);
  });

  test('a mention posts the note in the thread and edits it into the answer', async () => {
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
