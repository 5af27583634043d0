import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkAuth, readAuthHeaders } from './check-auth.js';
import { formatVendorTime } from './format-vendor-time.js';
import { pageTrunks, parseTrunkQuery } from './query-trunks.js';
import { readBody } from './read-body.js';
import { seedTrunks, type RawTrunk } from './seed-trunks.js';
import { isTrunkControlPath, serveTrunkControl } from './serve-trunk-control.js';
import { createTrunkControl, type TrunkControl } from './trunk-control.js';
import { GARBAGE_BODY, VENDOR_STATUS, vendorError } from './vendor-envelope.js';

/** API key the sandbox accepts unless told otherwise. */
export const SANDBOX_API_KEY = 'sandbox-key';
/** API secret the sandbox signs with unless told otherwise. */
export const SANDBOX_API_SECRET = 'sandbox-secret';
/** The one endpoint the sandbox serves. */
export const SANDBOX_QUERY_PATH = '/v3/cc/sipTrunk/query';

const BODY_LIMIT_BYTES = 64 * 1024;
const JSON_TYPE = 'application/json;charset=UTF-8';

/** A misbehaviour to play instead of the normal answer. */
export type SandboxFault =
  | { kind: 'http'; status: number }
  | { kind: 'hang' }
  | { kind: 'garbage' }
  | { kind: 'vendor-status'; status: number; reason?: string };

/** One request to the endpoint as the sandbox saw and answered it; `httpStatus` 0 means it was left hanging. */
export interface RecordedRequest {
  apiKey?: string;
  timestamp?: string;
  sign?: string;
  body: unknown;
  vendorStatus?: number;
  httpStatus: number;
}

/** How to start the sandbox; every field has a sandbox default. */
export interface SandboxOptions {
  port?: number;
  host?: string;
  apiKey?: string;
  apiSecret?: string;
  /** The inventory to serve (copied: changes never reach the caller's array); without it a seeded one. */
  trunks?: RawTrunk[];
  /** How many seeded trunks to serve (default 120, the base inventory other tests count on). */
  trunkCount?: number;
  /** The zone seeded times are written in (default UTC): tell the bot the same with ITNIO_TIMEZONE. */
  timeZone?: string;
  latencyMs?: number;
  clockWindowSeconds?: number;
  now?: () => number;
  onRequest?: (request: RecordedRequest) => void;
  /** Told each change to the trunks, in words, e.g. `acme-out-01 gateway is now down`. */
  onTrunkChange?: (description: string) => void;
}

/**
 * A running sandbox ITNIO API with knobs for latency and faults, whose trunks can change while it runs
 * (by method, or over HTTP at `/_sandbox/trunks`).
 */
export interface ItnioSandbox extends TrunkControl {
  readonly url: string;
  readonly apiKey: string;
  readonly apiSecret: string;
  /** The trunks as served now: changes replace entries, so an entry read earlier stays as it was. */
  readonly trunks: readonly RawTrunk[];
  readonly requests: RecordedRequest[];
  setLatency(ms: number): void;
  inject(fault: SandboxFault, times?: number): void;
  clearFaults(): void;
  close(): Promise<void>;
}

/** Starts the sandbox on a loopback port (a free one unless `port` is given). */
export function startItnioSandbox(options: SandboxOptions = {}): Promise<ItnioSandbox> {
  const apiKey = options.apiKey ?? SANDBOX_API_KEY;
  const apiSecret = options.apiSecret ?? SANDBOX_API_SECRET;
  const host = options.host ?? '127.0.0.1';
  const now = options.now ?? Date.now;
  const timeZone = options.timeZone ?? 'UTC';
  const trunks = options.trunks
    ? [...options.trunks]
    : seedTrunks({ count: checkCount(options.trunkCount), now: now(), timeZone });
  const control = createTrunkControl(trunks, () => formatVendorTime(now(), timeZone), options.onTrunkChange);
  const clockWindowSeconds = options.clockWindowSeconds ?? 300;
  let latencyMs = checkLatency(options.latencyMs ?? 0);
  const faults: { fault: SandboxFault; remaining: number }[] = [];
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let successes = 0;

  function send(res: ServerResponse, status: number, contentType: string, body: string): void {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (res.destroyed) return;
      // The sandbox's own clock, not Node's: a client measures its skew against the vendor from this header.
      const date = new Date(now()).toUTCString();
      res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body), Date: date });
      res.end(body);
    }, latencyMs);
    timers.add(timer);
  }

  function takeFault(): SandboxFault | undefined {
    const head = faults[0];
    if (!head) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) faults.shift();
    return head.fault;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://sandbox').pathname;
    // The sandbox's own control answers at once: latency and faults play the vendor, not the sandbox.
    if (isTrunkControlPath(path)) return serveTrunkControl(req, res, path, control);
    if (req.method !== 'POST' || path !== SANDBOX_QUERY_PATH) {
      req.resume();
      const body = { status: 404, error: 'Not Found', message: `Only POST ${SANDBOX_QUERY_PATH} exists here`, path };
      send(res, 404, JSON_TYPE, JSON.stringify(body));
      return;
    }
    const auth = readAuthHeaders(req.headers);
    const raw = await readBody(req, BODY_LIMIT_BYTES);
    const body = raw.tooLarge ? undefined : parseJson(raw.text);
    const record = (httpStatus: number, vendorStatus?: number): void => {
      const entry: RecordedRequest = { ...auth, body: body?.ok ? body.value : body?.text, httpStatus, vendorStatus };
      requests.push(entry);
      options.onRequest?.(entry);
    };
    const answer = (vendorStatus: number, envelope: unknown): void => {
      record(200, vendorStatus);
      send(res, 200, JSON_TYPE, JSON.stringify(envelope));
    };

    if (body === undefined) {
      record(413);
      res.setHeader('Connection', 'close');
      send(res, 413, 'text/plain', `Request body over ${BODY_LIMIT_BYTES} bytes`);
      return;
    }
    const fault = takeFault();
    if (fault?.kind === 'http') {
      record(fault.status);
      send(res, fault.status, 'text/plain', `Sandbox fault: HTTP ${fault.status}`);
      return;
    }
    if (fault?.kind === 'hang') {
      // No answer at all: close() ends the socket through closeAllConnections().
      record(0);
      return;
    }
    if (fault?.kind === 'garbage') {
      record(200);
      send(res, 200, JSON_TYPE, GARBAGE_BODY);
      return;
    }
    if (fault?.kind === 'vendor-status') return answer(fault.status, vendorError(fault.status, fault.reason));

    const authError = checkAuth(auth, { apiKey, apiSecret, nowMs: now(), clockWindowSeconds });
    if (authError) return answer(authError.status, authError);
    const query = body.ok ? parseTrunkQuery(body.value) : null;
    if (!query) return answer(VENDOR_STATUS.parameterException, vendorError(VENDOR_STATUS.parameterException));
    // The vendor's examples send a successful status both as "0" and as 0: clients must accept either.
    const status = successes++ % 2 === 0 ? '0' : 0;
    answer(0, { status, reason: 'success', data: pageTrunks(trunks, query) });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });

  let closing: Promise<void> | undefined;
  function close(): Promise<void> {
    closing ??= new Promise((resolve) => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
        apiKey,
        apiSecret,
        trunks,
        requests,
        setLatency: (ms) => {
          latencyMs = checkLatency(ms);
        },
        inject: (fault, times = 1) => {
          faults.push({ fault: checkFault(fault), remaining: checkTimes(times) });
        },
        clearFaults: () => {
          faults.length = 0;
        },
        close,
        ...control,
      });
    });
  });
}

type ParsedBody = { ok: true; value: unknown } | { ok: false; text: string };

function parseJson(text: string): ParsedBody {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, text };
  }
}

function checkLatency(ms: number): number {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`Latency must be a finite number of ms >= 0, got ${ms}`);
  return ms;
}

function checkCount(count: number | undefined): number | undefined {
  if (count !== undefined && !(Number.isInteger(count) && count >= 0)) {
    throw new RangeError(`Trunk count must be a whole number >= 0, got ${count}`);
  }
  return count;
}

function checkTimes(times: number): number {
  if (times !== Infinity && !(Number.isInteger(times) && times >= 1)) {
    throw new RangeError(`Fault count must be a whole number >= 1 or Infinity, got ${times}`);
  }
  return times;
}

function checkFault(fault: SandboxFault): SandboxFault {
  // 1xx codes are not final answers in HTTP, and Node refuses codes outside 100..999.
  if (fault.kind === 'http' && !(Number.isInteger(fault.status) && fault.status >= 200 && fault.status <= 599)) {
    throw new RangeError(`HTTP fault status must be 200..599, got ${fault.status}`);
  }
  if (fault.kind === 'vendor-status' && !Number.isInteger(fault.status)) {
    throw new RangeError(`Vendor fault status must be an integer, got ${fault.status}`);
  }
  return fault;
}
