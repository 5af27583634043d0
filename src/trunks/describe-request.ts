import { splitSpan } from './read-values.js';
import { bold, capitalise, escapeMrkdwn, oneLine, truncate } from './slack-text.js';
import { typeLabel } from './trunk.js';
import type { ChangedFilter, TrunkRequest } from './trunk-request.js';

// Long enough for a trunk or group name; a header has room for several filters.
const MAX_VALUE = 40;
const MAX_LISTED = 3;

const UNIT_WORDS = { m: ['min', 'min'], h: ['h', 'h'], d: ['day', 'days'], w: ['week', 'weeks'] } as const;

/**
 * Short words for what a request asks, for a header: e.g. `Outgoing trunks matching “acme” · IP 203.0.113.0/24 ·
 * down · changed in the last 6 h`. Plain text with values clipped; the renderer escapes it. The page is left out.
 */
export function describeRequest(request: TrunkRequest): string {
  const kind = request.type === undefined ? 'SIP trunks' : `${typeLabel(request.type)} trunks`;
  const head = request.stats ? `Summary of ${kind}` : capitalise(kind);
  const parts = [request.name === undefined ? head : `${head} matching “${clip(request.name)}”`];
  if (request.ips?.length) parts.push(`IP ${list(request.ips)}`);
  if (request.numbers?.length) parts.push(`number ${list(request.numbers)}`);
  if (request.ids?.length) parts.push(`ID ${list(request.ids)}`);
  if (request.idsOrNumbers?.length) parts.push(`ID or number ${list(request.idsOrNumbers)}`);
  if (request.account !== undefined) parts.push(`account ${clip(request.account)}`);
  if (request.group !== undefined) parts.push(`group has “${clip(request.group)}”`);
  if (request.prefix !== undefined) parts.push(`prefix ${clip(request.prefix)}`);
  // Several statuses are alternatives, as in matching.
  if (request.status?.length) parts.push(request.status.join(' or '));
  if (request.changed !== undefined) parts.push(changedWords(request.changed));
  return parts.join(' · ');
}

/** What a watch or digest covers, in a few words: `*Outgoing trunks matching “acme”*`. */
export function requestLabel(job: { request: TrunkRequest; query: string }): string {
  return bold(escapeMrkdwn(job.query === '' ? 'Every trunk' : describeRequest(job.request)));
}

function changedWords(changed: ChangedFilter): string {
  if ('since' in changed) return `changed since ${clip(changed.since)}`;
  const { count, unit } = splitSpan(changed.withinMinutes);
  return `changed in the last ${count} ${UNIT_WORDS[unit][count === 1 ? 0 : 1]}`;
}

/** The first few values as alternatives, then how many more. */
function list(values: string[]): string {
  const shown = values.slice(0, MAX_LISTED).map(clip).join(' or ');
  const more = values.length - MAX_LISTED;
  return more > 0 ? `${shown} +${more} more` : shown;
}

function clip(text: string): string {
  return truncate(oneLine(text), MAX_VALUE);
}
