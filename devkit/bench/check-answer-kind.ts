import { replyKind } from './check-reply.js';
import type { QueryKind } from './inventory-queries.js';

type Body = Record<string, unknown>;
interface Block {
  type?: unknown;
  text?: { text?: unknown };
  elements?: { text?: unknown }[];
}

const GIST_CHARS = 70;

/**
 * Undefined when `body` is the kind of answer a `kind` query asks for; otherwise why not, worded alike
 * for every query of the kind (digits shown as #) so the report can count them. Every query the bench
 * sends matches at least one trunk, so an empty list means the words were read as something else
 * (e.g. `down` or a phone number as words of a trunk name).
 */
export function checkAnswerKind(kind: QueryKind, body: Body): string | undefined {
  if (replyKind(body) !== 'page') return `${kind}: not a trunk list or summary: "${gist(body.text)}"`;
  const blocks = body.blocks as Block[];
  const header = String(blocks[0]?.text?.text ?? '');
  const countLine = String(blocks[1]?.elements?.[0]?.text ?? '');
  // A summary is headed "Summary of SIP trunks…" (or of the filtered ones); a list says which page it shows.
  if (kind === 'stats') {
    if (!header.startsWith('Summary of')) return `stats: header "${gist(header)}", not a summary's`;
    return /\bpage \d/.test(countLine) ? `stats: a list ("${gist(countLine)}"), not a summary` : undefined;
  }
  const total = /^(\d[\d,]*) trunks?\b/.exec(countLine)?.[1];
  if (total === undefined) return `${kind}: no trunk count under the header "${gist(header)}"`;
  const matched = Number(total.replaceAll(',', ''));
  if (matched === 0) return `${kind}: no trunk matched, under the header "${gist(header)}"`;
  if (kind !== 'down') return undefined;
  const down = /· (\d[\d,]*) down\b/.exec(countLine)?.[1];
  const allDown = down === undefined ? undefined : Number(down.replaceAll(',', '')) === matched;
  if (/down/i.test(header)) return allDown === false ? 'down: the list holds trunks that are not down' : undefined;
  const list =
    allDown === undefined ? 'no down count under it' : allDown ? 'the list holds only down trunks' : 'nor is the list';
  return `down: header "${gist(header)}" does not say down (${list})`;
}

function gist(text: unknown): string {
  const flat = String(text ?? '')
    .replace(/\s+/g, ' ')
    .replace(/\d/g, '#');
  return flat.length > GIST_CHARS ? `${flat.slice(0, GIST_CHARS)}…` : flat;
}
