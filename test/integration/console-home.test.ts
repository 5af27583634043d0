import { startConsole, type ConsoleUnderTest } from '../support/start-console.js';

let type: ConsoleUnderTest['type'];
let close: ConsoleUnderTest['close'];

beforeEach(async () => {
  ({ type, close } = await startConsole({ manualPolling: true, env: { RATE_LIMIT_PER_USER: '0' } }));
});

afterEach(() => close());

/** The number the console gave the first button labelled `label` in `printed`. */
function numberOf(printed: string, label: string): string {
  const found = new RegExp(`\\[(\\d+)\\] ${label.replace(/[()]/g, '\\$&')}`).exec(printed);
  if (!found) throw new Error(`no [n] ${label} button in:\n${printed}`);
  return found[1]!;
}

describe('the Home tab in the console', () => {
  test('home shows it; its buttons answer in a DM, Details opens a modal, and numbers go back to Home after close', async () => {
    const home = await type('home');
    expect(home).toContain('── App Home · only visible to you');
    expect(home).toContain('trunkbot · Home');
    expect(home).toContain('SIP trunks at a glance');
    expect(home).toMatch(/Trunks\n120\n/);
    expect(home).toMatch(/\[1\] Down \(\d+\) {3}\[2\] Changed in 24 h \(\d+\) {3}\[3\] Stats {3}\[4\] ↻ Refresh/);
    expect(home).toContain('You have set up no watches.');

    const dm = await type('1');
    expect(dm).toContain('── direct message from trunkbot · only you and trunkbot');
    expect(dm).toMatch(/\d+ trunks · page 1 of 2 · \d+ down/);
    expect(dm).not.toMatch(/\] Share/);
    const next = await type('next');
    expect(next).toContain('── updated in place · direct message from trunkbot');
    expect(next).toContain('page 2 of 2');

    const again = await type('home');
    expect(again).toContain('── App Home');
    const details = await type(numberOf(again, 'Details'));
    expect(details).toContain('── modal · only visible to you');
    expect(await type('close')).toBe('(modal closed)');
    const stats = await type('3');
    expect(stats).toContain('── direct message from trunkbot');
    expect(stats).toContain('Summary of SIP trunks');
  });

  test('Remove on Home stops the watch, tells the channel and shows Home without it', async () => {
    await type('/trunks watch acme');
    const home = await type('home');
    expect(home).toContain('SIP trunks matching “acme” in #C0INCIDENT');
    const removed = await type(numberOf(home, 'Remove'));
    expect(removed).toMatch(
      /#incident-123 · visible to everyone[\s\S]*stopped the watch of SIP trunks matching “acme”/,
    );
    expect(removed).toContain('── App Home · only visible to you');
    expect(removed).toContain('You have set up no watches.');
  });
});
