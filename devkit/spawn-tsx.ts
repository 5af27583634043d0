import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root, so entries resolve the same from any working directory. */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const TSX_LOADER = pathToFileURL(join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

const STOP_GRACE_MS = 10_000;

/** How to start the entry, beyond its environment. */
export interface SpawnTsxOptions {
  /** Files written into the (otherwise empty) working directory first, e.g. a `.env`. */
  files?: Record<string, string>;
  /** Node flags placed before the loader, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  /** Modules (relative to the repository root) imported after the loader and before the entry, e.g. a probe. */
  imports?: string[];
  /** Open an IPC channel to the child (`child.send`, `process.send` in it). */
  ipc?: boolean;
  /** Arguments after the entry, e.g. `['--trunks', '10000']`. */
  args?: string[];
  /** Keep only about this many of the latest characters of each stream; everything when unset. */
  keepChars?: number;
  /**
   * A directory holding the entries built to JavaScript (devkit/build/bundle.ts, devkit/bench/compile-bots.ts):
   * the entry and `imports` run from there as plain `node`, without tsx, as a deployment runs `dist/`.
   */
  compiledRoot?: string;
}

/** How a spawned process ended. */
export interface TsxExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A TypeScript entry running as its own Node process, with its output collected. */
export interface TsxProcess {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  exit: Promise<TsxExit>;
  /** True once the process has exited. */
  exited(): boolean;
  /** The last few KB of stdout and stderr, for error messages. */
  tail(): string;
  /** Resolves with the first match of `pattern` in stdout; rejects if the process exits or `timeoutMs` passes first. */
  waitForStdout(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<TsxExit>;
}

const running = new Set<ChildProcessWithoutNullStreams>();

// A bench or test that dies halfway must not leave processes listening on loopback.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Starts `entry` (relative to the repository root) as `node --import <tsx loader> <entry>` with exactly
 * `env` plus PATH, from a fresh empty working directory so that a developer's own ./.env cannot leak in.
 */
export function spawnTsx(
  entry: string,
  env: Record<string, string | undefined>,
  options: SpawnTsxOptions = {},
): TsxProcess {
  const cwd = mkdtempSync(join(tmpdir(), 'trunkbot-spawn-'));
  for (const [name, content] of Object.entries(options.files ?? {})) writeFileSync(join(cwd, name), content);
  const { compiledRoot } = options;
  const file = (path: string) =>
    compiledRoot ? join(compiledRoot, path.replace(/\.ts$/, '.js')) : join(REPO_ROOT, path);
  const imports = (options.imports ?? []).flatMap((path) => ['--import', pathToFileURL(file(path)).href]);
  const loader = compiledRoot ? [] : ['--import', TSX_LOADER];
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), ...loader, ...imports, file(entry), ...(options.args ?? [])],
    {
      cwd,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: options.ipc ? ['pipe', 'pipe', 'pipe', 'ipc'] : 'pipe',
    },
  ) as ChildProcessWithoutNullStreams;
  running.add(child);
  // 'close', not 'exit': only then has all of the output been read, so a caller can assert on it.
  const exit = new Promise<TsxExit>((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  void exit.then(() => {
    running.delete(child);
    rmSync(cwd, { recursive: true, force: true });
  });
  const exited = (): boolean => child.exitCode !== null || child.signalCode !== null;

  let out = '';
  let err = '';
  // A process that cannot be started (or signalled) reports it here; without a listener it would throw.
  child.on('error', (error) => {
    err += `\n[${error.message}]`;
  });
  // A long-running bot logs every request: trim in batches so memory stays bounded at little cost.
  const trim = (text: string): string =>
    options.keepChars !== undefined && text.length > 2 * options.keepChars ? text.slice(-options.keepChars) : text;
  const tail = (): string => `${out.slice(-8_000)}${err ? `\n[stderr]\n${err.slice(-8_000)}` : ''}`.trim();
  const stdoutSeen = new Set<() => void>();
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    // Waiters look before trimming, so a line is never cut away before it was matched.
    for (const look of [...stdoutSeen]) look();
    out = trim(out);
  });
  child.stderr.on('data', (chunk: Buffer) => {
    err = trim(err + chunk.toString());
  });

  const waitForStdout = (pattern: RegExp, timeoutMs = 15_000): Promise<RegExpMatchArray> =>
    new Promise((resolve, reject) => {
      const finish = (error: Error | undefined, match?: RegExpMatchArray): void => {
        clearTimeout(timer);
        stdoutSeen.delete(look);
        if (error) reject(error);
        else resolve(match!);
      };
      const look = (): void => {
        const match = out.match(pattern);
        if (match) finish(undefined, match);
      };
      const timer = setTimeout(
        () => finish(new Error(`${entry}: no ${pattern} on stdout within ${timeoutMs} ms:\n${tail()}`)),
        timeoutMs,
      );
      stdoutSeen.add(look);
      void exit.then(({ code, signal }) => {
        if (stdoutSeen.has(look))
          finish(new Error(`${entry} exited (code ${code}, signal ${signal}) before printing ${pattern}:\n${tail()}`));
      });
      look();
    });

  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exit,
    exited,
    tail,
    waitForStdout,
    async stop(graceMs = STOP_GRACE_MS) {
      if (exited()) return exit;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const ended = await exit;
      clearTimeout(timer);
      return ended;
    },
  };
}
