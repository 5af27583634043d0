import type { ButtonSeal } from '../trunks/button-seal.js';
import { decodePageState, type PageState } from '../trunks/page-state.js';
import { renderProblem } from '../trunks/render-notice.js';
import type { AnswerView } from './answer-query.js';
import type { Origin, Reading } from './request.js';

const STALE_BUTTON =
  'That button is out of date or was changed, so I did not run it. Run `/trunks` again to get fresh results.';

/** A clicked button's sealed value read into the request it carries; tampered or stale values are refused. */
export function readButton(
  seal: ButtonSeal,
  value: string | undefined,
  origin: Origin,
  view: (state: PageState) => AnswerView,
): Reading {
  const state = decodePageState(value, seal);
  if (!state || origin.channel === undefined) return { outcome: 'invalid_button', reply: renderProblem(STALE_BUTTON) };
  return { request: state.request, view: view(state) };
}
