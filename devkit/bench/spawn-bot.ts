import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root, so the bench runs the same from any working directory. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX_LOADER = pathToFileURL(join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

const TAIL_CHARS = 8_000;
const STOP_GRACE_MS = 10_000;

/** What to start: a TypeScript entry under the tsx loader, with exactly this environment. */
export interface BotSpec {
  name: string;
  /** Path relative to the repository root. */
  entry: string;
  env: Record<string, string>;
  /** Matches the ready line; group 1 is the port. */
  ready: RegExp;
  /** Extra Node flags, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  readyTimeoutMs?: number;
}

/** A bot process that printed its ready line. */
export interface BotProcess {
  readonly name: string;
  readonly pid: number;
  readonly port: number;
  /** spawn() → ready line seen on stdout. */
  readonly readyMs: number;
  /** VmHWM from /proc: the highest resident set size since the process started, in MB. */
  peakRssMb(): number | undefined;
  /** VmRSS from /proc: the resident set size now, in MB. */
  rssMb(): number | undefined;
  /** True once the process has exited, which during a run means it crashed. */
  exited(): boolean;
  /** The last few KB of stdout and stderr, for error messages. */
  tail(): string;
  /** SIGTERM, then SIGKILL if it has not exited within 10 s. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

// A bench that dies halfway must not leave bots listening on loopback.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Starts `spec.entry` as `node --import <tsx loader> <entry>` from an empty directory and waits for its ready line. */
export function spawnBot(spec: BotSpec): Promise<BotProcess> {
  // An empty working directory keeps a developer's ./.env out of the bot.
  const cwd = mkdtempSync(join(tmpdir(), `trunkbot-bench-${spec.name}-`));
  const startedAt = performance.now();
  const child = spawn(process.execPath, [...(spec.nodeArgs ?? []), '--import', TSX_LOADER, join(REPO_ROOT, spec.entry)], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...spec.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exit.then(() => {
    running.delete(child);
    rmSync(cwd, { recursive: true, force: true });
  });

  let stdout = '';
  let stderr = '';
  let readyAt: number | undefined;
  let port = 0;
  // The bots log every request at info; the pipe must keep draining or they would block on write.
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (readyAt === undefined) {
      const match = spec.ready.exec(stdout);
      if (match) {
        readyAt = performance.now();
        port = Number(match[1]);
        onReady();
      }
    }
    if (readyAt !== undefined && stdout.length > 2 * TAIL_CHARS) stdout = stdout.slice(-TAIL_CHARS);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-TAIL_CHARS);
  });

  const tail = (): string => `${stdout.slice(-TAIL_CHARS)}${stderr ? `\n[stderr]\n${stderr}` : ''}`.trim();
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exit;
    clearTimeout(timer);
  };

  let onReady: () => void = () => {};
  return new Promise<BotProcess>((resolve, reject) => {
    const timeoutMs = spec.readyTimeoutMs ?? 30_000;
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${spec.name} printed no ready line within ${timeoutMs} ms:\n${tail()}`));
    }, timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`${spec.name} could not be started: ${err.message}`));
    });
    void exit.then(() => {
      clearTimeout(timer);
      if (readyAt === undefined) reject(new Error(`${spec.name} exited (code ${child.exitCode}) before it was ready:\n${tail()}`));
    });
    onReady = () => {
      clearTimeout(timer);
      resolve({
        name: spec.name,
        pid: child.pid ?? 0,
        port,
        readyMs: (readyAt ?? NaN) - startedAt,
        peakRssMb: () => readStatusMb(child.pid, 'VmHWM'),
        rssMb: () => readStatusMb(child.pid, 'VmRSS'),
        exited: () => child.exitCode !== null || child.signalCode !== null,
        tail,
        stop,
      });
    };
  });
}

function readStatusMb(pid: number | undefined, field: 'VmHWM' | 'VmRSS'): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    // Not Linux, or the process is gone.
    return undefined;
  }
}
