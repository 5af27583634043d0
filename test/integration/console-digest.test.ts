import { ConsoleSession } from '../../devkit/console/console-session.js';
import { createMovableClock } from '../../devkit/sandbox/movable-clock.js';
import type { SandboxWorld } from '../../devkit/sandbox/sandbox-world.js';
import { startConsole, type ConsoleUnderTest } from '../support/start-console.js';

let world: SandboxWorld;
let out: string[];
let type: ConsoleUnderTest['type'];
let close: ConsoleUnderTest['close'];

beforeEach(async () => {
  const clock = createMovableClock();
  // As the demo runs it: timers on, the clock moved by the console.
  ({ world, out, type, close } = await startConsole({ now: clock.now }, (started) => ({
    style: { color: false, timeZone: 'Europe/London' },
    time: { clock, runDue: () => started.bot.digests.runDue(), timeZone: 'Europe/London' },
  })));
});

afterEach(() => close());

describe('time commands', () => {
  test('time 09:00 moves the bot’s clock to the next 09:00 and shows the digest it posts, once', async () => {
    expect(await type('/trunks digest 09:00 acme')).toMatch(
      /set up a daily digest in this channel: SIP trunks matching “acme”/,
    );
    const shown = await type('time 09:00');
    expect(shown).toMatch(
      /^\(the bot’s clock is now \w{3}, \d{1,2} \w{3} \d{4}, 09:00 Europe\/London\)\n+── #incident-123 · visible to everyone ─+$/m,
    );
    expect(shown).toContain('Daily digest · SIP trunks matching “acme”');
    expect(await type('time +30m')).toContain('(no digest is due)');
    const nextDay = await type('time +1d');
    expect(nextDay).toContain('Daily digest · SIP trunks matching “acme”');
  });

  test('time alone shows the clock; anything else says how to use it', async () => {
    expect(await type('time')).toMatch(/^\(the bot’s clock: .* Europe\/London\)$/);
    for (const bad of ['time -1d', 'time soon', 'time +2y']) {
      expect(await type(bad)).toBe('Try time +1d, time +2h, time +30m or time 09:00 (the clock only moves forward).');
    }
  });

  test('against the real vendor the time commands say they need the sandbox', async () => {
    const vendorOnly = new ConsoleSession({ world, write: (l) => out.push(l), style: { color: false } });
    try {
      expect(await type('time +1d', vendorOnly)).toMatch(/^The time commands need the sandbox ITNIO API/);
    } finally {
      vendorOnly.close();
    }
  });
});
