import { markTrunksInRange } from './address-table.js';
import { parseIpOrRange } from './ip-address.js';
import { numbersMatch, phoneDigits } from './phone-number.js';
import type { Trunk } from './trunk.js';
import { changedWithin, foldText, type IndexedTrunk, type TrunkIndex } from './trunk-index.js';
import type { ChangedFilter, TrunkRequest, TrunkStatus } from './trunk-request.js';
import { parseVendorTime } from './vendor-time.js';

/** Whether the trunk at `position` in the index's order passes one filter. */
type Test = (entry: IndexedTrunk, position: number) => boolean;

// Quotes only group words for the grammar; straight and curly ones are the same to matching.
const QUOTES = /["'\u201C\u201D\u2018\u2019]/g;
const SINCE_DAY = /^\d{4}-\d{2}-\d{2}$/;
const SINCE_MINUTE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/;

const STATUS_TESTS: Record<TrunkStatus, (entry: IndexedTrunk) => boolean> = {
  down: (e) => e.down,
  up: (e) => e.trunk.gatewayUp === true,
  enabled: (e) => e.trunk.enabled === true,
  disabled: (e) => e.trunk.enabled === false,
};

/** The trunks a request's filters select, in the index's order, or newest change first under `changed`. */
export function matchTrunks(index: TrunkIndex, request: TrunkRequest, asOf: number): Trunk[] {
  const tests = filterTests(index, request, asOf);
  const matched = tests.length === 0 ? [...index.entries] : index.entries.filter((e, i) => tests.every((t) => t(e, i)));
  // Array sort is stable, so equal change times keep the default order.
  if (request.changed) matched.sort((a, b) => (b.changedAt ?? 0) - (a.changedAt ?? 0));
  return matched.map((e) => e.trunk);
}

/** The text of a filter with quotes taken out and spaces collapsed: a quoted phrase is just words. */
export function unquote(text: string): string {
  return text.replace(QUOTES, ' ').trim().replace(/\s+/g, ' ');
}

/** The folded words of a name filter. */
export function nameWords(name: string): string[] {
  const words = foldText(unquote(name));
  return words === '' ? [] : words.split(' ');
}

function filterTests(index: TrunkIndex, request: TrunkRequest, asOf: number): Test[] {
  const tests: Test[] = [];
  const { type, name, ips, numbers, ids, idsOrNumbers, account, group, prefix, status, changed } = request;
  if (type !== undefined) tests.push((e) => e.trunk.type === type);
  if (name !== undefined) {
    const words = nameWords(name);
    if (words.length > 0) tests.push((e) => words.every((w) => e.name.includes(w)));
  }
  if (ips?.length) tests.push(ipTest(index, ips));
  if (numbers?.length) tests.push(numberTest(numbers));
  if (ids?.length) tests.push(idTest(ids));
  if (idsOrNumbers?.length) {
    const [byId, byNumber] = [idTest(idsOrNumbers), numberTest(idsOrNumbers)];
    tests.push((e, i) => byId(e, i) || byNumber(e, i));
  }
  if (account !== undefined) {
    const wanted = account.trim().toLowerCase();
    tests.push((e) => e.account === wanted);
  }
  if (group !== undefined) {
    const wanted = foldText(group.trim());
    tests.push((e) => e.groupNames.some((g) => g.includes(wanted)));
  }
  if (prefix !== undefined) {
    const wanted = prefix.trim();
    tests.push((e) => e.prefix === wanted);
  }
  if (status?.length) {
    const wanted = status.map((s) => STATUS_TESTS[s]);
    tests.push((e) => wanted.some((t) => t(e)));
  }
  if (changed) tests.push(changedTest(changed, index.timeZone, asOf));
  return tests;
}

function ipTest(index: TrunkIndex, ips: readonly string[]): Test {
  const hits = new Uint8Array(index.entries.length);
  // Values the grammar would not have let through match nothing rather than everything.
  for (const ip of ips) {
    const range = parseIpOrRange(ip);
    if (range) markTrunksInRange(index.addresses, range, hits);
  }
  return (_, position) => hits[position] === 1;
}

function numberTest(numbers: readonly string[]): Test {
  const wanted = numbers.map(phoneDigits);
  return (e) => e.numbers.some((n) => wanted.some((w) => numbersMatch(n, w)));
}

function idTest(ids: readonly string[]): Test {
  const wanted = new Set(ids.map((id) => id.trim()));
  return (e) => e.id !== '' && wanted.has(e.id);
}

function changedTest(changed: ChangedFilter, timeZone: string, asOf: number): Test {
  if ('withinMinutes' in changed) return (e) => changedWithin(e.changedAt, changed.withinMinutes, asOf);
  const since = parseSince(changed.since, timeZone);
  return (e) => since !== undefined && e.changedAt !== undefined && e.changedAt >= since;
}

// A vendor-local `yyyy-MM-dd` or `yyyy-MM-dd HH:mm` as epoch ms in the zone; undefined when it is neither.
function parseSince(text: string, timeZone: string): number | undefined {
  const s = text.trim();
  const full = SINCE_DAY.test(s) ? `${s} 00:00:00` : SINCE_MINUTE.test(s) ? `${s}:00` : undefined;
  return full === undefined ? undefined : parseVendorTime(full, timeZone)?.getTime();
}
