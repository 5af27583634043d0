import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { Got } from 'got';
import type { Trunk, TrunkPage } from '../trunks/trunk.js';
import { callSignal } from '../with-timeout.js';
import { envelopeSchema, pageDataSchema, trunkSchema, type TrunkFilter } from './schema.js';
import { credentialTagger } from './credential-tag.js';
import { ItnioError, fromVendorStatus } from './errors.js';
import { signedHeaders } from './sign.js';

export const TRUNK_QUERY_PATH = 'v3/cc/sipTrunk/query';

export interface ItnioClientOptions {
  apiUrl: string;
  apiKey: string;
  apiSecret: string;
  /** Per-attempt timeout. */
  timeoutMs: number;
  /** Retries after the first attempt, on network errors, 429 and 5xx. */
  retries?: number;
  /** Hard ceiling for one query including retries, so a user always hears back. */
  deadlineMs?: number;
  /** Clock for the `Timestamp` header and `fetchedAt`; injectable so tests can see every attempt re-signed. */
  now?: () => number;
}

export interface TrunkQuery {
  page: number;
  size: number;
  filter: TrunkFilter;
  /** Aborts the query early, e.g. when the process is shutting down. */
  signal?: AbortSignal;
  /**
   * Fingerprint each record's SIP password (`credentialTag`): snapshots need it, for watches to see
   * credentials change; a page shown to a user does not, and skips an HMAC per record.
   */
  credentials?: boolean;
}

/** A page of trunks, when ITNIO produced it, and how long this caller waited for ITNIO. */
export interface TrunkQueryResult extends TrunkPage {
  latencyMs: number;
  /** Epoch ms at which ITNIO answered; a shared answer keeps its original time. */
  fetchedAt: number;
}

/** The one vendor call the bot makes. */
export interface ItnioClient {
  queryTrunks(query: TrunkQuery): Promise<TrunkQueryResult>;
  close(): void;
}

const RETRY_STATUS = [429, 500, 502, 503, 504];

/** The most one query may take, retries included: bounded so a user always hears back within ~15 s. */
export function queryDeadlineMs(timeoutMs: number, retries = 2): number {
  return Math.min(15_000, timeoutMs * (retries + 1) + 1_000);
}

/** Builds the signed, retrying, keep-alive ITNIO client. */
export function createItnioClient(options: ItnioClientOptions): ItnioClient {
  const { apiKey, apiSecret, timeoutMs, retries = 2, now = Date.now } = options;
  const deadlineMs = options.deadlineMs ?? queryDeadlineMs(timeoutMs, retries);
  const tagCredentials = credentialTagger(apiSecret);
  const agent = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };
  // got is loaded with the first query (the start-up checks make one right after the bot is ready), not
  // on the start-up path, where it would add ~70 ms before the first ack.
  let loading: Promise<GotLoaded> | undefined;
  const load = (): Promise<GotLoaded> =>
    (loading ??= import('got')
      .then((module) => ({
        module,
        http: module.got.extend({
          prefixUrl: options.apiUrl,
          method: 'POST',
          agent,
          timeout: { request: timeoutMs },
          responseType: 'text',
          headers: { 'content-type': 'application/json;charset=UTF-8', 'user-agent': 'trunkbot' },
          retry: {
            limit: retries,
            methods: ['POST'], // the query is read-only on the vendor's side, so retrying a POST is safe
            statusCodes: RETRY_STATUS,
            maxRetryAfter: 2_000,
            // Short backoff so the user hears back quickly, but a vendor's Retry-After (≤ 2 s) is honoured.
            calculateDelay: ({ attemptCount, computedValue, retryAfter }) =>
              computedValue === 0 || retryAfter !== undefined
                ? computedValue
                : Math.min(computedValue, 150 * 2 ** (attemptCount - 1)),
          },
          hooks: {
            // Runs for every attempt: a retry must carry a fresh timestamp or ITNIO answers -16.
            beforeRequest: [
              (opts) => {
                Object.assign(opts.headers, signedHeaders(apiKey, apiSecret, now()));
              },
            ],
          },
        }),
      }))
      .catch((err: unknown) => {
        loading = undefined; // not remembered: the next query tries again
        throw err;
      }));

  return {
    async queryTrunks({ page, size, filter, signal, credentials = false }) {
      const started = performance.now();
      const params: TrunkFilter = {};
      if (filter.type !== undefined) params.type = filter.type;
      if (filter.sipTrunkName !== undefined && filter.sipTrunkName !== '') params.sipTrunkName = filter.sipTrunkName;
      let body: string;
      const call = callSignal(signal, deadlineMs, 'ITNIO deadline passed');
      let got: GotLoaded | undefined;
      try {
        got = await load();
        body = await got.http(TRUNK_QUERY_PATH, { json: { current: page, size, params }, signal: call.signal }).text();
      } catch (err) {
        // The caller gave up (shutdown): that is the caller's news, not something ITNIO said.
        if (signal?.aborted) throw signal.reason;
        throw toItnioError(err, got?.module);
      } finally {
        call.done();
      }
      return {
        ...parseAnswer(body, credentials ? tagCredentials : undefined),
        latencyMs: Math.round(performance.now() - started),
        fetchedAt: now(),
      };
    },
    close() {
      agent.http.destroy();
      agent.https.destroy();
    },
  };
}

/** Turns a response body into a page, or a coded error for vendor statuses and malformed answers. */
export function parseAnswer(body: string, tagCredentials?: (password: unknown) => string | null): TrunkPage {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (cause) {
    throw new ItnioError('itnio_bad_answer', 'ITNIO sent a body that is not JSON', {}, { cause });
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success || Number.isNaN(envelope.data.status)) {
    throw new ItnioError(
      'itnio_bad_answer',
      `ITNIO sent JSON without a usable status${envelope.success ? '' : ` (${issuePaths(envelope.error)})`}`,
      {},
      {
        cause: envelope.error,
      },
    );
  }
  const { status, reason, data } = envelope.data;
  if (status !== 0) throw fromVendorStatus(status, reason ?? undefined);
  const page = pageDataSchema.safeParse(data);
  if (!page.success) {
    throw new ItnioError(
      'itnio_bad_answer',
      `ITNIO sent a trunk list that does not match the documented shape (${issuePaths(page.error)})`,
      {},
      {
        cause: page.error,
      },
    );
  }
  const records: Trunk[] = [];
  let unreadable = 0;
  for (const raw of page.data.records ?? []) {
    const record = trunkSchema.safeParse(raw);
    if (!record.success) {
      unreadable += 1;
      continue;
    }
    if (tagCredentials) record.data.credentialTag = tagCredentials((raw as { sipPassword?: unknown }).sipPassword);
    records.push(record.data);
  }
  const size = page.data.size || records.length;
  const total = page.data.total ?? records.length;
  return {
    total,
    size,
    current: page.data.current ?? 1,
    pages: page.data.pages ?? (size > 0 ? Math.ceil(total / size) : 0),
    records,
    unreadable,
  };
}

// Paths only: values may hold secrets such as sipPassword.
function issuePaths(error: { issues: { path: PropertyKey[] }[] }): string {
  return error.issues
    .slice(0, 5)
    .map((i) => i.path.map(String).join('.') || '(root)')
    .join(', ');
}

/** got's module, once loaded, and the client configured from it. */
interface GotLoaded {
  module: typeof import('got');
  http: Got;
}

function toItnioError(err: unknown, got: typeof import('got') | undefined): ItnioError {
  if (err instanceof ItnioError) return err;
  if (!got) return new ItnioError('itnio_unreachable', 'Could not load the HTTP client', {}, { cause: err });
  const { HTTPError, RequestError, TimeoutError } = got;
  if (
    err instanceof TimeoutError ||
    (err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError'))
  ) {
    return new ItnioError('itnio_timeout', 'ITNIO did not answer in time', {}, { cause: err });
  }
  if (err instanceof HTTPError) {
    const httpStatus = err.response.statusCode;
    return new ItnioError('itnio_http', `ITNIO answered HTTP ${httpStatus}`, { httpStatus }, { cause: err });
  }
  if (err instanceof RequestError && err.code === 'ERR_ABORTED') {
    return new ItnioError('itnio_timeout', 'ITNIO did not answer in time', {}, { cause: err });
  }
  const code = err instanceof RequestError ? err.code : 'unknown';
  return new ItnioError('itnio_unreachable', `Could not reach ITNIO (${code})`, {}, { cause: err });
}
