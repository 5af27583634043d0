import { TRUNK_TYPE, type TrunkType } from './trunk.js';
import { closestWord } from './closest-word.js';
import { decodeSlackInput } from './slack-text.js';
import { MAX_NAME_LENGTH, MAX_PAGE, type TrunkRequest } from './trunk-request.js';

/** The outcome of reading a user's filter text. */
export type ParsedQuery =
  | { kind: 'query'; request: TrunkRequest }
  | { kind: 'help' }
  | { kind: 'invalid'; problems: string[] };

// A Map, not an object literal: user words such as `constructor` must not find Object.prototype members.
const TYPE_WORDS = new Map<string, TrunkType | 'all'>([
  ['outgoing', TRUNK_TYPE.outgoing],
  ['out', TRUNK_TYPE.outgoing],
  ['1', TRUNK_TYPE.outgoing],
  ['incoming', TRUNK_TYPE.incoming],
  ['in', TRUNK_TYPE.incoming],
  ['2', TRUNK_TYPE.incoming],
  ['all', 'all'],
]);
// Only the long direction words get typo suggestions: short ones would flag real names (kelp → help).
const TYPO_TARGETS = ['outgoing', 'incoming'];
const KEYS = ['type', 'name', 'page'];
const HELP_WORDS = new Set(['help', '?', '-h', '--help', 'usage']);
const MAX_INPUT = 2_000;

/**
 * Reads `/trunks` arguments (or the words after a mention) into a request.
 * Grammar: direction words or `type:`, `name:` or leftover bare words, `page:N`, `help`.
 */
export function parseQuery(raw: string): ParsedQuery {
  const text = decodeSlackInput(raw).trim();
  if (text === '') return { kind: 'query', request: { page: 1 } };
  if (text.length > MAX_INPUT)
    return invalid(`That is ${text.length} characters long; keep filters under ${MAX_INPUT}.`);

  const tokens = tokenize(text);
  if (tokens.length === 1 && !tokens[0]!.quoted && HELP_WORDS.has(tokens[0]!.text.toLowerCase()))
    return { kind: 'help' };

  const problems: string[] = [];
  const nameWords: string[] = [];
  let type: TrunkType | 'all' | undefined;
  let explicitName: string | undefined;
  let page: number | undefined;

  const setType = (value: TrunkType | 'all', shown: string) => {
    if (type !== undefined && type !== value)
      problems.push(`\`${shown}\` contradicts the direction given earlier: pick one of outgoing or incoming.`);
    type = value;
  };

  for (const token of tokens) {
    const lower = token.text.toLowerCase();
    // Rule 1: quoted text is always part of the name.
    if (token.quoted) {
      nameWords.push(token.text);
      continue;
    }
    // Rule 2: `key:value`.
    const kv = /^([a-z][\w-]*):(.*)$/is.exec(token.text);
    if (kv) {
      const key = kv[1]!.toLowerCase();
      const value = kv[2]!.trim();
      if (key === 'type') {
        const t = TYPE_WORDS.get(value.toLowerCase());
        if (t !== undefined) setType(t, token.text);
        else problems.push(unknownType(value));
      } else if (key === 'name') {
        if (value === '') problems.push('`name:` needs a value, e.g. `name:acme` or `name:"acme corp"`.');
        else explicitName = explicitName === undefined ? value : `${explicitName} ${value}`;
      } else if (key === 'page') {
        const n = /^\d{1,6}$/.test(value) ? Number(value) : NaN;
        if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE)
          problems.push(
            `\`page:${clip(value)}\` isn't a page number: use a whole number from 1 to ${MAX_PAGE}, e.g. \`page:2\`.`,
          );
        else if (page !== undefined && page !== n) problems.push('Give `page:` only once.');
        else page = n;
      } else {
        const hint = closestWord(key, KEYS);
        problems.push(
          `Unknown filter \`${clip(key)}:\`.${hint ? ` Did you mean \`${hint}:\`?` : ' Filters are `type:`, `name:` and `page:`.'}`,
        );
      }
      continue;
    }
    // Rule 3: flags are not part of the grammar.
    if (token.text.startsWith('-') && token.text.length > 1) {
      problems.push(`Unknown option \`${clip(token.text)}\`: trunkbot takes words, not flags.`);
      continue;
    }
    // Rule 4: direction words.
    const t = TYPE_WORDS.get(lower);
    if (t !== undefined && !/^\d$/.test(lower)) {
      setType(t, token.text);
      continue;
    }
    if (HELP_WORDS.has(lower)) {
      problems.push('`help` goes on its own: `/trunks help`.');
      continue;
    }
    // Rule 5: a near-miss of a keyword is a typo, not a name (use `name:` to search for it anyway).
    const typo = closestWord(lower, TYPO_TARGETS);
    if (typo) {
      problems.push(
        `Did you mean \`${typo}\` instead of \`${clip(token.text)}\`? To search for a trunk named that, use \`name:${clip(token.text)}\`.`,
      );
      continue;
    }
    // Rule 6: everything else is the name.
    nameWords.push(token.text);
  }

  if (explicitName !== undefined && nameWords.length > 0) {
    problems.push('Give the name either as `name:…` or as plain words, not both.');
  }
  const name = (explicitName ?? nameWords.join(' ')).replace(/\s+/g, ' ').trim();
  if (Array.from(name).length > MAX_NAME_LENGTH)
    problems.push(`The name filter is too long: keep it under ${MAX_NAME_LENGTH} characters.`);
  if (problems.length > 0) return { kind: 'invalid', problems };

  const request: TrunkRequest = { page: page ?? 1 };
  if (type !== undefined && type !== 'all') request.type = type;
  if (name !== '') request.name = name;
  return { kind: 'query', request };
}

interface Token {
  text: string;
  quoted: boolean;
}

/** Splits on spaces, keeping "quoted phrases" and key:"quoted values" whole; an unclosed quote runs to the end. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const re = /([a-z][\w-]*:)?(["'])(.*?)(?:\2|$)|(\S+)/gis;
  for (const m of text.matchAll(re)) {
    if (m[4] !== undefined) tokens.push({ text: m[4], quoted: false });
    else if (m[1] !== undefined) tokens.push({ text: `${m[1]}${m[3] ?? ''}`, quoted: false });
    else if ((m[3] ?? '').trim() !== '') tokens.push({ text: m[3]!.trim(), quoted: true });
  }
  return tokens;
}

function unknownType(value: string): string {
  const hint = closestWord(value.toLowerCase(), TYPO_TARGETS);
  return `\`type:${clip(value)}\` isn't a trunk type.${hint ? ` Did you mean \`type:${hint}\`?` : ''} Use \`outgoing\` (\`out\`, \`type:1\`) or \`incoming\` (\`in\`, \`type:2\`).`;
}

function invalid(problem: string): ParsedQuery {
  return { kind: 'invalid', problems: [problem] };
}

// User text echoed into a message is clipped here and escaped by the renderer.
function clip(text: string): string {
  const chars = Array.from(text.replace(/`/g, "'"));
  return chars.length > 40 ? `${chars.slice(0, 39).join('')}…` : chars.join('');
}
