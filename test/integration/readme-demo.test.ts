import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPackageJson } from '../../devkit/build/package-json.js';
import { BUTTON_WORDS } from '../../devkit/console/console-help.js';
import { ConsoleSession } from '../../devkit/console/console-session.js';
import { startSandboxWorld } from '../../devkit/sandbox/sandbox-world.js';
import { REPO_ROOT } from '../../devkit/spawn-tsx.js';
import { captureLogs } from '../support/capture-logs.js';
import { runNpm } from '../support/run-npm.js';

const HEADING = '## Two commands on a fresh machine';

/** The README's section on the demo, up to the next heading of its level. */
function demoSection(): string {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(HEADING);
  expect(start).toBeGreaterThan(-1);
  const end = readme.indexOf('\n## ', start + HEADING.length);
  return readme.slice(start, end === -1 ? undefined : end);
}

/** What must differ from run to run: ports, the log file's directory and pid, dates and times. */
function varying(text: string): string {
  return text
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>')
    .replace(/\S*trunkbot-demo-\d+\.log/g, '<tmp>/trunkbot-demo-<pid>.log')
    .replace(/\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2}(?::\d{2})?)?/g, '<date>');
}

/** Runs `npm run demo` as a reader would, with `input` piped in, and returns all it printed on stdout. */
function runDemo(input: string) {
  // Only PATH: a developer's npm settings (say, loglevel silent) or .env must not change what is printed.
  return runNpm(['run', 'demo'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', NO_UPDATE_NOTIFIER: '1' },
    input,
  });
}

describe('README: two commands on a fresh machine', () => {
  test('the transcript is what npm run demo prints for the input it shows', async () => {
    const block = /```text\n([\s\S]*?)```/.exec(demoSection())?.[1];
    expect(block).toBeDefined();
    const [command = '', ...printed] = block!.split('\n');
    const input = /^\$ printf '([^']*)' \| npm run demo$/.exec(command)?.[1];
    expect({ command, input }).toEqual({ command, input: expect.any(String) });

    const run = await runDemo(input!.replaceAll('\\n', '\n'));
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: expect.any(String) });
    expect(varying(run.stdout)).toBe(varying(printed.join('\n')));
  }, 30_000);

  test('the commands, mentions and button labels it suggests work as it says', async () => {
    const section = demoSection();
    const spans = (text: string) => [...text.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!);
    const buttonsBullet = /type the number or the label:([\s\S]*?)`Details` opens/.exec(section)?.[1] ?? '';
    const labels = spans(buttonsBullet).filter((label) => !/^details \(/i.test(label));
    const commands = spans(section).filter((span) => /^\/trunks \S/.test(span));
    // Mentions with filters; `@trunkbot` and `@trunkbot help` are described as giving the usage.
    const mentions = spans(section).filter((span) => /@trunkbot/.test(span) && !/^@trunkbot( help)?$/.test(span));
    expect(labels).toContain('list all 20 down');
    expect(commands).toContain('/trunks support tier 1');
    expect(mentions).toEqual(['@trunkbot incoming', 'hey @trunkbot in acme', 'outgoing acme @trunkbot']);

    const world = await startSandboxWorld({ logDestination: captureLogs().destination });
    const out: string[] = [];
    const session = new ConsoleSession({ world, write: (l) => out.push(l), style: { color: false } });
    const type = async (line: string): Promise<string> => {
      const from = out.length;
      await session.handle(line);
      return out.slice(from).join('\n');
    };
    try {
      const drawn = new Set<string>();
      for (const command of commands) {
        const answer = await type(command);
        expect({ command, answer }).toEqual({
          command,
          answer: expect.stringMatching(
            /^\n── only visible to you ─+\n(SIP trunks|Summary of SIP trunks).*\n\d+ trunks?\b/,
          ),
        });
        for (const [, label] of answer.matchAll(/\[\d+\] ([^[\n]+?)(?= {3}\[|$)/gm)) drawn.add(label!.toLowerCase());
      }
      for (const label of labels) {
        const known = BUTTON_WORDS.includes(label) || drawn.has(label.toLowerCase());
        expect({ label, known }).toEqual({ label, known: true });
      }
      for (const mention of mentions) {
        expect(await type(mention)).toMatch(
          /── #incident-123 · in thread · visible to everyone[\s\S]*trunks · page 1 of/,
        );
      }
    } finally {
      session.close();
      await world.close();
    }
  });

  test('the Node version it names is the one package.json requires', () => {
    const required = /^>=(\d+(?:\.\d+)*)$/.exec(readPackageJson().engines?.node ?? '')?.[1];
    expect(demoSection().split('\n')[0]).toBe(`${HEADING} (Node ${required}+)`);
  });
});
