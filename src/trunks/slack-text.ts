/** Text helpers for what Slack sends us and what we send back as mrkdwn. */

const SMART_QUOTES: Record<string, string> = {
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u201F': '"',
  '\u2033': '"',
  '\u00AB': '"',
  '\u00BB': '"',
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201B': "'",
  '\u2032': "'",
};

// The characters decodeSlackInput acts on: a link or mention, an entity, a smart quote, a control character.
const NEEDS_DECODING =
  /[<&\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB\u2018\u2019\u201A\u201B\u2032\u0000-\u001F\u007F-\u009F\u2028\u2029]/;

/**
 * Turns what a Slack client sent into what the user typed: Slack's `<…>` links and mentions become
 * their labels, `&amp;`/`&lt;`/`&gt;` are unescaped, smart quotes become straight ones, control
 * characters become spaces.
 */
export function decodeSlackInput(raw: string): string {
  // Most input has none of these: it is what the user typed already.
  if (!NEEDS_DECODING.test(raw)) return raw;
  return raw
    .replace(/<([^<>]*)>/g, (_m, inner: string) => {
      const [target = '', label] = inner.split('|', 2);
      if (label !== undefined) return target.startsWith('@') ? `@${label}` : label;
      if (target.startsWith('mailto:')) return target.slice('mailto:'.length);
      return target;
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB\u2018\u2019\u201A\u201B\u2032]/g, (q) => SMART_QUOTES[q] ?? q)
    .replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g, ' ');
}

/** Escapes the three characters Slack treats as control sequences, so no text can ping or link. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const NEEDS_ESCAPE = /[&<>"\\]/;

// What a character costs once escaped for mrkdwn and then for JSON on the wire (`"` and `\` double).
const cost = (piece: string) => (piece === '"' || piece === '\\' ? 2 : piece.length);

/**
 * Escapes `text` and shortens it so the result costs at most `max` characters on the wire (escaping can
 * grow text five-fold), never cutting inside an entity; a cut is marked with an ellipsis.
 */
export function escapeClip(text: string, max: number): string {
  // Nothing to escape and short enough (each code unit costs at most one): most vendor values.
  if (text.length < max && !NEEDS_ESCAPE.test(text)) return text;
  let out = '';
  let used = 0;
  for (const ch of text) {
    const piece = ENTITY[ch] ?? ch;
    if (used + cost(piece) > max - 1) return `${out}…`;
    out += piece;
    used += cost(piece);
  }
  return out;
}

/** Collapses runs of white space (including newlines) to single spaces. */
export function oneLine(text: string): string {
  // Most values have single spaces only, and none at the ends: kept as they are.
  if (!LOOSE_SPACE.test(text)) return text;
  return text.replace(/\s+/g, ' ').trim();
}

// White space other than a single space, or a space at either end.
const LOOSE_SPACE = /[^\S ]| {2}|^ | $/;

/** Bold mrkdwn, unless the text holds an asterisk or backtick, which would end the bold early. */
export function bold(escaped: string): string {
  return /[*`]/.test(escaped) ? escaped : `*${escaped}*`;
}

/** Upper-cases the first letter. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Shortens to at most `max` characters, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/** An escaped inline code span; backticks inside would end the span early, so they become quotes. */
export function code(text: string, max = 45): string {
  return `\`${escapeClip(oneLine(text.replace(/`/g, "'")), max)}\``;
}

/** Slack's date token: each reader sees the time in their own zone; `fallback` is for old clients. */
export function slackDate(date: Date, format: string, fallback: string): string {
  const epoch = Math.floor(date.getTime() / 1000);
  return `<!date^${epoch}^${format}|${escapeMrkdwn(fallback).replace(/\|/g, '/')}>`;
}

let counts: Intl.NumberFormat | undefined;

/** A count as people read it: 10,000 (one formatter, made on first use: the first one loads ICU data). */
export function formatCount(n: number): string {
  // Below 1,000 a whole number reads the same without the formatter, which costs a few µs a call.
  if (Number.isInteger(n) && n >= 0 && n < 1_000 && !Object.is(n, -0)) return String(n);
  counts ??= new Intl.NumberFormat('en-US');
  return counts.format(n);
}
