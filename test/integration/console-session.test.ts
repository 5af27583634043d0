import { ConsoleSession } from '../../devkit/console/console-session.js';
import { startSandboxWorld, type SandboxWorld } from '../../devkit/sandbox/sandbox-world.js';
import type { SlackSender } from '../../devkit/sandbox/slack-sender.js';
import { captureLogs } from '../support/capture-logs.js';
import { startConsole, type ConsoleUnderTest } from '../support/start-console.js';

let world: SandboxWorld;
let out: string[];
let session: ConsoleSession;
let type: ConsoleUnderTest['type'];
let close: ConsoleUnderTest['close'];

beforeEach(async () => {
  ({ world, out, session, type, close } = await startConsole());
});

afterEach(() => close());

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
    expect(shared).toMatch(/\[\d+\] ‹ Prev {3}\[\d+\] ↻ Refresh {3}\[\d+\] Export CSV\n/);
    expect(shared).not.toContain('Share');

    // The shared copy stays as shared: its Prev gives the presser a private page 1 with a Share of its own.
    const back = await type('prev');
    expect(back).toContain('── only visible to you');
    expect(back).toMatch(/page 1 of 2 · \d+ down\n/);
    expect(back).not.toContain('shared by');
    expect(back).toMatch(/\[\d+\] Share/);
  });

  test('export sends the list as a file to the DM, shown with its name, size and first lines', async () => {
    await type('/trunks in globex');
    const exported = await type('export');
    expect(exported).toContain('── direct message from trunkbot · only visible to you · file');
    expect(exported).toMatch(
      /\[file\] trunks-incoming-globex-\d{8}-\d{4}\.csv — Incoming trunks matching “globex” \(5 trunks\) · [\d.]+ KB · 6 lines/,
    );
    expect(exported).toContain('  ID,Name,Direction,Enabled,Gateway up,');
    expect(exported).toContain('  … 2 more');
    expect(exported).toContain('Exported by @U0SUPPORT1');
    expect(exported).toMatch(/── only visible to you ─+\n\[file\] I sent you trunks-incoming-globex-/);
  });

  test('a mention answers in the thread, visible to everyone', async () => {
    const answer = await type('@trunkbot incoming globex');
    expect(answer).toContain('── #incident-123 · in thread · visible to everyone');
    expect(answer).toContain('Incoming trunks matching “globex”');
  });

  test('what the bot whispers to a mention is shown: usage, help, a typo, a refusal', async () => {
    for (const line of ['@trunkbot', '@trunkbot help']) {
      const usage = await type(line);
      expect(usage).toMatch(
        /^\n── #incident-123 · in thread · only visible to you ─+\ntrunkbot lists the company’s SIP trunks/,
      );
    }
    const typo = await type('@trunkbot outgoign');
    expect(typo).toContain('── #incident-123 · in thread · only visible to you');
    expect(typo).toContain('[!] Did you mean outgoing instead of outgoign?');

    const guarded = await startSandboxWorld({
      logDestination: captureLogs().destination,
      env: { ALLOWED_USER_IDS: 'U0SOMEONE', ACCESS_CONTACT: '#trunkbot-admins' },
    });
    const outsider = new ConsoleSession({ world: guarded, write: (l) => out.push(l), style: { color: false } });
    try {
      const refusal = await type('@trunkbot acme', outsider);
      expect(refusal).toMatch(/^\n── #incident-123 · in thread · only visible to you ─+\n⛔ .*#trunkbot-admins/);
    } finally {
      outsider.close();
      await guarded.close();
    }
  });

  test('a mention anywhere in the line is sent as Slack sends it, with <@bot> where it was typed', async () => {
    const mentions: string[] = [];
    const sender = Object.create(world.sender) as SlackSender;
    sender.appMention = (args) => {
      mentions.push(args.text);
      return world.sender.appMention(args);
    };
    const recording = new ConsoleSession({
      world: { ...world, sender },
      write: (l) => out.push(l),
      style: { color: false },
    });
    try {
      const inside = await type('hey @trunkbot in acme', recording);
      expect(inside).toContain('── #incident-123 · in thread · visible to everyone');
      expect(inside).toContain('Incoming trunks matching “acme”');
      expect(await type('outgoing acme @trunkbot', recording)).toContain('Outgoing trunks matching “acme”');
      expect(await type('@Trunk-Bot: down', recording)).toContain('── #incident-123 · in thread');
      // Inside a slash command or a pasted message the name is just text.
      expect(await type('/trunks hey @trunkbot', recording)).toContain('── only visible to you');
      await type('shortcut ask @trunkbot about 203.0.113.47', recording);
      expect(mentions).toEqual(['hey <@U0TRUNKBOT> in acme', 'outgoing acme <@U0TRUNKBOT>', '<@U0TRUNKBOT>: down']);
    } finally {
      recording.close();
    }
  });

  test('a slow answer shows its note, then the answer, before the next input is read', async () => {
    // Two vendor pages at 1.2 s each: the note comes at 0.7 s, the answer with the second page at ~2.4 s.
    world.sandbox!.setLatency(1_200);
    const slow = await type('/trunks acme');
    expect(slow).toContain('⏳ Asking ITNIO…');
    expect(slow.slice(slow.indexOf('Asking'))).toMatch(/SIP trunks matching “acme”\n40 trunks · page 1 of 4/);
  });

  test('help shows console keys and the bot usage', async () => {
    const help = await type('help');
    expect(help).toContain('click a button on the open modal, else on Home or the latest message');
    expect(help).toContain('shortcut <pasted text>');
    expect(help).toContain('/trunks outgoing acme');
    expect(help).toContain('Direction:');
  });

  test('buttons that do not exist, and other slash commands, are explained', async () => {
    for (const word of ['next', 'Refresh', 'details', 'share to channel', 'remove']) {
      expect(await type(word)).toContain('No message with buttons yet');
    }
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
