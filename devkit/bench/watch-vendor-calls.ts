import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { RecordedRequest } from '../sandbox/itnio-server.js';

/** What the sandbox was asked while a snapshot was built. */
export interface VendorCalls {
  calls: number;
  /** Page size asked for → how many calls asked for it. */
  sizes: Map<number, number>;
  /** Distinct page numbers asked for. */
  distinctPages: number;
  /** Calls that sent a direction or name filter: a snapshot asks for the unfiltered list. */
  filtered: number;
  /** Calls not answered with success. */
  failures: number;
  /** Most calls the sandbox held at once. */
  peakInFlight: number;
}

interface ServerMessage {
  request: IncomingMessage;
  response: ServerResponse;
  socket: Socket;
}

const STARTED = 'http.server.request.start';
const FINISHED = 'http.server.response.finish';

/**
 * Counts the sandbox's open requests while `work` runs. The sandbox runs in this process, so Node's
 * HTTP server diagnostics channels see each request arrive and its answer finish (after the added
 * latency), on the sandbox's port only; the sandbox itself needs no change.
 */
export async function watchVendorCalls<T>(
  sandboxUrl: string,
  work: () => Promise<T>,
): Promise<{ result: T; peak: number }> {
  const port = Number(new URL(sandboxUrl).port);
  let open = 0;
  let peak = 0;
  const started = (message: unknown) => {
    if ((message as ServerMessage).socket.localPort !== port) return;
    open += 1;
    peak = Math.max(peak, open);
  };
  const finished = (message: unknown) => {
    if ((message as ServerMessage).socket.localPort === port) open -= 1;
  };
  subscribe(STARTED, started);
  subscribe(FINISHED, finished);
  try {
    return { result: await work(), peak };
  } finally {
    unsubscribe(STARTED, started);
    unsubscribe(FINISHED, finished);
  }
}

/** Sizes, pages and filters of the recorded calls, with the peak in flight seen by `watchVendorCalls`. */
export function summarizeVendorCalls(requests: readonly RecordedRequest[], peakInFlight: number): VendorCalls {
  const sizes = new Map<number, number>();
  const pages = new Set<unknown>();
  let filtered = 0;
  let failures = 0;
  for (const { body, httpStatus, vendorStatus } of requests) {
    const { size, current, params } = (body ?? {}) as { size?: unknown; current?: unknown; params?: unknown };
    const n = typeof size === 'number' ? size : Number.NaN;
    sizes.set(n, (sizes.get(n) ?? 0) + 1);
    pages.add(current);
    const p = (params ?? {}) as Record<string, unknown>;
    if ((p.type ?? null) !== null || (p.sipTrunkName ?? null) !== null) filtered += 1;
    if (httpStatus !== 200 || vendorStatus !== 0) failures += 1;
  }
  return { calls: requests.length, sizes, distinctPages: pages.size, filtered, failures, peakInFlight };
}
