import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { spawnTsx } from '../spawn-tsx.js';

export { REPO_ROOT } from '../spawn-tsx.js';

// The bots log every request at info; only the end of their output is kept, for error messages.
const TAIL_CHARS = 8_000;

/** What to start: a TypeScript entry under the tsx loader, with exactly this environment. */
export interface BotSpec {
  name: string;
  /** Path relative to the repository root. */
  entry: string;
  env: Record<string, string>;
  /** Matches the ready line; group 1 is the port. */
  ready: RegExp;
  /** A line after ready that ends start-up's own work (trunkbot's start-up checks): awaited, untimed, so none of it lands in a measurement. */
  settled?: RegExp;
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
  /** Calls `listener` with every complete stdout line from now on (the bots log JSON lines); returns how to stop. */
  onLine(listener: (line: string) => void): () => void;
  /** SIGTERM, then SIGKILL if it has not exited within 10 s. */
  stop(): Promise<void>;
}

/** Starts `spec.entry` from an empty directory (see spawnTsx) and waits for its ready line. */
export async function spawnBot(spec: BotSpec): Promise<BotProcess> {
  const startedAt = performance.now();
  const bot = spawnTsx(spec.entry, spec.env, {
    keepChars: TAIL_CHARS,
    ...(spec.nodeArgs && { nodeArgs: spec.nodeArgs }),
  });
  let ready: RegExpMatchArray;
  try {
    ready = await bot.waitForStdout(spec.ready, spec.readyTimeoutMs ?? 30_000);
  } catch (err) {
    await bot.stop();
    throw new Error(`${spec.name} did not get ready: ${(err as Error).message}`);
  }
  const readyMs = performance.now() - startedAt;
  if (spec.settled) {
    try {
      await bot.waitForStdout(spec.settled, spec.readyTimeoutMs ?? 30_000);
    } catch (err) {
      await bot.stop();
      throw new Error(`${spec.name} did not settle after start: ${(err as Error).message}`);
    }
  }
  const pid = bot.child.pid ?? 0;
  const lineListeners = new Set<(line: string) => void>();
  let partial = '';
  bot.child.stdout.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) for (const listener of lineListeners) listener(line);
  });
  return {
    name: spec.name,
    pid,
    port: Number(ready[1]),
    readyMs,
    peakRssMb: () => readStatusMb(pid, 'VmHWM'),
    rssMb: () => readStatusMb(pid, 'VmRSS'),
    exited: bot.exited,
    tail: bot.tail,
    onLine: (listener) => {
      lineListeners.add(listener);
      return () => {
        lineListeners.delete(listener);
      };
    },
    stop: async () => {
      await bot.stop();
    },
  };
}

function readStatusMb(pid: number, field: 'VmHWM' | 'VmRSS'): number | undefined {
  try {
    const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    // Not Linux, or the process is gone.
    return undefined;
  }
}
