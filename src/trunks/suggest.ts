import { canonicalIpOrRange } from './ip-address.js';
import { matchTrunks, nameWords, unquote } from './match-trunks.js';
import { MIN_NUMBER_DIGITS, phoneDigits } from './phone-number.js';
import { foldText, type TrunkIndex } from './trunk-index.js';
import type { TrunkRequest } from './trunk-request.js';

/** Another way to ask that finds trunks: what to show ("3 trunks are in group Support Tier 1") and what to run. */
export interface Suggestion {
  field: 'group' | 'account' | 'prefix' | 'name' | 'ip' | 'number' | 'id';
  value: string;
  count: number;
  request: TrunkRequest;
}

// Filters that pick out particular trunks; type, status and changed only narrow, so they are kept when they can be.
type Kind = 'name' | 'ips' | 'numbers' | 'ids' | 'idsOrNumbers' | 'account' | 'group' | 'prefix';
const KINDS: readonly Kind[] = ['name', 'ips', 'numbers', 'ids', 'idsOrNumbers', 'account', 'group', 'prefix'];
const FIELD_OF: Record<Kind, Suggestion['field']> = {
  name: 'name',
  ips: 'ip',
  numbers: 'number',
  ids: 'id',
  idsOrNumbers: 'id',
  account: 'account',
  group: 'group',
  prefix: 'prefix',
};
const TEXT_KINDS = new Set<Kind>(['name', 'group', 'account', 'prefix']);
const NARROWING = ['type', 'status', 'changed'] as const;
const MAX_SUGGESTIONS = 3;
const PHONE_LIKE = /^\+?[\d\s().-]+$/;

interface Candidate {
  field: Suggestion['field'];
  value: string;
  filter: Partial<TrunkRequest>;
  /** Filters of the original request that the candidate replaces. */
  drop: readonly Kind[];
}

/** For a request that matches nothing, up to three requests that do, most trunks first. */
// Two sources: a failing text read as another field (a name that is a group, account, prefix, address, number or
// ID), and each filter on its own when the filters only fail together.
export function suggestAlternatives(index: TrunkIndex, request: TrunkRequest, asOf: number): Suggestion[] {
  const count = (r: TrunkRequest) => matchTrunks(index, r, asOf).length;
  if (count(request) > 0) return [];
  const present = KINDS.filter((k) => hasValue(request[k]));
  const several = present.length + NARROWING.filter((k) => hasValue(request[k])).length > 1;
  const candidates: Candidate[] = [];
  for (const kind of present) {
    const filter = { [kind]: request[kind] };
    if (count({ page: 1, ...filter }) > 0) {
      if (several) candidates.push({ field: FIELD_OF[kind], value: show(request[kind]), filter, drop: present });
    } else if (TEXT_KINDS.has(kind)) {
      candidates.push(...readAsOtherFields(index, String(request[kind]), kind));
    }
  }
  const suggestions = new Map<string, Suggestion>();
  for (const candidate of candidates) {
    const suggestion = firstThatFinds(candidate, request, count);
    const key = JSON.stringify(suggestion?.request);
    if (suggestion && !suggestions.has(key)) suggestions.set(key, suggestion);
  }
  return [...suggestions.values()].sort((a, b) => b.count - a.count).slice(0, MAX_SUGGESTIONS);
}

// Keep every other filter; failing that, only the narrowing ones; failing that, the suggestion alone.
function firstThatFinds(
  { field, value, filter, drop }: Candidate,
  request: TrunkRequest,
  count: (r: TrunkRequest) => number,
): Suggestion | undefined {
  const kept: TrunkRequest = { ...request, page: 1 };
  for (const kind of [...drop, ...(Object.keys(filter) as Kind[])]) delete kept[kind];
  const base: TrunkRequest = request.stats ? { page: 1, stats: true } : { page: 1 };
  const narrowing = Object.fromEntries(NARROWING.filter((k) => hasValue(request[k])).map((k) => [k, request[k]]));
  for (const r of [
    { ...kept, ...filter },
    { ...base, ...narrowing, ...filter },
    { ...base, ...filter },
  ]) {
    const n = count(r);
    if (n > 0) return { field, value, count: n, request: r };
  }
  return undefined;
}

/** The failing text of a `kind` filter, tried as each other field it could plausibly be. */
function readAsOtherFields(index: TrunkIndex, text: string, kind: Kind): Candidate[] {
  const raw = unquote(text);
  const phrase = nameWords(raw).join(' ');
  if (phrase === '') return [];
  const drop = [kind];
  const candidates: Candidate[] = [];
  if (kind !== 'name') candidates.push({ field: 'name', value: raw, filter: { name: raw }, drop });
  if (kind !== 'group') {
    for (const group of groupsContaining(index, phrase)) {
      candidates.push({ field: 'group', value: group, filter: { group }, drop });
    }
  }
  const account = index.entries.find((e) => e.account === raw.toLowerCase())?.trunk.sipAccount;
  if (kind !== 'account' && account) candidates.push({ field: 'account', value: account, filter: { account }, drop });
  const oneWord = !raw.includes(' ');
  if (kind !== 'prefix' && oneWord) candidates.push({ field: 'prefix', value: raw, filter: { prefix: raw }, drop });
  const ip = canonicalIpOrRange(raw);
  if (ip) candidates.push({ field: 'ip', value: ip, filter: { ips: [ip] }, drop });
  if (PHONE_LIKE.test(raw) && phoneDigits(raw).length >= MIN_NUMBER_DIGITS) {
    candidates.push({ field: 'number', value: raw, filter: { numbers: [raw] }, drop });
  }
  if (oneWord) candidates.push({ field: 'id', value: raw, filter: { ids: [raw] }, drop });
  return candidates;
}

/** Vendor spellings of the agent groups whose name contains the phrase, those with most trunks first. */
function groupsContaining(index: TrunkIndex, phrase: string): string[] {
  const trunksPerGroup = new Map<string, { name: string; trunks: number }>();
  for (const entry of index.entries) {
    // Folding is the slow part: only trunks that have such a group get their group names folded again.
    if (!entry.groupNames.some((g) => g.includes(phrase))) continue;
    for (const group of entry.trunk.groups) {
      if (group.groupName === null) continue;
      const key = foldText(group.groupName);
      if (!key.includes(phrase)) continue;
      const seen = trunksPerGroup.get(key);
      if (seen) seen.trunks++;
      else trunksPerGroup.set(key, { name: group.groupName, trunks: 1 });
    }
  }
  return [...trunksPerGroup.values()]
    .sort((a, b) => b.trunks - a.trunks)
    .slice(0, MAX_SUGGESTIONS)
    .map((g) => g.name);
}

function hasValue(value: unknown): boolean {
  return value !== undefined && (!Array.isArray(value) || value.length > 0);
}

function show(value: TrunkRequest[keyof TrunkRequest]): string {
  return Array.isArray(value) ? value.join(', ') : String(value);
}
