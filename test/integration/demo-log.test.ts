import { existsSync, rmSync } from 'node:fs';
import { spawnTsx, type TsxProcess } from '../../devkit/spawn-tsx.js';

/** Starts the demo without a terminal and returns it with the log path it printed, once it is ready for input. */
async function startDemo(env: Record<string, string> = {}, args: string[] = []) {
  const demo = spawnTsx('devkit/console/demo.ts', { NO_COLOR: '1', ...env }, { args });
  started.push(demo);
  const [, path, note] = await demo.waitForStdout(/^Bot logs: (\S+)(?: \(([^)]*)\))?$/m);
  await demo.waitForStdout(/quit {3}leave/);
  return { demo, path: path!, note };
}

const started: TsxProcess[] = [];
const kept: string[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((demo) => demo.stop()));
  for (const path of kept.splice(0)) rmSync(path, { force: true });
});

async function quit(demo: TsxProcess): Promise<void> {
  demo.child.stdin.end('quit\n');
  expect((await demo.exit).code).toBe(0);
}

describe('the demo’s log file', () => {
  test('is removed when the demo ends, and the start says so', async () => {
    const { demo, path, note } = await startDemo();
    expect(note).toBe('removed on exit; start with --keep-log or KEEP_LOG=1 to keep it');
    expect(path).toMatch(/trunkbot-demo-\d+\.log$/);
    expect(existsSync(path)).toBe(true);
    await quit(demo);
    expect(existsSync(path)).toBe(false);
  });

  test('is removed when the demo is stopped by a signal', async () => {
    const { demo, path } = await startDemo();
    demo.child.kill('SIGTERM');
    expect(await demo.exit).toEqual({ code: 143, signal: null });
    expect(existsSync(path)).toBe(false);
  });

  test.each([
    ['--keep-log', {}, ['--keep-log']],
    ['KEEP_LOG=1', { KEEP_LOG: '1' }, []],
  ])('is kept with %s', async (_how, env, args) => {
    const { demo, path, note } = await startDemo(env, args);
    kept.push(path);
    expect(note).toBe('kept');
    await quit(demo);
    expect(existsSync(path)).toBe(true);
  });
});
