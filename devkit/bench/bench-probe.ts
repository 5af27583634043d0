import { getHeapSpaceStatistics } from 'node:v8';

/**
 * Loaded into each benchmarked process with `--import` (after tsx's loader): answers the bench over
 * the IPC channel with the process's own CPU time and memory, after a full GC when asked (the process
 * runs with `--expose-gc`). Neither bot knows it is there; both get it, so its cost is the same.
 */

/** What the bench asks: a sample, after a forced GC or not. */
export interface ProbeRequest {
  probe: number;
  gc: boolean;
}

/** What the process answers: `process.cpuUsage()` and its heap at that moment (the bench reads RSS from /proc). */
export interface ProbeSample {
  probe: number;
  /** User + system CPU time since the process started, in µs (every thread: JS, GC helpers, libuv). */
  cpuUs: number;
  heapUsed: number;
  /** Of heapUsed, compiled code (code spaces): it grows as the JIT optimises more, without any leak. */
  codeUsed: number;
  heapTotal: number;
}

type Gc = () => void;

process.on('message', (message: unknown) => {
  const request = message as Partial<ProbeRequest> | null;
  if (typeof request?.probe !== 'number') return;
  const gc = (globalThis as { gc?: Gc }).gc;
  if (request.gc && gc) {
    // Twice: the first full GC runs finalizers and weak callbacks that free more for the second.
    gc();
    gc();
  }
  const cpu = process.cpuUsage();
  const memory = process.memoryUsage();
  const sample: ProbeSample = {
    probe: request.probe,
    cpuUs: cpu.user + cpu.system,
    heapUsed: memory.heapUsed,
    codeUsed: getHeapSpaceStatistics()
      .filter((space) => space.space_name.startsWith('code'))
      .reduce((sum, space) => sum + space.space_used_size, 0),
    heapTotal: memory.heapTotal,
  };
  process.send?.(sample);
});
// Listening for messages holds the channel open; the process must still exit when its work is done.
process.channel?.unref();
