import type { ButtonSeal } from './button-seal.js';
import { formatRequest, MAX_QUERY_TEXT } from './format-request.js';
import { parseQuery } from './parse-query.js';
import { MAX_PAGE, type TrunkRequest } from './trunk-request.js';

/** What a paging or share button carries: the request, and who shared the message it sits on. */
export interface PageState {
  request: TrunkRequest;
  /** Set on messages shared into a channel, so paging them keeps the attribution. */
  sharedBy?: string;
}

// `v2;<page>;<sharer or nothing>;<canonical query text>`. Plain text rather than JSON: nothing in it is escaped,
// so a query of MAX_QUERY_TEXT characters, a 5-digit page, a 31-character user ID and the 23-character seal stay
// under Slack's 2,000-character limit for button values. The version refuses values sealed before the change.
const WIRE = /^v2;([1-9]\d{0,4});([UW][A-Z0-9]{2,30})?;(.*)$/s;
const MAX_BUTTON_VALUE = 2_000;

/** Serialises and seals a state for a button `value`: the page, the sharer and the request as query text. */
export function encodePageState({ request, sharedBy }: PageState, seal: ButtonSeal): string {
  return seal.seal(`v2;${request.page};${sharedBy ?? ''};${formatRequest({ ...request, page: 1 })}`);
}

/**
 * Reads a clicked button's value; anything unsealed, tampered, stale or out of range yields undefined. The query
 * text is read by the same grammar as typed text, and must be exactly what encoding would write for its request.
 */
export function decodePageState(value: unknown, seal: ButtonSeal): PageState | undefined {
  if (typeof value !== 'string' || value.length > MAX_BUTTON_VALUE) return undefined;
  const payload = seal.open(value);
  const wire = payload === undefined ? null : WIRE.exec(payload);
  if (!wire) return undefined;
  const [page, sharedBy, query] = [Number(wire[1]), wire[2], wire[3]!];
  if (page > MAX_PAGE || query.length > MAX_QUERY_TEXT) return undefined;
  const parsed = parseQuery(query);
  if (parsed.kind !== 'query' || parsed.request.page !== 1 || formatRequest(parsed.request) !== query) return undefined;
  const request = { ...parsed.request, page };
  return sharedBy === undefined ? { request } : { request, sharedBy };
}
