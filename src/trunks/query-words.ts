import { closestWord } from './closest-word.js';
import { TRUNK_TYPE, type TrunkType } from './trunk.js';
import type { TrunkStatus } from './trunk-request.js';

// Maps and Sets, not object literals: user words such as `constructor` must not find Object.prototype members.

/** Direction words and `type:` values; the digits only count after `type:` (a bare `2` is part of a name). */
export const TYPE_WORDS = new Map<string, TrunkType | 'all'>([
  ['outgoing', TRUNK_TYPE.outgoing],
  ['out', TRUNK_TYPE.outgoing],
  ['1', TRUNK_TYPE.outgoing],
  ['incoming', TRUNK_TYPE.incoming],
  ['in', TRUNK_TYPE.incoming],
  ['2', TRUNK_TYPE.incoming],
  ['all', 'all'],
]);

/** Status words, bare or after `status:`. */
export const STATUS_WORDS = new Set<TrunkStatus>(['down', 'up', 'enabled', 'disabled']);

/** Words that ask for the usage text when they are all there is. */
export const HELP_WORDS = new Set(['help', '?', '-h', '--help', 'usage']);

/** The word that asks for a summary instead of a list. */
export const STATS_WORD = 'stats';

/** Every `key:` the grammar knows, in the order the usage text and hints list them. */
export const KEYS = [
  'name',
  'type',
  'status',
  'ip',
  'number',
  'id',
  'account',
  'group',
  'prefix',
  'changed',
  'since',
  'page',
] as const;
export type Key = (typeof KEYS)[number];

const KEY_SET = new Set<string>(KEYS);

/** The key a user typed (any case), if the grammar knows it. */
export function knownKey(typed: string): Key | undefined {
  const lower = typed.toLowerCase();
  return KEY_SET.has(lower) ? (lower as Key) : undefined;
}

// Only the long direction words get typo suggestions: short ones would flag real names (kelp → help).
const TYPO_TARGETS = ['outgoing', 'incoming'];

// Name words recur (every button of a page writes the query again): each word's answer is kept, a few thousand at most.
const typos = new Map<string, string | undefined>();
const MAX_TYPOS_KEPT = 4_096;

/** The direction word a bare word is a near miss of, e.g. `outgoign` → `outgoing`. */
export function typoOf(word: string): string | undefined {
  const lower = word.toLowerCase();
  if (typos.has(lower)) return typos.get(lower);
  if (typos.size >= MAX_TYPOS_KEPT) typos.clear();
  const typo = closestWord(lower, TYPO_TARGETS);
  typos.set(lower, typo);
  return typo;
}

// `page` reads the number after it; `trunks` is dropped from the start of a mention.
const OTHER_WORDS = new Set(['page', 'trunk', 'trunks', STATS_WORD]);

/** Whether a bare word means something to the grammar (or to a mention), so a name holding it must be quoted. */
export function isGrammarWord(word: string): boolean {
  const lower = word.toLowerCase();
  return (
    TYPE_WORDS.has(lower) ||
    STATUS_WORDS.has(lower as TrunkStatus) ||
    HELP_WORDS.has(lower) ||
    OTHER_WORDS.has(lower) ||
    typoOf(lower) !== undefined
  );
}
