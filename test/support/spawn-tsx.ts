import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

/** A TypeScript entry point run as its own Node process, with its output collected. */
export interface Spawned {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  waitForStdout(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
}

/**
 * Starts `entry` (relative to the repo root) under tsx with exactly `env` plus PATH, from an empty
 * working directory so that a developer's own .env cannot leak into the test.
 */
export function spawnTsx(entry: string, env: NodeJS.ProcessEnv, files: Record<string, string> = {}): Spawned {
  const cwd = mkdtempSync(join(tmpdir(), 'trunkbot-test-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(cwd, name), content);
  const child = spawn(process.execPath, ['--import', TSX, join(ROOT, entry)], {
    cwd,
    env: { PATH: process.env.PATH, ...env },
    stdio: 'pipe',
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exit,
    async waitForStdout(pattern, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const m = out.match(pattern);
        if (m) return m;
        if (Date.now() > deadline || child.exitCode !== null) {
          throw new Error(`no ${pattern} in output:\n${out}\n${err}`);
        }
        await new Promise((r) => setTimeout(r, 25));
      }
    },
  };
}
