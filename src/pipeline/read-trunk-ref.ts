import { renderStaleButton } from '../trunks/render-notice.js';
import type { TrunkRef } from '../trunks/trunk-ref.js';
import type { AnswerView } from './answer-query.js';
import type { Reading } from './request.js';

/** A Details or Share-trunk button's decoded value as a request for that one trunk; a bad value is refused. */
export function readTrunkRef(ref: TrunkRef | undefined, view: AnswerView): Reading {
  if (!ref) return { outcome: 'invalid_button', reply: renderStaleButton() };
  return { request: { page: 1, ids: [ref.id] }, view };
}
