import { PAGE_SIZE } from '../../src/trunks/trunk-request.js';

/** The vendor request body both the floor and trunkbot send for one bench query. */
export interface VendorBody {
  current: number;
  size: number;
  params: { type?: 1 | 2; sipTrunkName?: string };
}

/** Records per page: trunkbot's PAGE_SIZE, so both bots receive the same vendor payload. */
export const FLOOR_PAGE_SIZE = PAGE_SIZE;

/**
 * Reads the bench's per-call queries (`[outgoing|incoming] [word] [page:N]`) into the vendor body trunkbot
 * sends for them: the floor's whole "grammar", so that both bots ask ITNIO exactly the same thing.
 */
export function floorVendorBody(text: string): VendorBody {
  const params: VendorBody['params'] = {};
  const name: string[] = [];
  let current = 1;
  for (const word of text.trim().split(/\s+/)) {
    const page = /^page:(\d+)$/.exec(word);
    if (page) current = Number(page[1]);
    else if (word === 'outgoing') params.type = 1;
    else if (word === 'incoming') params.type = 2;
    else if (word !== '') name.push(word);
  }
  if (name.length > 0) params.sipTrunkName = name.join(' ');
  return { current, size: FLOOR_PAGE_SIZE, params };
}

/** The floor's one-line answer: how many trunks ITNIO said match. */
export function floorReplyText(total: number): string {
  return `${total} trunks`;
}

/** Whether `text` is a floor answer for at least one trunk. */
export function isFloorReply(text: unknown): boolean {
  return typeof text === 'string' && /^[1-9]\d* trunks$/.test(text);
}
