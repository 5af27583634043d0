import { closestWord } from './closest-word.js';
import { type ParsedQuery, QueryDraft } from './query-draft.js';
import { HELP_WORDS, type Key, KEYS, knownKey, STATS_WORD, STATUS_WORDS, TYPE_WORDS, typoOf } from './query-words.js';
import { looksLikeAddress } from './ip-address.js';
import {
  addressProblem,
  clip,
  KEY_EXAMPLE,
  PHONE_MORE,
  PHONE_START,
  readId,
  readIp,
  readPage,
  readPhone,
  readPrefix,
  readSince,
  readSpan,
  readStatus,
  readText,
  readType,
  readWordAddress,
} from './read-values.js';
import { decodeSlackInput } from './slack-text.js';
import { stripTrailing, type Token, tokenize } from './tokenize-query.js';
import type { TrunkStatus } from './trunk-request.js';

export type { ParsedQuery } from './query-draft.js';

const MAX_INPUT = 2_000;
const PAIR = /^([a-z][\w-]*)[:=](.*)$/is;
const TIME_OF_DAY = /^\d{1,2}:\d{2}$/;

/**
 * Reads `/trunks` arguments (or the words after a mention) into a request. Filters combine in any order:
 * direction, status and `stats` words, addresses, phone numbers and IDs typed bare, `key:value` (or
 * `key=value`, `key: value`) for every filter, `page N`, and whatever is left as words of the name.
 */
export function parseQuery(raw: string): ParsedQuery {
  const text = decodeSlackInput(raw).trim();
  if (text === '') return { kind: 'query', request: { page: 1 } };
  if (text.length > MAX_INPUT)
    return { kind: 'invalid', problems: [`That is ${text.length} characters long; keep filters under ${MAX_INPUT}.`] };

  const tokens = tokenize(text);
  const only = tokens.length === 1 && !tokens[0]!.quoted ? tokens[0]!.text.toLowerCase() : undefined;
  if (only !== undefined && (HELP_WORDS.has(only) || HELP_WORDS.has(stripTrailing(only)))) return { kind: 'help' };

  const draft = new QueryDraft();
  for (let i = 0; i < tokens.length; ) i = readToken(tokens, i, draft);
  return draft.finish();
}

/** Reads the token at `i` (and any it takes with it); returns where the next one starts. */
function readToken(tokens: Token[], i: number, draft: QueryDraft): number {
  const token = tokens[i]!;
  // Rule 1: quoted text is always part of the name; `key:"…"` is that filter.
  if (token.key !== undefined) return readFilter(token.key, token, tokens, i, draft);
  if (token.quoted) {
    draft.addNameWord(token.text);
    return i + 1;
  }
  const word = token.text;
  const bare = stripTrailing(word);
  // Rule 2: an address or range typed bare.
  const address = readWordAddress(word);
  if (address !== undefined) {
    draft.addIp(address);
    return i + 1;
  }
  if (looksLikeAddress(bare)) {
    draft.problem(addressProblem(bare));
    return i + 1;
  }
  // Rule 3: a phone number, which people type in groups (`+44 20 7946 0122`); other 7+-digit numbers may be IDs.
  if (PHONE_START.test(bare) && /\d/.test(bare)) return readNumber(tokens, i, bare, bare !== word, false, draft);
  if (/^\d{7,}$/.test(bare)) {
    draft.addIdOrNumber(bare);
    return i + 1;
  }
  // Rule 4: `key:value`; a word that merely ends in a colon (`globex: down`) is a word.
  const pair = PAIR.exec(word);
  if (
    pair &&
    (knownKey(pair[1]!) !== undefined || closestWord(pair[1]!, KEYS) !== undefined || stripTrailing(pair[2]!) !== '')
  ) {
    return readFilter(pair[1]!, { text: pair[2]!, quoted: false }, tokens, i, draft);
  }
  // Rule 5: flags are not part of the grammar.
  if (bare.startsWith('-') && bare.length > 1) {
    draft.problem(`Unknown option \`${clip(bare)}\`: trunkbot takes words, not flags.`);
    return i + 1;
  }
  // Rule 6: words of the grammar; `page 2` means `page:2`.
  const lower = bare.toLowerCase();
  const next = tokens[i + 1];
  if (lower === 'page' && next !== undefined && !next.quoted && /^\d+$/.test(stripTrailing(next.text))) {
    draft.take(readPage(stripTrailing(next.text)), (page) => draft.setPage(page));
    return i + 2;
  }
  const type = /^\d$/.test(lower) ? undefined : TYPE_WORDS.get(lower);
  const typo = typoOf(lower);
  if (type !== undefined) draft.setType(type, bare);
  else if (STATUS_WORDS.has(lower as TrunkStatus)) draft.addStatus(lower as TrunkStatus);
  else if (lower === STATS_WORD) draft.setStats();
  else if (HELP_WORDS.has(lower)) draft.problem('`help` goes on its own: `/trunks help`.');
  // Rule 7: a near miss of a direction word is a typo, not a name (use `name:` to search for it anyway).
  else if (typo !== undefined)
    draft.problem(
      `Did you mean \`${typo}\` instead of \`${clip(bare)}\`? To search for a trunk named that, use \`name:${clip(bare)}\`.`,
    );
  // Rule 8: everything else is the name; punctuation on its own (`?`, `…,`) says nothing.
  else if (bare !== '') draft.addNameWord(bare);
  return i + 1;
}

/** Reads `key:value` at `i`; a key with nothing after it takes the next token (`name: acme`). */
function readFilter(typedKey: string, first: Token, tokens: Token[], i: number, draft: QueryDraft): number {
  const key = knownKey(typedKey);
  if (key === undefined) {
    const hint = closestWord(typedKey, KEYS);
    const known = KEYS.map((k) => `\`${k}:\``).join(', ');
    draft.problem(
      `Unknown filter \`${clip(typedKey)}:\`.${hint ? ` Did you mean \`${hint}:\`?` : ` Filters are ${known}.`}`,
    );
    return i + 1;
  }
  let at = i;
  let token = first;
  const following = tokens[i + 1];
  if (!first.quoted && first.text === '' && following !== undefined && !isFilter(following)) {
    at = i + 1;
    token = following;
  }
  const value = token.quoted ? token.text : stripTrailing(token.text);
  // An address may end in colons (`ip: ::`), which stripping takes for punctuation.
  if (value === '' && (key !== 'ip' || token.text === '')) {
    draft.problem(`\`${key}:\` needs a value, e.g. ${KEY_EXAMPLE[key]}.`);
    return at + 1;
  }
  if (key === 'number' && !token.quoted) return readNumber(tokens, at, value, value !== token.text, true, draft);
  if (key === 'since' && !token.quoted) return readSinceWithTime(tokens, at, value, draft);
  readValue(key, value, token.text, draft);
  return at + 1;
}

function readValue(key: Key, value: string, typed: string, draft: QueryDraft): void {
  if (key === 'name') draft.addExplicitName(value);
  else if (key === 'type') draft.take(readType(value), (type) => draft.setType(type, `type:${value}`));
  else if (key === 'status') draft.take(readStatus(value), (status) => draft.addStatus(status));
  else if (key === 'page') draft.take(readPage(value), (page) => draft.setPage(page));
  else if (key === 'ip') draft.take(readIp(typed), (ip) => draft.addIp(ip));
  else if (key === 'number') draft.take(readPhone(value, true), (number) => draft.addNumber(number));
  else if (key === 'id') draft.take(readId(value), (id) => draft.addId(id));
  else if (key === 'prefix') draft.take(readPrefix(value), (prefix) => draft.setOnce('prefix', prefix));
  else if (key === 'changed')
    draft.take(readSpan(value), (withinMinutes) => draft.setChanged({ withinMinutes }, 'changed'));
  else if (key === 'since') draft.take(readSince(value), (since) => draft.setChanged({ since }, 'since'));
  else draft.take(readText(key, value), (text) => draft.setOnce(key, text));
}

/** A phone number from `first` (token `at`) and the number-like words after it, unless punctuation ended it. */
function readNumber(
  tokens: Token[],
  at: number,
  first: string,
  ended: boolean,
  viaKey: boolean,
  draft: QueryDraft,
): number {
  const pieces = [first];
  let next = at + 1;
  for (let stop = ended; !stop && next < tokens.length; next++) {
    const token = tokens[next]!;
    const bare = stripTrailing(token.text);
    if (token.quoted || !PHONE_MORE.test(bare)) break;
    pieces.push(bare);
    stop = bare !== token.text;
  }
  draft.take(readPhone(pieces.join(' '), viaKey), (number) => draft.addNumber(number));
  return next;
}

/** `since:2025-05-08 14:00` typed without quotes: the time is the next word. */
function readSinceWithTime(tokens: Token[], at: number, date: string, draft: QueryDraft): number {
  const next = tokens[at + 1];
  const time = next !== undefined && !next.quoted ? stripTrailing(next.text) : '';
  const withTime = TIME_OF_DAY.test(time) && /^[\d-]+$/.test(date);
  draft.take(readSince(withTime ? `${date} ${time}` : date), (since) => draft.setChanged({ since }, 'since'));
  return withTime ? at + 2 : at + 1;
}

/** Whether a token is a filter of its own, so a `key:` before it does not take it as its value. */
function isFilter(token: Token): boolean {
  if (token.key !== undefined) return true;
  const pair = token.quoted ? null : PAIR.exec(token.text);
  return pair !== null && knownKey(pair[1]!) !== undefined;
}
