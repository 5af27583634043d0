import { ACTION } from '../../src/trunks/action-ids.js';
import { BARE_REPLY_TEXT } from './bare-reply.js';

type Body = Record<string, unknown>;

/** What trunkbot answered: a trunk page, a notice (refusal, busy, ITNIO error) or something else. */
export type ReplyKind = 'page' | 'notice' | 'other';

/** A trunk page starts with a header block (even an empty one); notices open with :warning: or :no_entry:. */
export function replyKind(body: Body): ReplyKind {
  const blocks = Array.isArray(body.blocks) ? (body.blocks as { type?: unknown; text?: { text?: unknown } }[]) : [];
  if (blocks[0]?.type === 'header') return 'page';
  const notice = blocks.some(
    (b) => b.type === 'section' && typeof b.text?.text === 'string' && /^:(warning|no_entry):/.test(b.text.text),
  );
  return notice ? 'notice' : 'other';
}

/** Undefined for a trunk page, else what came instead. */
export function checkTrunkPage(body: Body): string | undefined {
  return replyKind(body) === 'page' ? undefined : `reply was not a trunk page: ${String(body.text ?? '').slice(0, 80)}`;
}

/** Undefined for the bare app's fixed success message, else what came instead. */
export function checkBareReply(body: Body): string | undefined {
  return body.text === BARE_REPLY_TEXT ? undefined : `unexpected reply: ${String(body.text ?? '').slice(0, 80)}`;
}

/** The sealed value of the Next › button on a trunkbot page, if it has one. */
export function nextButtonValue(body: Body): string | undefined {
  const blocks = Array.isArray(body.blocks)
    ? (body.blocks as { elements?: { action_id?: unknown; value?: unknown }[] }[])
    : [];
  for (const block of blocks) {
    const next = block.elements?.find((e) => e.action_id === ACTION.next);
    if (typeof next?.value === 'string') return next.value;
  }
  return undefined;
}
