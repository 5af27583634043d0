import { sandboxPasswordOf, seedTrunks, type RawTrunk } from '../../devkit/sandbox/seed-trunks.js';
import { startSandboxWorld, type SandboxWorld } from '../../devkit/sandbox/sandbox-world.js';
import type { UploadedFile } from '../../devkit/sandbox/slack-files.js';
import { ACTION } from '../../src/trunks/action-ids.js';
import { newUserId, visibleText } from '../support/answers.js';
import { captureLogs, waitForAudit, type CapturedLogs } from '../support/capture-logs.js';
import { readCsv } from '../support/read-csv.js';
import { shareInChannel } from '../support/share-in-channel.js';
import { ask, buttonsOf, click, runCommand } from '../support/world-helpers.js';

/** The records of an uploaded CSV file, after checking it is UTF-8 with a BOM. */
function recordsOf(file: UploadedFile): string[][] {
  const bytes = file.bytes!;
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return readCsv(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3)));
}

/** The one file shared by the files.completeUploadExternal call matching `predicate`. */
async function sharedFile(world: SandboxWorld, predicate: (args: Record<string, unknown>) => boolean) {
  const call = await world.slack.waitForCall('files.completeUploadExternal', (c) => c.ok && predicate(c.args));
  expect(call.files).toHaveLength(1);
  return call.files![0]!;
}

const named = (word: string) => (t: RawTrunk) => t.sipTrunkName.toLowerCase().includes(word);

describe('Export CSV with the 120-trunk sandbox', () => {
  let world: SandboxWorld;
  let logs: CapturedLogs;

  beforeAll(async () => {
    logs = captureLogs();
    world = await startSandboxWorld({
      logDestination: logs.destination,
      env: { RATE_LIMIT_PER_USER: '0', ITNIO_TIMEZONE: 'Asia/Shanghai' },
    });
  });

  afterAll(() => world.close());

  test('/trunks export acme sends every acme trunk, not one page, to the user’s DM from the bot', async () => {
    const userId = newUserId();
    const { reply } = await runCommand(world, 'export acme', { userId, channelId: 'C0INCIDENT' });
    const audit = await waitForAudit(logs, (line) => line.user === userId);
    const open = await world.slack.waitForCall('conversations.open', (c) => c.args.users === userId);
    const dm = `D${userId.slice(1)}`;
    expect(open.ok).toBe(true);
    const file = await sharedFile(world, (args) => args.channel_id === dm);

    const expected = world.sandbox!.trunks.filter(named('acme'));
    expect(expected.length).toBeGreaterThan(10);
    const [header, ...rows] = recordsOf(file);
    expect(header![0]).toBe('ID');
    expect(rows.map((r) => Number(r[0])).sort()).toEqual(expected.map((t) => t.keyId).sort());
    expect(file.filename).toMatch(/^trunks-acme-\d{8}-\d{4}\.csv$/);
    expect(file.comment).toContain(`<@${userId}>`);
    // Vendor times are read in ITNIO_TIMEZONE and written with its offset.
    expect(rows.every((r) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/.test(r[11]!))).toBe(true);
    for (const t of expected) expect(file.bytes!.toString()).not.toContain(sandboxPasswordOf(t.keyId));

    expect(audit).toMatchObject({ surface: 'command', outcome: 'exported_to_dm', total: expected.length });
    expect(visibleText(reply.body)).toContain(file.filename);
    expect(reply.body.response_type).toBe('ephemeral');
  });

  test('a private list offers Export CSV; pressing it sends the whole result to the DM', async () => {
    const { reply } = await ask(world, logs, 'globex');
    expect(buttonsOf(reply.body).map((b) => b.action_id)).toContain(ACTION.exportCsv);
    const userId = newUserId();
    const pressed = await click(world, reply.body, ACTION.exportCsv, { userId, channelId: 'C0INCIDENT' });
    const told = await pressed.next();
    const audit = await waitForAudit(logs, (line) => line.user === userId);
    const file = await sharedFile(world, (args) => args.channel_id === `D${userId.slice(1)}`);
    const expected = world.sandbox!.trunks.filter(named('globex'));
    expect(recordsOf(file)).toHaveLength(expected.length + 1);
    expect(audit).toMatchObject({ surface: 'button', outcome: 'exported_to_dm', total: expected.length });
    // The list stays where it was; the note comes beside it.
    expect(told.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
  });

  test('Export CSV on a list shared into a channel posts the file in that channel, for everyone', async () => {
    const posted = await shareInChannel(world, logs, 'acme', 'C0SHARED');
    expect(buttonsOf(posted.args as never).map((b) => b.action_id)).toContain(ACTION.exportCsv);

    const presser = newUserId();
    await click(world, posted.args as never, ACTION.exportCsv, {
      isEphemeral: false,
      userId: presser,
      channelId: 'C0SHARED',
    });
    const audit = await waitForAudit(logs, (line) => line.user === presser);
    const file = await sharedFile(world, (args) => args.channel_id === 'C0SHARED');
    expect(audit).toMatchObject({
      outcome: 'exported_to_channel',
      total: world.sandbox!.trunks.filter(named('acme')).length,
    });
    expect(file.comment).toContain(`<@${presser}>`);
    expect(world.slack.calls.filter((c) => c.method === 'conversations.open' && c.args.users === presser)).toEqual([]);
  });

  test('a channel the bot is not in gets no file, and the presser is told to invite the bot', async () => {
    world.slack.setChannel('C0NOBOT', { botMember: false });
    const { reply } = await ask(world, logs, 'initech');
    const presser = newUserId();
    const pressed = await click(world, reply.body, ACTION.exportCsv, {
      isEphemeral: false,
      userId: presser,
      channelId: 'C0NOBOT',
    });
    const told = await pressed.next();
    const audit = await waitForAudit(logs, (line) => line.user === presser);
    expect(audit).toMatchObject({ outcome: 'export_failed', error: { code: 'export_failed' } });
    expect(visibleText(told.body)).toContain('/invite @trunkbot');
    expect(told.body.response_type).toBe('ephemeral');
    const refused = world.slack.calls.find(
      (c) => c.method === 'files.completeUploadExternal' && c.args.channel_id === 'C0NOBOT',
    );
    expect(refused).toMatchObject({ ok: false, error: 'not_in_channel' });
  });

  test('a bot installed without the new scopes says a Slack admin must reinstall it', async () => {
    world.slack.failNext('conversations.open', 'missing_scope');
    const before = world.slack.files.length;
    const userId = newUserId();
    const { reply } = await runCommand(world, 'export acme', { userId });
    const audit = await waitForAudit(logs, (line) => line.user === userId);
    expect(audit).toMatchObject({ outcome: 'export_failed' });
    expect(visibleText(reply.body)).toMatch(/reinstall the app .*files:write and im:write/);
    expect(world.slack.files).toHaveLength(before);
  });

  test('a double click exports once', async () => {
    const { reply } = await ask(world, logs, 'hooli');
    const userId = newUserId();
    const options = { userId, channelId: 'C0INCIDENT', ts: '1700000001.000100' };
    await Promise.all([
      click(world, reply.body, ACTION.exportCsv, options),
      click(world, reply.body, ACTION.exportCsv, options),
    ]);
    const audits = await Promise.all([
      waitForAudit(logs, (line) => line.user === userId && line.outcome === 'exported_to_dm'),
      waitForAudit(logs, (line) => line.user === userId && line.outcome === 'duplicate_export'),
    ]);
    expect(audits).toHaveLength(2);
    const dm = `D${userId.slice(1)}`;
    expect(world.slack.files.filter((f) => f.channel === dm)).toHaveLength(1);
  });

  test('@trunkbot export posts the file in the mention’s thread', async () => {
    const userId = newUserId();
    await world.sender.appMention({
      text: `<@${world.slack.botUserId}> export globex eu`,
      userId,
      channelId: 'C0INCIDENT',
      ts: '1700000500.000100',
    });
    const audit = await waitForAudit(logs, (line) => line.user === userId);
    const file = await sharedFile(world, (args) => args.thread_ts === '1700000500.000100');
    expect(file.channel).toBe('C0INCIDENT');
    expect(recordsOf(file)).toHaveLength(3);
    expect(audit).toMatchObject({ surface: 'mention', outcome: 'exported_to_channel', total: 2 });
  });

  test.each([
    ['export stats', 'invalid_input', 'leave out page and stats'],
    ['export page:2 acme', 'invalid_input', 'leave out page and stats'],
    ['export outgoign', 'invalid_input', 'Did you mean'],
    ['export name:nosuchtrunk', 'empty', 'nothing to export'],
  ])('/trunks %s sends no file and says why (%s)', async (text, outcome, says) => {
    const before = world.slack.files.length;
    const { reply, audit } = await ask(world, logs, text);
    expect(audit.outcome).toBe(outcome);
    expect(visibleText(reply.body)).toContain(says);
    expect(world.slack.files.length).toBe(before);
  });

  test('an empty list offers no Export CSV', async () => {
    const { reply } = await ask(world, logs, 'name:nosuchtrunk');
    expect(buttonsOf(reply.body).map((b) => b.action_id)).not.toContain(ACTION.exportCsv);
  });
});

describe('Export CSV of 10,000 trunks, one of them hostile', () => {
  let world: SandboxWorld;
  let logs: CapturedLogs;
  const hostile: RawTrunk = {
    ...seedTrunks({ count: 1 })[0]!,
    keyId: 6_000_001,
    sipTrunkName: '=HYPERLINK("http://x","y")',
    sipPrefix: '+44',
    groupList: [{ groupId: 1, groupName: '@SUM(1+1)', number: '+44 20 7946 0999' }],
  };

  beforeAll(async () => {
    logs = captureLogs();
    world = await startSandboxWorld({
      logDestination: logs.destination,
      env: { RATE_LIMIT_PER_USER: '0' },
      sandbox: { trunks: [...seedTrunks({ count: 10_000 }), hostile] },
    });
  });

  afterAll(() => world.close());

  test('/trunks export sends every trunk in one file whose length Slack was told up front', async () => {
    const userId = newUserId();
    await runCommand(world, 'export', { userId });
    const audit = await waitForAudit(logs, (line) => line.user === userId, { timeoutMs: 30_000 });
    const file = await sharedFile(world, (args) => args.channel_id === `D${userId.slice(1)}`);
    // The stand-in refuses bytes that differ from the announced length.
    const asked = world.slack.calls.find((c) => c.method === 'files.getUploadURLExternal' && c.ok);
    expect(Number(asked!.args.length)).toBe(file.bytes!.length);
    const [, ...rows] = recordsOf(file);
    expect(rows).toHaveLength(10_001);
    expect(new Set(rows.map((r) => r[0])).size).toBe(10_001);
    expect(audit).toMatchObject({ outcome: 'exported_to_dm', total: 10_001, resultCount: 1_000 });
  });

  test('cells a spreadsheet would run as formulas arrive neutralised', async () => {
    const userId = newUserId();
    await runCommand(world, 'export id:6000001', { userId });
    await waitForAudit(logs, (line) => line.user === userId);
    const file = await sharedFile(world, (args) => args.channel_id === `D${userId.slice(1)}`);
    const [header, row] = recordsOf(file);
    const cell = (name: string) => row![header!.indexOf(name)];
    expect(cell('Name')).toBe(`'=HYPERLINK("http://x","y")`);
    expect(cell('Prefix')).toBe("'+44");
    expect(cell('Agent groups')).toBe("'@SUM(1+1) (+44 20 7946 0999)");
    expect(file.bytes!.toString()).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
  });
});
