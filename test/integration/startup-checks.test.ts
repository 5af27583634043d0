import { startItnioSandbox, type ItnioSandbox } from '../../devkit/sandbox/itnio-server.js';
import { startSandboxWorld, type SandboxWorld } from '../../devkit/sandbox/sandbox-world.js';
import { captureLogs, type LogLine } from '../support/capture-logs.js';
import { runCommand } from '../support/world-helpers.js';

const checkLines = (lines: LogLine[]) => lines.filter((l) => l.component === 'doctor');

describe('the checks at start-up', () => {
  let sandbox: ItnioSandbox;
  let world: SandboxWorld | undefined;

  beforeEach(async () => {
    sandbox = await startItnioSandbox();
  });

  afterEach(async () => {
    await world?.close();
    world = undefined;
    await sandbox.close();
  });

  test('are logged once the bot is ready: info for each that passes', async () => {
    const logs = captureLogs();
    world = await startSandboxWorld({
      vendor: { apiUrl: sandbox.url, apiKey: sandbox.apiKey, apiSecret: sandbox.apiSecret },
      startupChecks: true,
      logDestination: logs.destination,
    });
    const results = await world.bot.checks;
    expect(results.map((r) => [r.name, r.ok])).toEqual([
      ['Slack bot token', true],
      ['Slack scopes', true],
      ['Slack signing secret', true],
      ['ITNIO credentials', true],
      ['Data directory', true],
    ]);
    const lines = checkLines(logs.lines);
    const ready = logs.lines.findIndex((l) => l.msg === 'trunkbot is ready');
    expect(logs.lines.indexOf(lines[0]!)).toBeGreaterThan(ready);
    expect(lines.filter((l) => l.msg === 'start-up check passed').map((l) => [l.level, l.check])).toEqual(
      results.map((r) => ['info', r.name]),
    );
    expect(lines.at(-1)).toMatchObject({ level: 'info', msg: 'start-up checks done', passed: 5, failed: 0 });
    // The one smallest query the doctor makes.
    expect(sandbox.requests.map((r) => r.body)).toEqual([{ current: 1, size: 1, params: {} }]);
  });

  test('log a failure at warn with the fix, and the bot answers anyway', async () => {
    const logs = captureLogs();
    world = await startSandboxWorld({
      vendor: { apiUrl: sandbox.url, apiKey: sandbox.apiKey, apiSecret: 'not-the-secret' },
      startupChecks: true,
      logDestination: logs.destination,
    });
    const { reply } = await runCommand(world, 'help');
    expect(reply.body.text).toBe('How to use trunkbot');
    await world.bot.checks;
    expect(checkLines(logs.lines).find((l) => l.msg === 'start-up check failed')).toMatchObject({
      level: 'warn',
      check: 'ITNIO credentials',
      detail: 'ITNIO rejected the credentials (status -2: bad key or secret)',
      fix: expect.stringMatching(/^check ITNIO_API_KEY/),
    });
    expect(checkLines(logs.lines).at(-1)).toMatchObject({ msg: 'start-up checks done', passed: 4, failed: 1 });
    expect(logs.raw.join('')).not.toContain('not-the-secret');
  });

  test('stay off in a sandbox world unless asked for, so tests count only their own calls', async () => {
    world = await startSandboxWorld({
      vendor: { apiUrl: sandbox.url, apiKey: sandbox.apiKey, apiSecret: sandbox.apiSecret },
    });
    expect(await world.bot.checks).toEqual([]);
    expect(sandbox.requests).toEqual([]);
  });
});
