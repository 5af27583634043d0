import { describeRequest } from '../trunks/describe-request.js';
import { formatRequest } from '../trunks/format-request.js';
import { capitalise, formatCount } from '../trunks/slack-text.js';
import type { TrunkRequest } from '../trunks/trunk-request.js';
import { isoInZone } from './iso-time.js';

const MAX_SLUG = 60;

/**
 * The file's name and title: `trunks-outgoing-acme-20261128-1403.csv` (the query, then when the data is from, in
 * the vendor's zone) and `Outgoing trunks matching “acme” (40 trunks)`.
 */
export function exportNames(
  request: TrunkRequest,
  count: number,
  fetchedAt: Date,
  timeZone: string,
): { filename: string; title: string } {
  const slug =
    formatRequest({ ...request, page: 1 })
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9.]+/g, '-')
      .slice(0, MAX_SLUG)
      .replace(/^-+|-+$/g, '') || 'all';
  const stamp = isoInZone(fetchedAt, timeZone).slice(0, 16).replace(/-/g, '').replace('T', '-').replace(':', '');
  return {
    filename: `trunks-${slug}-${stamp}.csv`,
    title: `${capitalise(describeRequest(request))} (${trunkCount(count)})`,
  };
}

/** `1 trunk`, `1,234 trunks`. */
export function trunkCount(n: number): string {
  return n === 1 ? '1 trunk' : `${formatCount(n)} trunks`;
}
