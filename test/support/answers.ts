import type { types } from '@slack/bolt';

/** A message as the bot posts it (response_url body, chat.postMessage args or view). */
export type AnyMessage = { text?: unknown; blocks?: unknown };

/** What a list header says: "23 trunks · page 1 of 3 · 4 down". */
export interface ListHeader {
  total: number;
  page: number;
  pages: number;
  down: number;
}

const HEADER = /^(\d+) trunks? · page (\d+) of (\d+) · (\d+) down\b/;
const CARD_ID = /ID `(\d+)`/;
const AS_OF = /as of <!date\^(\d+)\^/;

function blocksOf(message: AnyMessage): Record<string, unknown>[] {
  return Array.isArray(message.blocks) ? (message.blocks as Record<string, unknown>[]) : [];
}

function mrkdwnOf(block: Record<string, unknown>): string[] {
  const text = (block.text as { text?: string } | undefined)?.text;
  const elements = Array.isArray(block.elements) ? (block.elements as { text?: string }[]) : [];
  const fields = Array.isArray(block.fields) ? (block.fields as { text?: string }[]) : [];
  return [text, ...elements.map((e) => e.text), ...fields.map((f) => f.text)].filter(
    (t): t is string => typeof t === 'string',
  );
}

/** The context line that counts a list, e.g. "23 trunks · page 1 of 3 · 4 down"; undefined when there is none. */
export function countLineOf(message: AnyMessage): string | undefined {
  const context = blocksOf(message).find((b) => b.type === 'context');
  return context ? mrkdwnOf(context)[0] : undefined;
}

/** The list header read into numbers; fails the test when the message has no header in the documented form. */
export function headerOf(message: AnyMessage): ListHeader {
  const line = countLineOf(message) ?? '';
  const m = HEADER.exec(line);
  if (!m) throw new Error(`no "N trunks · page x of y · M down" header in ${JSON.stringify(line)}`);
  return { total: Number(m[1]), page: Number(m[2]), pages: Number(m[3]), down: Number(m[4]) };
}

/** The trunk IDs of a list's cards, top to bottom. */
export function cardIdsOf(message: AnyMessage): number[] {
  return blocksOf(message)
    .filter((b) => b.type === 'section')
    .flatMap((b) => mrkdwnOf(b).flatMap((t) => CARD_ID.exec(t)?.[1] ?? []))
    .map(Number);
}

/** Whether a card shows its trunk as enabled with the gateway down (the trunks an incident is about). */
export function cardIsDown(message: AnyMessage, id: number): boolean {
  const card = cardTextOf(message, id);
  return card.includes(' · enabled · *gateway down*');
}

/** The mrkdwn of the card showing trunk `id`; fails the test when the list has no such card. */
export function cardTextOf(message: AnyMessage, id: number): string {
  const card = blocksOf(message).find(
    (b) => b.type === 'section' && mrkdwnOf(b).some((t) => t.includes(`ID \`${id}\``)),
  );
  if (!card) throw new Error(`no card for trunk ${id}`);
  return mrkdwnOf(card).join('\n');
}

/** The sealed value of the Details button on trunk `id`'s card; fails the test when there is none. */
export function detailsValueOf(message: AnyMessage, id: number): string {
  const card = blocksOf(message).find(
    (b) => b.type === 'section' && mrkdwnOf(b).some((t) => t.includes(`ID \`${id}\``)),
  );
  const value = (card?.accessory as types.Button | undefined)?.value;
  if (value === undefined) throw new Error(`no Details button on the card of trunk ${id}`);
  return value;
}

/** Every button in a message or view, wherever it sits (actions blocks and section accessories). */
export function allButtonsOf(message: AnyMessage): types.Button[] {
  return blocksOf(message).flatMap((b) => {
    const elements = b.type === 'actions' && Array.isArray(b.elements) ? (b.elements as types.Button[]) : [];
    const accessory = (b.accessory as types.Button | undefined)?.type === 'button' ? [b.accessory as types.Button] : [];
    return [...elements, ...accessory];
  });
}

/** All the mrkdwn and plain text a message shows, joined by newlines, for contains-style assertions. */
export function visibleText(message: AnyMessage): string {
  return blocksOf(message).flatMap(mrkdwnOf).join('\n');
}

/** The epoch seconds of a message's "Data from ITNIO as of …" date token. */
export function asOfSeconds(message: AnyMessage): number {
  const m = AS_OF.exec(JSON.stringify(message));
  if (!m) throw new Error('no "as of" in the message');
  return Number(m[1]);
}

let users = 0;

/** A user ID no other request in this process has used, so each asker's audit line (and rate limit) is its own. */
export function newUserId(): string {
  users += 1;
  return `U0T${process.pid.toString(36).toUpperCase()}X${users.toString(36).toUpperCase()}`;
}
