import type { ButtonSeal } from '../trunks/button-seal.js';
import { decodePageState } from '../trunks/page-state.js';
import { renderStaleButton } from '../trunks/render-notice.js';
import type { AnswerView } from './answer-query.js';
import type { Origin, Reading } from './request.js';

/** A clicked button's sealed value read into the request it carries; tampered or stale values are refused. */
export function readButton(seal: ButtonSeal, value: string | undefined, origin: Origin, view: AnswerView): Reading {
  if (origin.channel === undefined) return { outcome: 'invalid_button', reply: renderStaleButton() };
  return readHomeButton(seal, value, view);
}

/**
 * A query button on the App Home tab: its sealed request, refused when tampered or stale. A Home click has
 * no channel, and needs none: the answer goes to the user directly.
 */
export function readHomeButton(seal: ButtonSeal, value: string | undefined, view: AnswerView): Reading {
  const state = decodePageState(value, seal);
  if (!state) return { outcome: 'invalid_button', reply: renderStaleButton() };
  return { request: state.request, view };
}
