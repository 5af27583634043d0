import { parseQuery } from './parse-query.js';
import { renderUsage, type Surface } from './render-notice.js';
import type { SlackMessage } from './message.js';
import type { TrunkRequest } from './trunk-request.js';

/** Typed text read into a request, or the usage reply (with the problems) when it cannot be run. */
export function readQuery(text: string, surface: Surface): { request: TrunkRequest } | { outcome: string; reply: SlackMessage; input: string } {
  const parsed = surface === 'mention' && text === '' ? ({ kind: 'help' } as const) : parseQuery(text);
  if (parsed.kind === 'query') return { request: parsed.request };
  return {
    outcome: parsed.kind === 'help' ? 'help' : 'invalid_input',
    reply: renderUsage(surface, parsed.kind === 'invalid' ? parsed.problems : []),
    input: text,
  };
}
