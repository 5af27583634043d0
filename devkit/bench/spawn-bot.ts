import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { spawnTsx } from '../spawn-tsx.js';
import type { ProbeRequest, ProbeSample } from './bench-probe.js';
import { countFds, type FdCount } from './count-fds.js';

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
  /** Load bench-probe.ts into it, with `--expose-gc`, so that `sample()` works. */
  probe?: boolean;
  /** Run the compiled JavaScript in this directory (compile-bots.ts) rather than the TypeScript under tsx. */
  compiledRoot?: string;
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
  /** Its CPU time and memory now, after a forced GC when `gc` is set; only for a spec with `probe`. */
  sample(gc?: boolean): Promise<ProbeSample>;
  /** Its open file descriptors and sockets now (Linux). */
  fds(): FdCount | undefined;
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
    nodeArgs: [...(spec.probe ? ['--expose-gc'] : []), ...(spec.nodeArgs ?? [])],
    ...(spec.probe && { imports: [PROBE_ENTRY], ipc: true }),
    ...(spec.compiledRoot !== undefined && { compiledRoot: spec.compiledRoot }),
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
  let probes = 0;
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
    sample: async (gc = false) => {
      if (!spec.probe) throw new Error(`${spec.name} was started without the probe`);
      const probe = ++probes;
      const answered = waitForSample(bot.child, probe);
      bot.child.send({ probe, gc } satisfies ProbeRequest);
      return answered;
    },
    fds: () => countFds(pid),
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

/** The probe loaded into a bot started with `probe`, relative to the repository root. */
export const PROBE_ENTRY = 'devkit/bench/bench-probe.ts';
const PROBE_TIMEOUT_MS = 10_000;

/** The probe's answer numbered `probe`; rejects if the process exits or stays silent. */
function waitForSample(child: NodeJS.EventEmitter, probe: number): Promise<ProbeSample> {
  return new Promise((resolve, reject) => {
    const finish = (error: Error | undefined, sample?: ProbeSample): void => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(sample!);
    };
    const onMessage = (message: unknown): void => {
      if ((message as ProbeSample | null)?.probe === probe) finish(undefined, message as ProbeSample);
    };
    const onExit = (): void => finish(new Error('the process exited before answering the probe'));
    const timer = setTimeout(
      () => finish(new Error(`no probe answer within ${PROBE_TIMEOUT_MS / 1000} s`)),
      PROBE_TIMEOUT_MS,
    );
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
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
