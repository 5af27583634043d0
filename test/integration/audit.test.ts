import { startSandboxWorld, type SandboxWorld } from '../../devkit/sandbox/sandbox-world.js';
import { auditLines, captureLogs, waitForAudit } from '../support/capture-logs.js';
import { until } from '../support/until.js';
import { runCommand } from '../support/world-helpers.js';

let world: SandboxWorld;
let logs: ReturnType<typeof captureLogs>;

beforeEach(async () => {
  logs = captureLogs();
  world = await startSandboxWorld({ logDestination: logs.destination });
});

afterEach(async () => {
  await world.close();
});

const sandboxCalls = () => world.sandbox!.requests.length;

describe('audit trail', () => {
  test('a query whose reply Slack refused is still on record', async () => {
    world.slack.failResponseUrl(500, 5);
    await world.sender.slashCommand({
      text: 'outgoing acme',
      responseUrl: world.slack.newResponseUrl(),
      userId: 'U0AUDIT',
    });
    await waitForAudit(logs, (line) => line.user === 'U0AUDIT');
    expect(auditLines(logs)[0]).toMatchObject({
      user: 'U0AUDIT',
      outcome: 'ok',
      replyFailed: true,
      resultCount: 10,
      durationMs: expect.any(Number),
    });
    // The snapshot of every trunk: two pages of 100.
    expect(sandboxCalls()).toBe(2);
  });

  test('a replayed request and a duplicate event are on record too', async () => {
    const request = {
      text: 'outgoing',
      responseUrl: world.slack.newResponseUrl(),
      triggerId: '9999999999999.99999999999.0123456789abcdef0123456789abcdef',
    };
    await world.sender.slashCommand(request);
    await world.sender.slashCommand(request);
    const event = { text: `<@${world.slack.botUserId}> in`, eventId: 'Ev0AUDIT', ts: '1700001000.000100' };
    await world.sender.appMention(event);
    await world.sender.appMention({ ...event, retryNum: 1 });
    await until(() => auditLines(logs).length === 4, {
      what: 'four audit lines',
      seen: () => JSON.stringify(auditLines(logs)),
    });
    expect(
      auditLines(logs)
        .map((l) => [l.surface, l.outcome])
        .sort(),
    ).toEqual(
      [
        ['command', 'ok'],
        ['command', 'replay_ignored'],
        ['mention', 'duplicate_event'],
        ['mention', 'ok'],
      ].sort(),
    );
  });

  test('audit lines stay on when LOG_LEVEL hides info', async () => {
    await world.close();
    logs = captureLogs();
    world = await startSandboxWorld({ logLevel: 'warn', logDestination: logs.destination });
    await runCommand(world, 'incoming');
    await waitForAudit(logs, (line) => line.surface === 'command');
    expect(auditLines(logs)[0]).toMatchObject({ level: 'info', outcome: 'ok' });
    expect(logs.lines.some((l) => l.msg === 'trunkbot is ready')).toBe(false);
  });
});
