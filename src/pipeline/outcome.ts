import { FAILURE_CODES } from '../trunks/render-failure.js';

/** How a handled request ended, as written in its audit line (documented in the README's audit table). */
export const OUTCOMES = [
  'ok',
  'empty',
  'help',
  'invalid_input',
  'invalid_button',
  'refused_team',
  'refused_channel',
  'refused_user',
  'refused_unverified',
  'rate_limited',
  'replay_ignored',
  'duplicate_event',
  'duplicate_share',
  'shared_via_chat.postMessage',
  'shared_via_response_url',
  'share_failed',
  'inventory_too_large',
  'watch_added',
  'watch_exists',
  'watch_listed',
  'watch_removed',
  'watch_not_found',
  'watch_refused',
  'digest_set',
  'digest_shown',
  'digest_removed',
  'digest_not_found',
  'digest_refused',
  'exported_to_dm',
  'exported_to_channel',
  'export_failed',
  'duplicate_export',
  ...FAILURE_CODES,
] as const;
export type Outcome = (typeof OUTCOMES)[number];

const SUCCEEDED: ReadonlySet<Outcome> = new Set([
  'ok',
  'empty',
  'shared_via_chat.postMessage',
  'shared_via_response_url',
  'watch_added',
  'watch_exists',
  'watch_listed',
  'watch_removed',
  'digest_set',
  'digest_shown',
  'digest_removed',
  'exported_to_dm',
  'exported_to_channel',
]);

/** Whether the user got what they asked for (a failed one may be retried at once). */
export function succeeded(outcome: Outcome): boolean {
  return SUCCEEDED.has(outcome);
}
