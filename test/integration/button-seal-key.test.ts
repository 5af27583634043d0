import { startSandboxWorld, type SandboxWorld } from '../../devkit/sandbox/sandbox-world.js';
import { buttonSealSecretOf, loadConfig } from '../../src/config.js';
import { ACTION } from '../../src/trunks/action-ids.js';
import { createButtonSeal } from '../../src/trunks/button-seal.js';
import { captureLogs, waitForAudit, type CapturedLogs } from '../support/capture-logs.js';
import { newUserId } from '../support/answers.js';
import { click, runCommand, textOf } from '../support/world-helpers.js';

const base = {
  SLACK_BOT_TOKEN: 'xoxb-1111-2222-deployment-one',
  ITNIO_API_KEY: 'key',
  ITNIO_API_SECRET: 'itnio-secret',
};

describe('the key button values are sealed with', () => {
  test('is BUTTON_SEAL_SECRET when set, else the bot token, in either mode; never the signing secret', () => {
    const http = loadConfig({ ...base, SLACK_SIGNING_SECRET: 'signing-secret-one' });
    const otherSigningSecret = loadConfig({ ...base, SLACK_SIGNING_SECRET: 'signing-secret-two' });
    const socket = loadConfig({ ...base, SLACK_APP_TOKEN: 'xapp-sandbox-other-app' });
    const dedicated = loadConfig({
      ...base,
      SLACK_APP_TOKEN: 'xapp-sandbox-other-app',
      BUTTON_SEAL_SECRET: 'dedicated-seal-secret-0123',
    });
    expect(buttonSealSecretOf(http)).toBe(base.SLACK_BOT_TOKEN);
    expect(buttonSealSecretOf(otherSigningSecret)).toBe(base.SLACK_BOT_TOKEN);
    expect(buttonSealSecretOf(socket)).toBe(base.SLACK_BOT_TOKEN);
    expect(buttonSealSecretOf(dedicated)).toBe('dedicated-seal-secret-0123');
  });

  test('a value sealed with one key opens only with that key', () => {
    const one = createButtonSeal('deployment-one-seal-secret');
    const two = createButtonSeal('deployment-two-seal-secret');
    const value = one.seal('{"p":2,"t":1}');
    expect(one.open(value)).toBe('{"p":2,"t":1}');
    expect(two.open(value)).toBeUndefined();
  });
});

describe('a button pressed on another deployment', () => {
  let home: SandboxWorld;
  let logs: CapturedLogs;
  const worlds: SandboxWorld[] = [];

  beforeAll(async () => {
    logs = captureLogs();
    home = await startSandboxWorld({
      env: { BUTTON_SEAL_SECRET: 'home-deployment-seal-secret' },
      logDestination: logs.destination,
    });
    worlds.push(home);
  });

  afterAll(async () => {
    for (const world of worlds.reverse()) await world.close();
  });

  /** Another bot against the same Slack and ITNIO: another deployment, or another instance of this one. */
  async function join(sealSecret: string): Promise<{ world: SandboxWorld; logs: CapturedLogs }> {
    const joinedLogs = captureLogs();
    const world = await startSandboxWorld({
      joining: home,
      env: { BUTTON_SEAL_SECRET: sealSecret },
      logDestination: joinedLogs.destination,
    });
    worlds.push(world);
    return { world, logs: joinedLogs };
  }

  test('is refused when that deployment seals with another key, and accepted by an instance sharing the key', async () => {
    const { reply } = await runCommand(home, 'outgoing');
    expect(textOf(reply.body)).toContain(ACTION.next);

    const other = await join('other-deployment-seal-secret');
    const stranger = newUserId();
    const refused = await click(other.world, reply.body, ACTION.next, { userId: stranger });
    expect(textOf((await refused.next()).body)).toContain('out of date or was changed');
    expect(await waitForAudit(other.logs, (line) => line.user === stranger)).toMatchObject({
      outcome: 'invalid_button',
    });

    const sibling = await join('home-deployment-seal-secret');
    const colleague = newUserId();
    const accepted = await click(sibling.world, reply.body, ACTION.next, { userId: colleague });
    expect(textOf((await accepted.next()).body)).not.toContain('out of date or was changed');
    expect(await waitForAudit(sibling.logs, (line) => line.user === colleague)).toMatchObject({
      outcome: 'ok',
      page: 2,
    });
  });
});
