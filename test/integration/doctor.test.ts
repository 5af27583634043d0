import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startItnioSandbox, type ItnioSandbox } from '../../devkit/sandbox/itnio-server.js';
import { startSlackStandIn, type SlackStandIn } from '../../devkit/sandbox/slack-stand-in.js';
import { spawnTsx } from '../../devkit/spawn-tsx.js';
import { runDoctor, type RunDoctorOptions } from '../../src/doctor/run-doctor.js';
import { botEnv } from '../support/bot-env.js';

// Whole seconds, as a Date header carries them, so a skew reads exactly.
const ITNIO_NOW = Date.UTC(2026, 10, 28, 12, 0, 0);

let sandbox: ItnioSandbox;
let slack: SlackStandIn;
let dataRoot: string;

beforeAll(async () => {
  sandbox = await startItnioSandbox();
  slack = await startSlackStandIn();
  dataRoot = mkdtempSync(join(tmpdir(), 'trunkbot-doctor-'));
});

afterAll(async () => {
  await Promise.all([sandbox.close(), slack.close()]);
  rmSync(dataRoot, { recursive: true, force: true });
});

const goodEnv = (): NodeJS.ProcessEnv =>
  botEnv(slack, sandbox, { SLACK_SIGNING_SECRET: 'doctor-test-signing-secret', DATA_DIR: join(dataRoot, 'data') });

/** Runs the doctor in-process and returns its exit code and report, one entry per line. */
async function doctor(env: NodeJS.ProcessEnv, options: RunDoctorOptions = {}) {
  let report = '';
  const code = await runDoctor(env, { write: (text) => (report += text), ...options });
  return { code, report, lines: report.trimEnd().split('\n') };
}

/** The report line of one check, with the lines indented under it. */
function lineOf(report: string, name: string): string {
  const match = new RegExp(`^[✓✗] ${name}: .*(?:\\n {4}.*)*`, 'm').exec(report);
  if (!match) throw new Error(`no "${name}" line in:\n${report}`);
  return match[0];
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('npm run doctor', () => {
  test('all good: a ✓ line per check and exit code 0', async () => {
    const { code, lines } = await doctor(goodEnv());
    expect(lines).toEqual([
      'trunkbot doctor (HTTP mode)',
      '✓ Configuration: every variable is valid',
      '✓ Slack bot token: valid: @trunkbot in Trunkbot Sandbox (T0SANDBOX)',
      '✓ Slack scopes: commands, app_mentions:read, chat:write, chat:write.public, users:read, files:write, im:write',
      expect.stringMatching(/^✓ Slack signing secret: set /),
      `✓ ITNIO credentials: accepted by ${sandbox.url} (120 trunks)`,
      expect.stringMatching(/^✓ Data directory: .*\/data is writable/),
      'All 6 checks passed.',
    ]);
    expect(code).toBe(0);
  });

  test('a bot token Slack rejects is named with the fix, and the other checks still run', async () => {
    const { code, report } = await doctor({ ...goodEnv(), SLACK_BOT_TOKEN: 'xoxb-1-revoked' });
    expect(code).toBe(1);
    expect(lineOf(report, 'Slack bot token')).toBe(
      "✗ Slack bot token: SLACK_BOT_TOKEN was rejected by Slack (invalid_auth)\n    fix: copy a fresh Bot User OAuth Token from the app's OAuth & Permissions page",
    );
    expect(report).toMatch(/^✓ ITNIO credentials: /m);
    expect(report).toMatch(/^✓ Data directory: /m);
    expect(report).toContain('1 of 5 checks failed.');
  });

  test('a missing scope is named, with "reinstall the app after adding scopes"', async () => {
    const narrow = await startSlackStandIn({ scopes: ['commands', 'chat:write'] });
    try {
      const { code, report } = await doctor({
        ...goodEnv(),
        SLACK_BOT_TOKEN: narrow.botToken,
        SLACK_API_URL: narrow.apiUrl,
      });
      expect(code).toBe(1);
      const line = lineOf(report, 'Slack scopes');
      expect(line).toMatch(
        /^✗ Slack scopes: the bot token lacks app_mentions:read, chat:write\.public, users:read, files:write, im:write \(it has commands, chat:write\)/,
      );
      expect(line).toContain('reinstall the app after adding scopes');
      expect(report).toMatch(/^✓ Slack bot token: /m);
    } finally {
      await narrow.close();
    }
  });

  test.each<[string, NodeJS.ProcessEnv, number]>([
    ['key', { ITNIO_API_KEY: 'someone-elses-key' }, -1],
    ['secret', { ITNIO_API_SECRET: 'not-the-secret' }, -2],
  ])('a bad vendor %s: ITNIO rejected the credentials, with the fix', async (_what, env, status) => {
    const { code, report } = await doctor({ ...goodEnv(), ...env });
    expect(code).toBe(1);
    const line = lineOf(report, 'ITNIO credentials');
    expect(line).toContain(`✗ ITNIO credentials: ITNIO rejected the credentials (status ${status}: bad key or secret)`);
    expect(line).toMatch(/fix: check ITNIO_API_KEY .* and ITNIO_API_SECRET/);
    expect(report).not.toContain('not-the-secret');
  });

  test('a clock ITNIO refuses (-16) is measured against ITNIO’s Date header', async () => {
    const ahead = await startItnioSandbox({ now: () => ITNIO_NOW });
    try {
      const env = { ...goodEnv(), ITNIO_API_URL: ahead.url };
      const behind = await doctor(env, { now: () => ITNIO_NOW - 10 * 60_000 });
      expect(behind.code).toBe(1);
      expect(lineOf(behind.report, 'ITNIO credentials')).toBe(
        "✗ ITNIO credentials: ITNIO says the request's Timestamp expired (status -16): this machine's clock is 10 min behind ITNIO’s\n    fix: sync this machine’s clock with NTP (ITNIO refuses requests whose Timestamp is minutes off)",
      );
      const fast = await doctor(env, { now: () => ITNIO_NOW + 3_723_000 });
      expect(lineOf(fast.report, 'ITNIO credentials')).toContain("this machine's clock is 1 h 2 min ahead of ITNIO’s");
      // Within ITNIO's window the query works; a drift worth knowing about is still mentioned.
      const drifting = await doctor(env, { now: () => ITNIO_NOW + 125_000 });
      expect(lineOf(drifting.report, 'ITNIO credentials')).toBe(
        `✓ ITNIO credentials: accepted by ${ahead.url} (120 trunks); this clock is 2 min 5 s ahead of ITNIO’s`,
      );
    } finally {
      await ahead.close();
    }
  });

  test('ITNIO unreachable or hanging fails its line within the timeout', async () => {
    const unreachable = await doctor({ ...goodEnv(), ITNIO_API_URL: `http://127.0.0.1:${await closedPort()}` });
    expect(lineOf(unreachable.report, 'ITNIO credentials')).toMatch(
      /^✗ ITNIO credentials: could not reach ITNIO at .* \(ECONNREFUSED\)/,
    );

    sandbox.inject({ kind: 'hang' });
    const started = performance.now();
    const hanging = await doctor(goodEnv(), { timeoutMs: 300 });
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(lineOf(hanging.report, 'ITNIO credentials')).toMatch(
      /could not reach ITNIO at .* \(no answer within 0\.3 s\)/,
    );
    expect(hanging.report).toMatch(/^✓ Slack bot token: /m);
  });

  test('Redis down (a closed port) fails its line without naming the password', async () => {
    const port = await closedPort();
    const { code, report } = await doctor({ ...goodEnv(), REDIS_URL: `redis://:hunter2-redis@127.0.0.1:${port}` });
    expect(code).toBe(1);
    expect(lineOf(report, 'Redis')).toMatch(
      new RegExp(
        `^✗ Redis: 127\\.0\\.0\\.1:${port} did not answer PING \\(ECONNREFUSED\\)\\n {4}fix: start Redis or correct REDIS_URL`,
      ),
    );
    expect(report).not.toContain('hunter2');
    // With Redis configured, watches are kept there: the data directory is not checked.
    expect(report).not.toMatch(/Data directory/);
  });

  (process.env.TEST_REDIS_URL ? test : test.skip)('Redis up answers PONG', async () => {
    const { report } = await doctor({ ...goodEnv(), REDIS_URL: process.env.TEST_REDIS_URL });
    expect(lineOf(report, 'Redis')).toMatch(/^✓ Redis: .* answered PONG$/);
  });

  test('a data directory that cannot be written fails its line', async () => {
    const file = join(dataRoot, 'a-file');
    writeFileSync(file, '');
    const { code, report } = await doctor({ ...goodEnv(), DATA_DIR: join(file, 'data') });
    expect(code).toBe(1);
    expect(lineOf(report, 'Data directory')).toMatch(
      /is not writable \(ENOTDIR\)\n {4}fix: set DATA_DIR to a writable directory/,
    );
  });

  test('placeholders are configuration problems, every one at once, and the checks they do not block still run', async () => {
    const asked = sandbox.requests.length;
    const { code, report } = await doctor({
      ...goodEnv(),
      SLACK_SIGNING_SECRET: 'your-signing-secret',
      ITNIO_API_SECRET: 'your-itnio-api-secret',
    });
    expect(code).toBe(1);
    const configuration = lineOf(report, 'Configuration');
    expect(configuration).toMatch(/^✗ Configuration: 2 problems:/);
    expect(configuration).toMatch(/- SLACK_SIGNING_SECRET is still a placeholder .*: copy the Signing Secret/);
    expect(configuration).toMatch(/- ITNIO_API_SECRET is still a placeholder .*: set it to the API secret/);
    expect(lineOf(report, 'Slack signing secret')).toBe(
      '✗ Slack signing secret: not checked until SLACK_SIGNING_SECRET is fixed (see Configuration)',
    );
    expect(lineOf(report, 'ITNIO credentials')).toMatch(/not checked until ITNIO_API_SECRET is fixed/);
    expect(sandbox.requests.length).toBe(asked);
    expect(report).toMatch(/^✓ Slack bot token: /m);
    expect(report).toMatch(/^✓ Data directory: /m);
  });

  test('Socket Mode checks the app token with apps.connections.open instead of the signing secret', async () => {
    const env = { ...goodEnv(), SLACK_SIGNING_SECRET: '' };
    const good = await doctor({ ...env, SLACK_APP_TOKEN: slack.appToken });
    expect(good.lines[0]).toBe('trunkbot doctor (Socket Mode)');
    expect(lineOf(good.report, 'Slack app token')).toBe(
      '✓ Slack app token: valid: Slack opens Socket Mode connections for it',
    );
    expect(good.report).not.toMatch(/signing secret/);
    expect(good.code).toBe(0);

    const bad = await doctor({ ...env, SLACK_APP_TOKEN: 'xapp-sandbox-revoked' });
    expect(bad.code).toBe(1);
    expect(lineOf(bad.report, 'Slack app token')).toMatch(
      /^✗ Slack app token: SLACK_APP_TOKEN was rejected by Slack \(invalid_auth\)\n {4}fix: create an App-Level Token with the connections:write scope/,
    );
  });
});

describe('the doctor process', () => {
  test('src/doctor/cli.ts reads ./.env, prints the report and exits 0 when all pass, 1 otherwise', async () => {
    const { DATA_DIR: _relative, ...env } = goodEnv();
    const dotenv = Object.entries(env)
      .map(([name, value]) => `${name}=${value}`)
      .join('\n');
    const good = spawnTsx('src/doctor/cli.ts', {}, { files: { '.env': dotenv } });
    expect((await good.exit).code).toBe(0);
    expect(good.stdout()).toMatch(/^✓ ITNIO credentials: accepted/m);
    expect(good.stdout()).toContain('All 6 checks passed.');

    const bad = spawnTsx('src/doctor/cli.ts', { ITNIO_API_SECRET: 'not-the-secret' }, { files: { '.env': dotenv } });
    expect((await bad.exit).code).toBe(1);
    expect(bad.stdout()).toMatch(/^✗ ITNIO credentials: ITNIO rejected the credentials/m);
    expect(bad.stderr()).toBe('');
  });
});
