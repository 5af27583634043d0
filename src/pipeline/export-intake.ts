import type { webApi } from '@slack/bolt';
import type { SlackMessage } from '../trunks/message.js';
import { parseQuery } from '../trunks/parse-query.js';
import { renderUsage, type Surface } from '../trunks/render-notice.js';
import { type ExportDestination, answerExport } from './answer-export.js';
import type { Claim } from './claims.js';
import type { BotDeps } from './deps.js';
import type { Intake, Origin, Reading } from './request.js';

/** What a listener supplies for an export: who and where, how to read the payload, the Slack client and the destination. */
export interface ExportIntakeParts {
  origin: Origin;
  claims: Claim[];
  read(): Reading;
  whisper: (message: SlackMessage) => Promise<unknown>;
  progress?: (message: SlackMessage) => Promise<unknown>;
  client: webApi.WebClient;
  destination: ExportDestination;
}

const NOT_FOR_EXPORT =
  'Export takes filters only: it sends every matching trunk in one file, so leave out page and stats.';

/** An export (typed, or the Export CSV button) as a request for the pipeline, with the same access rules, limit and audit. */
export function exportIntake(deps: BotDeps, parts: ExportIntakeParts): Intake {
  return {
    origin: parts.origin,
    claims: parts.claims,
    read: parts.read,
    whisper: parts.whisper,
    ...(parts.progress && { progress: parts.progress }),
    answer: (request, _view, onProgress) =>
      answerExport(deps, parts.client, request, parts.origin.user, parts.destination, onProgress),
    // A file shared in the channel speaks for itself; anything else (sent to the DM, or failed) is told privately.
    reply: async (answer) => {
      if (answer.outcome !== 'exported_to_channel') await parts.whisper(answer.message);
    },
  };
}

/** `export [filters]` as typed, read like a query; page and stats make no sense for a whole-result file. */
export function readExport(filters: string, surface: Surface): Reading {
  const view = { shareable: false };
  const parsed = parseQuery(filters);
  if (parsed.kind === 'help') return { outcome: 'help', reply: renderUsage(surface) };
  if (parsed.kind === 'invalid') {
    return { outcome: 'invalid_input', reply: renderUsage(surface, parsed.problems), input: filters };
  }
  if (parsed.request.page > 1 || parsed.request.stats) {
    return { outcome: 'invalid_input', reply: renderUsage(surface, [NOT_FOR_EXPORT]), input: filters };
  }
  return { request: parsed.request, view };
}
