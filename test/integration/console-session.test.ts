import { ConsoleSession } from '../../devkit/console/console-session.js';
import { startSandboxWorld, type SandboxWorld } from '../../devkit/sandbox/sandbox-world.js';
import { captureLogs } from '../support/capture-logs.js';

let world: SandboxWorld;
let out: string[];
let session: ConsoleSession;

beforeEach(async () => {
  world = await startSandboxWorld({ logDestination: captureLogs().destination });
  out = [];
  session = new ConsoleSession({ world, write: (l) => out.push(l), style: { color: false, timeZone: 'UTC' } });
});

afterEach(async () => {
  session.close();
  await world.close();
});

/** Types one line and returns what the console printed for it. */
async function type(line: string): Promise<string> {
  const from = out.length;
  expect(await session.handle(line)).toBe('continue');
  return out.slice(from).join('\n');
}

describe('console session', () => {
  test('command → page 1 → next → page 2 → share', async () => {
    const page1 = await type('/trunks outgoing acme');
    expect(page1).toContain('── only visible to you');
    expect(page1).toMatch(/Outgoing trunks matching “acme”\n\d+ trunks · page 1 of 2/);
    expect(page1).toMatch(/\[\d+\] Next › {3}\[\d+\] ↻ Refresh {3}\[\d+\] Share/);
    expect(page1).toContain('[1] Details');
    expect(page1).toMatch(/\[(UP|DOWN|\?)\] /);
    expect(page1).not.toMatch(/\u001b\[/);

    const page2 = await type('next');
    expect(page2).toContain('── updated in place · only visible to you');
    expect(page2).toContain('page 2 of 2');
    expect(page2).toMatch(/\[\d+\] ‹ Prev {3}\[\d+\] ↻ Refresh {3}\[\d+\] Share/);

    const shared = await type('share');
    expect(shared).toContain('── #incident-123 · visible to everyone');
    expect(shared).toMatch(/page 2 of 2 · \d+ down {2}· {2}shared by @U0SUPPORT1/);
    expect(shared).toContain('(trunkbot removed the message that was only visible to you)');
    expect(shared).toMatch(/\[\d+\] ‹ Prev {3}\[\d+\] ↻ Refresh\n/);
    expect(shared).not.toContain('Share');

    // The shared copy stays as shared: its Prev gives the presser a private page 1 with a Share of its own.
    const back = await type('prev');
    expect(back).toContain('── only visible to you');
    expect(back).toMatch(/page 1 of 2 · \d+ down\n/);
    expect(back).not.toContain('shared by');
    expect(back).toMatch(/\[\d+\] Share/);
  });

  test('a mention answers in the thread, visible to everyone', async () => {
    const answer = await type('@trunkbot incoming globex');
    expect(answer).toContain('── #incident-123 · in thread · visible to everyone');
    expect(answer).toContain('Incoming trunks matching “globex”');
  });

  test('help shows console keys and the bot usage', async () => {
    const help = await type('help');
    expect(help).toContain('click a button on the open modal, else on Home or the latest message');
    expect(help).toContain('shortcut <pasted text>');
    expect(help).toContain('/trunks outgoing acme');
    expect(help).toContain('Direction:');
  });

  test('buttons that do not exist, and other slash commands, are explained', async () => {
    expect(await type('next')).toContain('No message with buttons yet');
    await type('/trunks acme');
    expect(await type('99')).toContain('There is no button "99"');
    expect(await type('/giphy cats')).toContain('Only /trunks is installed here');
  });

  test('bare words are read as /trunks arguments', async () => {
    expect(await type('incoming acme')).toContain('Incoming trunks matching “acme”');
  });

  test('renders Slack escapes and markup in names as text', async () => {
    const page = await type('name:hooli');
    expect(page).toContain('Hooli <!channel> & <@U123>');
  });

  test('quit ends the session', async () => {
    expect(await session.handle('quit')).toBe('quit');
  });
});
