import type { SlackMessage } from '../trunks/message.js';
import { type ParsedQuery, parseQuery } from '../trunks/parse-query.js';
import type { Reading } from './request.js';

/**
 * The filters of a standing subscription (a watch, a digest): the query grammar, with `all` (or nothing,
 * when `emptyMeansAll`) for every trunk, and no page, stats or changed (`notFor` says why). `usage`
 * renders the reply when they cannot be read, with what was wrong.
 */
export function readStandingFilters(
  text: string,
  usage: (problem?: string) => SlackMessage,
  { emptyMeansAll, what, notFor }: { emptyMeansAll: boolean; what: string; notFor: string },
): Reading {
  const view = { shareable: false };
  const filters = text.trim();
  if (filters === '' && !emptyMeansAll) {
    return { outcome: 'invalid_input', reply: usage(`Say what to ${what}.`), input: filters };
  }
  const parsed: ParsedQuery =
    filters === '' || /^(all|everything|\*)$/i.test(filters)
      ? { kind: 'query', request: { page: 1 } }
      : parseQuery(filters);
  if (parsed.kind === 'help') return { outcome: 'help', reply: usage() };
  if (parsed.kind === 'invalid')
    return { outcome: 'invalid_input', reply: usage(parsed.problems.join(' ')), input: filters };
  const { request } = parsed;
  if (request.page > 1 || request.stats || request.changed) {
    return { outcome: 'invalid_input', reply: usage(notFor), input: filters };
  }
  return { request, view };
}
