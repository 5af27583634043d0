import { isGrammarWord, STATS_WORD } from './query-words.js';
import { splitSpan } from './read-values.js';
import { decodeSlackInput, escapeMrkdwn } from './slack-text.js';
import { stripTrailing } from './tokenize-query.js';
import { typeLabel } from './trunk.js';
import type { ChangedFilter, TrunkRequest } from './trunk-request.js';

/** The longest query text a request may have: with a page, a sharer and the seal it still fits a button value. */
export const MAX_QUERY_TEXT = 1_900;

// A name word needs no quotes when it starts with a letter, holds nothing the grammar reads (`:`, `.`, quotes,
// leading `+`/`0`/`-`) and is no grammar word: then it can only be read as a word of the name.
const PLAIN_WORD = /^\p{L}[\p{L}\p{M}\p{N}_-]*$/u;

/**
 * The canonical query text for a request, e.g. `outgoing acme 203.0.113.0/24 down changed:6h page:2`:
 * what a user could type to ask for it again, and what parseQuery reads back to the same request.
 * Values come in a fixed order, quoted only when they must be; page 1 is left out.
 */
export function formatRequest(request: TrunkRequest): string {
  const parts: string[] = [];
  if (request.type !== undefined) parts.push(typeLabel(request.type));
  if (request.name !== undefined) parts.push(...nameParts(request.name));
  parts.push(...(request.ips ?? []), ...(request.idsOrNumbers ?? []));
  for (const id of request.ids ?? []) parts.push(`id:${id}`);
  if (request.account !== undefined) parts.push(`account:${value(request.account)}`);
  if (request.group !== undefined) parts.push(`group:${value(request.group)}`);
  if (request.prefix !== undefined) parts.push(`prefix:${value(request.prefix)}`);
  parts.push(...(request.status ?? []));
  if (request.changed !== undefined) parts.push(changedPart(request.changed));
  if (request.stats) parts.push(STATS_WORD);
  // Numbers come last but for the page: an unquoted number takes the number-like words after it into itself.
  for (const number of request.numbers ?? []) parts.push(`number:${value(number)}`);
  if (request.page > 1) parts.push(`page:${request.page}`);
  const text = parts.join(' ');
  // The parser undoes Slack's escaping of `&`, `<` and `>`: text that would read differently is sent escaped.
  return decodeSlackInput(text) === text ? text : escapeMrkdwn(text);
}

/** The name's words, bare where they can only be read as name words, the others in quoted phrases. */
function nameParts(name: string): string[] {
  const parts: string[] = [];
  let phrase: string[] = [];
  let mark = '"';
  const close = () => {
    if (phrase.length > 0) parts.push(`${mark}${phrase.join(' ')}${mark}`);
    phrase = [];
  };
  for (const word of name.split(' ')) {
    if (PLAIN_WORD.test(word) && !isGrammarWord(word)) {
      close();
      parts.push(word);
      continue;
    }
    if (phrase.length === 0 || word.includes(mark)) {
      close();
      mark = word.includes('"') ? "'" : '"';
    }
    phrase.push(word);
  }
  close();
  return parts;
}

/** A filter value as typed, in quotes when it holds a space, opens a quote or ends in punctuation the parser drops. */
function value(text: string): string {
  if (/^[^\s"']\S*$/.test(text) && stripTrailing(text) === text) return text;
  return text.includes('"') ? `'${text}'` : `"${text}"`;
}

function changedPart(changed: ChangedFilter): string {
  if ('since' in changed) return `since:${value(changed.since)}`;
  const { count, unit } = splitSpan(changed.withinMinutes);
  return `changed:${count}${unit}`;
}
