import { availableParallelism, cpus, release, totalmem, type } from 'node:os';

/** The first lines of every report: what ran, when, on which Node and machine. */
export function runHeader(title: string): string[] {
  const cpu = cpus();
  return [
    `${title} · ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · Node ${process.version} · ${type()} ${release()}`,
    `machine: ${availableParallelism()} cores (nproc), ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM`,
  ];
}
