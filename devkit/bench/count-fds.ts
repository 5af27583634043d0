import { readdirSync, readlinkSync } from 'node:fs';

/** A process's open file descriptors, and how many of them are sockets (TCP, Unix, the IPC channel). */
export interface FdCount {
  fds: number;
  sockets: number;
}

/** Reads /proc/<pid>/fd (Linux); undefined elsewhere or when the process is gone. */
export function countFds(pid: number): FdCount | undefined {
  let names: string[];
  try {
    names = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return undefined;
  }
  let sockets = 0;
  for (const name of names) {
    try {
      if (readlinkSync(`/proc/${pid}/fd/${name}`).startsWith('socket:')) sockets += 1;
    } catch {
      // Closed between the listing and the read: it is not open any more.
    }
  }
  return { fds: names.length, sockets };
}
