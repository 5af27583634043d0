import { availableParallelism, cpus, loadavg, release, totalmem, type } from 'node:os';

/** The first lines of every report: what ran, when, on which Node and machine, and how busy the machine was. */
export function runHeader(title: string): string[] {
  const cpu = cpus();
  // Other work on the machine is the largest source of noise between runs: say how much there was.
  const load = loadavg().map((n) => n.toFixed(1));
  return [
    `${title} · ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · Node ${process.version} · ${type()} ${release()}`,
    `machine: ${availableParallelism()} cores (nproc), ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM`,
    `load average at the end (1 / 5 / 15 min): ${load.join(' / ')} — the bench itself adds about 1 to 2`,
  ];
}
