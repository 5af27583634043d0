import { ACTION } from '../../src/trunks/action-ids.js';
import { BARE_REPLY_TEXT } from './bare-reply.js';

type Body = Record<string, unknown>;

/** Undefined for a trunk page (its first block is the header), else what came instead. */
export function checkTrunkPage(body: Body): string | undefined {
  const blocks = Array.isArray(body.blocks) ? (body.blocks as { type?: unknown }[]) : [];
  return blocks[0]?.type === 'header' ? undefined : `reply was not a trunk page: ${String(body.text ?? '').slice(0, 80)}`;
}

/** Undefined for the bare app's fixed success message, else what came instead. */
export function checkBareReply(body: Body): string | undefined {
  return body.text === BARE_REPLY_TEXT ? undefined : `unexpected reply: ${String(body.text ?? '').slice(0, 80)}`;
}

/** The sealed value of the Next › button on a trunkbot page, if it has one. */
export function nextButtonValue(body: Body): string | undefined {
  const blocks = Array.isArray(body.blocks) ? (body.blocks as { elements?: { action_id?: unknown; value?: unknown }[] }[]) : [];
  for (const block of blocks) {
    const next = block.elements?.find((e) => e.action_id === ACTION.next);
    if (typeof next?.value === 'string') return next.value;
  }
  return undefined;
}
