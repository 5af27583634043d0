import { isFloorReply } from './floor-vendor-body.js';

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

/** Undefined for the floor's "N trunks" summary (N > 0), else what came instead. */
export function checkFloorReply(body: Body): string | undefined {
  return isFloorReply(body.text) ? undefined : `unexpected reply: ${String(body.text ?? '').slice(0, 80)}`;
}

/** Whether a trunk page came through ITNIO's own filters (its "as of" line says so) rather than from the snapshot. */
export function fromVendorFilters(body: Body): boolean {
  const blocks = Array.isArray(body.blocks)
    ? (body.blocks as { type?: unknown; elements?: { text?: unknown }[] }[])
    : [];
  return blocks.some(
    (b) =>
      b.type === 'context' &&
      b.elements?.some((e) => typeof e.text === 'string' && e.text.includes("ITNIO's own name filter")),
  );
}
