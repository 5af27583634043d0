import { oneLine } from './slack-text.js';

/** One piece of typed text: a bare word, a "quoted phrase", or the quoted value of `key:"…"`. */
export interface Token {
  /** The word as typed, or the quoted text with its white space collapsed. */
  text: string;
  quoted: boolean;
  /** The key (as typed) of `key:"…"` or `key="…"`. */
  key?: string;
}

/**
 * Splits on white space, keeping "quoted phrases" and key:"quoted values" whole; an unclosed quote runs to
 * the end. A quote only opens at the start of a word (or right after `key:`), so `o'reilly` is one word.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(/(?:([a-z][\w-]*)[:=])?(["'])(.*?)(?:\2|$)|(\S+)/gis)) {
    const quoted = oneLine(m[3] ?? '');
    if (m[4] !== undefined) tokens.push({ text: m[4], quoted: false });
    else if (m[1] !== undefined) tokens.push({ text: quoted, quoted: true, key: m[1] });
    else if (quoted !== '') tokens.push({ text: quoted, quoted: true });
  }
  return tokens;
}

/** A word without the punctuation a sentence puts after it (`acme?`, `outgoing,`, `down.`). */
export function stripTrailing(word: string): string {
  return word.replace(/[.,;:!?]+$/, '');
}
