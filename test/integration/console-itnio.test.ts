import { webApi } from '@slack/bolt';
import { CONSOLE_HELP } from '../../devkit/console/console-help.js';
import { ConsoleSession } from '../../devkit/console/console-session.js';
import type { SandboxWorld } from '../../devkit/sandbox/sandbox-world.js';
import { startConsole, type ConsoleUnderTest } from '../support/start-console.js';

const { LogLevel, WebClient } = webApi;

let world: SandboxWorld;
let out: string[];
let type: ConsoleUnderTest['type'];
let close: ConsoleUnderTest['close'];
let sleeps: number[];
/** What happens while `wait` waits: by default nothing. */
let meanwhile: () => Promise<void>;
let unprompted: number;

beforeEach(async () => {
  sleeps = [];
  meanwhile = async () => {};
  unprompted = 0;
  ({ world, out, type, close } = await startConsole({}, () => ({
    sleep: async (ms) => {
      sleeps.push(ms);
      await meanwhile();
    },
    onUnpromptedOutput: () => {
      unprompted += 1;
    },
  })));
});

afterEach(() => close());

const trunk = (keyId: number) => world.sandbox!.trunks.find((t) => t.keyId === keyId);

/** A Web API client holding the bot's token: what the bot's alerting sends, without a request to answer. */
const botClient = () =>
  new WebClient(world.slack.botToken, {
    slackApiUrl: world.slack.apiUrl,
    retryConfig: { retries: 0 },
    logLevel: LogLevel.ERROR,
  });

describe('itnio commands', () => {
  test('down and up change the sandbox gateway, and the bot sees it on its next query', async () => {
    expect(await type('itnio down acme-out-01')).toBe('(sandbox ITNIO: acme-out-01 gateway is now down)');
    expect(trunk(5_000_001)).toMatchObject({ sipTrunkState: false });
    expect(await type('/trunks name:acme-out-01')).toMatch(/\[DOWN\] acme-out-01 .*gateway down/);
    expect(await type('itnio up ACME out 01')).toBe('(sandbox ITNIO: acme-out-01 gateway is now up)');
    expect(await type('itnio up 5000001')).toBe('(sandbox ITNIO: acme-out-01 gateway was already up)');
  });

  test('disable, enable and ip change the trunk’s configuration', async () => {
    expect(await type('itnio disable acme outbound us')).toBe('(sandbox ITNIO: ACME Outbound US is now disabled)');
    expect(trunk(5_000_007)).toMatchObject({ state: 0 });
    expect(await type('itnio enable 5000007')).toBe('(sandbox ITNIO: ACME Outbound US is now enabled)');
    expect(await type('itnio ip acme-out-01 198.51.100.7')).toBe(
      '(sandbox ITNIO: acme-out-01 gateway IP is now 198.51.100.7)',
    );
    expect(trunk(5_000_001)).toMatchObject({ sipGatewayIp: '198.51.100.7' });
  });

  test('add and remove', async () => {
    expect(await type('itnio add Acme Outbound 9')).toBe(
      '(sandbox ITNIO: added Acme Outbound 9, keyId 5000121, gateway 198.51.100.132 up)',
    );
    expect(await type('itnio add')).toMatch(/^\(sandbox ITNIO: added sandbox-added-5000122, keyId 5000122, /);
    expect(await type('itnio remove acme outbound 9')).toBe('(sandbox ITNIO: removed Acme Outbound 9, keyId 5000121)');
    expect(trunk(5_000_121)).toBeUndefined();
  });

  test('say what went wrong: unknown or ambiguous trunks, bad IPs, missing words, unknown commands', async () => {
    expect(await type('itnio down nothing-like-it')).toBe(
      'No sandbox trunk has a keyId or name matching "nothing-like-it"',
    );
    expect(await type('itnio down acme')).toMatch(/^"acme" matches 40 sandbox trunks: acme-out-01 \(5000001\), /);
    expect(await type('itnio ip acme-out-01 12.325.353.2')).toMatch(/^gatewayIp must be an IP address/);
    expect(await type('itnio ip acme-out-01')).toMatch(/^Name the trunk, then the new IP/);
    expect(await type('itnio down')).toBe('Name the trunk, e.g. itnio down acme-out-01');
    expect(await type('itnio remove')).toBe('Name the trunk, e.g. itnio remove acme-out-01');
    expect(await type('itnio')).toMatch(/^Try itnio down <trunk>/);
    expect(await type('itnio reboot acme-out-01')).toMatch(/^There is no itnio reboot\. Try/);
    expect(trunk(5_000_001)).toMatchObject({ sipTrunkState: true, sipGatewayIp: null });
  });

  test('against the real vendor they say they need the sandbox', async () => {
    const vendorOnly = new ConsoleSession({
      world: { slack: world.slack, sender: world.sender },
      write: (l) => out.push(l),
      style: { color: false },
    });
    try {
      expect(await type('itnio down acme-out-01', vendorOnly)).toBe(
        'The itnio commands need the sandbox ITNIO API, but this demo talks to the real vendor: ' +
          'start it without ITNIO_API_KEY and ITNIO_API_SECRET to use the sandbox.',
      );
    } finally {
      vendorOnly.close();
    }
  });

  test('help lists every console command', () => {
    const help = CONSOLE_HELP.join('\n');
    for (const command of [
      '/trunks',
      '@trunkbot',
      'shortcut <pasted text>',
      'next, prev, refresh, share',
      'close',
      'home',
      'itnio down <trunk>',
      'itnio up <trunk>',
      'itnio disable <trunk>',
      'itnio enable <trunk>',
      'itnio ip <trunk> <ip>',
      'itnio add',
      'itnio remove <trunk>',
      'time',
      'time +1d',
      'time 09:00',
      'wait <seconds>',
      'help',
      'quit',
    ]) {
      expect(help).toContain(command);
    }
  });
});

describe('what the bot posts on its own', () => {
  test('wait shows alerts, their edit and the thread reply as they arrive', async () => {
    meanwhile = async () => {
      const bot = botClient();
      const channel = 'C0INCIDENT';
      const alert = await bot.chat.postMessage({ channel, text: ':red_circle: Gateway down: acme-out-01' });
      await bot.chat.update({ channel, ts: alert.ts!, text: ':large_green_circle: Recovered: acme-out-01' });
      await bot.chat.postMessage({ channel, thread_ts: alert.ts!, text: 'Back up after 4 minutes' });
    };
    const shown = await type('wait 6');
    expect(sleeps).toEqual([6000]);
    expect(shown.split('\n').filter((l) => l.startsWith('──'))).toEqual([
      expect.stringMatching(/^── #incident-123 · visible to everyone ─+$/),
      expect.stringMatching(/^── #incident-123 · edited ─+$/),
      expect.stringMatching(/^── #incident-123 · in thread · visible to everyone ─+$/),
    ]);
    expect(shown).toContain('[DOWN] Gateway down: acme-out-01');
    expect(shown).toContain('[UP] Recovered: acme-out-01');
    expect(shown).not.toContain('nothing from the bot');
    // All of it arrived while the console was busy with `wait`: no prompt to redraw.
    expect(unprompted).toBe(0);
  });

  test('wait says so when nothing came, and takes 1 to 120 seconds only', async () => {
    expect(await type('wait 2')).toBe('(nothing from the bot in 2 s)');
    for (const bad of ['wait', 'wait 0', 'wait 121', 'wait 1.5', 'wait soon']) {
      expect(await type(bad)).toBe('Give wait a whole number of seconds from 1 to 120, e.g. wait 6');
    }
    expect(sleeps).toEqual([2000]);
  });

  test('a post between inputs is shown at once, and the prompt can be redrawn after it', async () => {
    await botClient().chat.postMessage({ channel: 'C0ALERTS', text: ':red_circle: Gateway down: acme-in-01' });
    expect(out.join('\n')).toMatch(/── #C0ALERTS · visible to everyone ─+\n\[DOWN\] Gateway down: acme-in-01/);
    expect(unprompted).toBe(1);
    await type('/trunks acme');
    expect(unprompted).toBe(1);
  });
});
