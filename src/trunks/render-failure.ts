import { ACTION } from './action-ids.js';
import type { ButtonSeal } from './button-seal.js';
import type { SlackMessage } from './message.js';
import { encodePageState } from './page-state.js';
import { renderProblem } from './render-notice.js';
import type { TrunkRequest } from './trunk-request.js';

/** Every reason trunks could not be fetched, as stable codes (they are also audit outcomes). */
export const FAILURE_CODES = [
  'itnio_auth',
  'itnio_clock',
  'itnio_params',
  'itnio_quota',
  'itnio_vendor_error',
  'itnio_status',
  'itnio_timeout',
  'itnio_unreachable',
  'itnio_http',
  'itnio_bad_answer',
  'itnio_busy',
  'itnio_cancelled',
  'error',
] as const;
export type FailureCode = (typeof FAILURE_CODES)[number];

/** Why trunks could not be fetched, with what the vendor said when it said something. */
export interface Failure {
  code: FailureCode;
  status?: number;
  reason?: string;
  httpStatus?: number;
}

const MAX_REASON = 200;

/** The request a failed answer was for, so its Retry button can run it again. */
export interface RetryOf {
  request: TrunkRequest;
  /** It was a ↻ Refresh: the retry fetches fresh data too. */
  fresh: boolean;
  seal: ButtonSeal;
}

/** A failed fetch as the message the user sees; with `retry`, a Retry button that runs the same request again. */
export function renderFailure(failure: Failure, retry?: RetryOf): SlackMessage {
  const problem = renderProblem(describeFailure(failure));
  if (!retry) return problem;
  const button = {
    type: 'button' as const,
    action_id: retry.fresh ? ACTION.retryRefresh : ACTION.retry,
    text: { type: 'plain_text' as const, text: '↻ Retry', emoji: true },
    value: encodePageState({ request: retry.request }, retry.seal),
    accessibility_label: 'Run the same search again',
  };
  return { ...problem, blocks: [...problem.blocks, { type: 'actions', block_id: 'trunks_retry', elements: [button] }] };
}

/**
 * What a support engineer reads when a query fails: what happened and what to do, as plain text.
 * Never includes credentials; the vendor's `reason` is echoed (shortened) only for unknown statuses.
 */
export function describeFailure({ code, status, reason, httpStatus }: Failure): string {
  switch (code) {
    case 'itnio_auth':
      return `ITNIO rejected trunkbot's credentials (status ${status}). The bot operator should check ITNIO_API_KEY and ITNIO_API_SECRET against the ITNIO console.`;
    case 'itnio_clock':
      return 'ITNIO says the request timestamp expired (status -16). The bot server’s clock is probably off: the operator should sync it (NTP) and try again.';
    case 'itnio_params':
      return 'ITNIO rejected the query parameters (status -22). Try a simpler filter, e.g. `/trunks outgoing`.';
    case 'itnio_quota':
      return 'ITNIO’s data cap for this account is reached (status -23). Wait a while or ask the ITNIO account owner to raise the cap.';
    case 'itnio_vendor_error':
      return 'ITNIO reported an internal error (status -18). Try again in a minute; if it persists, check ITNIO’s status page or contact ITNIO support.';
    case 'itnio_status':
      return `ITNIO answered with status ${status}: ${shorten(reason) || 'no reason given'}.`;
    case 'itnio_timeout':
      return 'ITNIO did not answer in time. It may be slow or down: try again in a minute.';
    case 'itnio_unreachable':
      return 'Could not reach ITNIO (network error). Try again in a minute; the operator should check ITNIO_API_URL and the network.';
    case 'itnio_http':
      return `ITNIO answered with HTTP ${httpStatus}. It may be having trouble: try again in a minute.`;
    case 'itnio_busy':
      return 'trunkbot is handling a lot of ITNIO queries right now. Try again in a few seconds.';
    case 'itnio_cancelled':
      return 'trunkbot is restarting, so this query was stopped. Try again in a few seconds.';
    case 'itnio_bad_answer':
      return 'Got an unexpected answer from ITNIO (it did not look like a trunk list). Try again; if it keeps happening, the operator should check the logs.';
    case 'error':
      return 'Something went wrong while fetching trunks. Please try again; if it keeps happening, ask the trunkbot operators to check the logs.';
  }
}

function shorten(reason: string | undefined): string {
  if (!reason) return '';
  const flat = reason.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_REASON ? `${flat.slice(0, MAX_REASON - 1)}…` : flat;
}
