import { parseQuery } from '../trunks/parse-query.js';
import { renderUsage, type Surface } from '../trunks/render-notice.js';
import type { AnswerView } from './answer-query.js';
import type { Reading } from './request.js';

/** Typed text read into a request shown as `view`, or the usage reply (with the problems) when it cannot be run. */
export function readQuery(text: string, surface: Surface, view: AnswerView): Reading {
  const parsed = surface === 'mention' && text === '' ? ({ kind: 'help' } as const) : parseQuery(text);
  if (parsed.kind === 'query') return { request: parsed.request, view };
  return {
    outcome: parsed.kind === 'help' ? 'help' : 'invalid_input',
    reply: renderUsage(surface, parsed.kind === 'invalid' ? parsed.problems : []),
    input: text,
  };
}
